package dev.keel.proofs.mutation;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManifestTest {

    private static final List<String> ONE = List.of(
            "# comment",
            "[drop-check]",
            "file: kernel/src/main/java/dev/keel/kernel/cap/Rights.java",
            "method: diminish",
            "description: a bug",
            "find:         a = 1;\\n        b = 2;",
            "replace:         b = 2;",
            "");

    @Test
    void parsesABlockWithLineBreaksAndLeadingSpaces() {
        List<Mutant> m = Manifest.parse(ONE);
        assertEquals(1, m.size());
        assertEquals("drop-check", m.get(0).name());
        assertEquals("        a = 1;\n        b = 2;", m.get(0).find());
        assertEquals("        b = 2;", m.get(0).replace());
        assertEquals("dev.keel.kernel.cap.Rights", m.get(0).className());
    }

    @Test
    void anEmptyReplaceDeletesTheText() {
        List<Mutant> m = Manifest.parse(List.of("[del]", "file: kernel/src/main/java/A.java", "method: m", "description: d",
                "find: x--;\\n", "replace:"));
        assertEquals("", m.get(0).replace());
        assertEquals("a\nb", m.get(0).apply("a\nx--;\nb"));
    }

    @Test
    void applyNeedsExactlyOneOccurrence() {
        Mutant m = Manifest.parse(ONE).get(0);
        String text = "x\n        a = 1;\n        b = 2;\ny";
        assertEquals("x\n        b = 2;\ny", m.apply(text));
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> m.apply("nothing"));
        assertTrue(none.getMessage().contains("drop-check"), none.getMessage());
        IllegalStateException twice = assertThrows(IllegalStateException.class, () -> m.apply(text + text));
        assertTrue(twice.getMessage().contains("more than once"), twice.getMessage());
    }

    @Test
    void errorsNameTheLineOrTheMutant() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Manifest.parse(List.of("[a]", "file: kernel/src/main/java/A.java", "find: x")));
        assertTrue(missing.getMessage().contains("missing key"), missing.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Manifest.parse(List.of("[a]", "colour: red")));
        assertTrue(unknown.getMessage().contains("line 2"), unknown.getMessage());
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> Manifest.parse(
                List.of("[a]", "file: k/src/main/java/A.java", "method: m", "description: d", "find: x", "replace: y", "[a]")));
        assertTrue(twice.getMessage().contains("defined twice"), twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Manifest.parse(List.of("# nothing")));
    }

    @Test
    void aMutantThatChangesNothingIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Manifest.parse(
                List.of("[a]", "file: kernel/src/main/java/A.java", "method: m", "description: d", "find: x", "replace: x")));
    }

    /**
     * The checked-in manifest: well formed, big enough, naming files that exist, and each find text
     * still occurring exactly once in the kernel as it is, so an edit of the kernel cannot leave a
     * mutant that the mutation run would refuse.
     */
    @Test
    void theCheckedInManifestIsWellFormed() throws IOException {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        List<Mutant> all = Manifest.parse(Files.readAllLines(repo.resolve("proofs/mutation/mutants.txt"),
                StandardCharsets.UTF_8));
        assertTrue(all.size() >= 12, "at least 12 mutants, found " + all.size());
        Set<String> files = new HashSet<>();
        for (Mutant m : all) {
            assertTrue(Files.isRegularFile(m.path(repo)), m.name() + ": no file " + m.file());
            assertTrue(m.file().startsWith("kernel/src/main/java/"), m.name() + ": not a kernel source");
            m.apply(Files.readString(m.path(repo), StandardCharsets.UTF_8));
            files.add(m.file());
        }
        assertTrue(files.size() >= 6, "mutants spread over at least 6 kernel files, found " + files);
    }
}
