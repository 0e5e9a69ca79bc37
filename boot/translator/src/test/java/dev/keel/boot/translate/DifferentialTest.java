package dev.keel.boot.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every corpus program prints the same on the JVM and as a hosted native binary. */
class DifferentialTest {

    private static final long[] SAMPLE = {3, -7, 0x7fffffffL, Long.MIN_VALUE, 123456789012345L, -1, 42, 65536};
    private static int identical;

    @TestFactory
    List<DynamicTest> corpusProgramsMatchTheJvm() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String p : Corpus.PROGRAMS) {
            if (p.equals("Panics")) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(p, () -> {
                for (long[] in : List.of(new long[0], SAMPLE)) {
                    String jvm = Corpus.runJvm(p, in);
                    String nat = Corpus.runNative(p, in);
                    assertFalse(jvm.isEmpty(), "program printed nothing");
                    assertEquals(jvm, nat, p + " with input" + Corpus.args(in));
                }
                count();
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> panicsNameTheSameKindMethodAndLine() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int c = 0; c < 24; c++) {
            long[] in = {c};
            tests.add(DynamicTest.dynamicTest("panic case " + c, () -> {
                String jvm = Corpus.runJvm("Panics", in);
                String nat = Corpus.runNative("Panics", in);
                assertEquals(jvm, nat);
                if (in[0] < 23) {
                    assertTrue(nat.contains("PANIC "), "case " + in[0] + " must panic: " + nat);
                }
            }));
        }
        tests.add(DynamicTest.dynamicTest("Panics program", DifferentialTest::count));
        return tests;
    }

    @Test
    void translatedSourceCarriesLineDirectives() throws Exception {
        Corpus.binary();
        String c = java.nio.file.Files.readString(Corpus.TARGET.resolve("corpus-c/corpus.c"));
        assertTrue(c.contains("#line "), "no #line directives");
        assertTrue(c.contains("\"dev/keel/boot/corpus/CapTable.java\""), "no source path in #line");
        // The debug line table of the object names the Java sources, so GDB shows Java lines.
        java.nio.file.Path dir = Corpus.TARGET.resolve("corpus-c");
        Gcc.Result cc = Gcc.run(List.of("gcc", "-std=c11", "-O2", "-g", "-DKEEL_HOSTED", "-I", dir.toAbsolutePath().toString(),
                "-c", "-o", dir.resolve("corpus-g.o").toAbsolutePath().toString(),
                dir.resolve("corpus.c").toAbsolutePath().toString()), dir);
        assertTrue(cc.ok(), cc.output());
        Gcc.Result lines = Gcc.run(List.of("objdump", "--dwarf=decodedline",
                dir.resolve("corpus-g.o").toAbsolutePath().toString()), dir);
        assertTrue(lines.output().contains("CapTable.java"), "no Java file in the DWARF line table");
        assertTrue(lines.output().contains("PageTable.java"), "no Java file in the DWARF line table");
    }

    private static synchronized void count() {
        identical++;
    }

    @AfterAll
    static void summary() {
        Summary.put("corpus", identical + " corpus programs identical on JVM and native (hosted)");
        Summary.put("timing", "corpus translated in " + Corpus.translateMillis + " ms, gcc " + Corpus.compileMillis + " ms");
    }
}
