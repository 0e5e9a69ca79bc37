package dev.keel.boot.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JUnit test methods as entry points: the same verdict natively as on the JVM. */
class JUnitEntryTest {

    private static final String CASES = "dev.keel.boot.corpus.CapTableUnitCases";
    private static final List<String> METHODS = List.of("mintDiminishesRights", "revokeEmptiesDerivedSlots", "objectsAndBytes",
            "failsOnBytes", "concatenates", "failsOnPurpose");

    @Test
    void unitCasesGiveTheSameVerdictNatively() throws Exception {
        List<EntryPoint> entries = METHODS.stream().map(m -> EntryPoint.of(CASES, m, "()V", "t_" + m)).toList();
        Path dir = Corpus.TARGET.resolve("junit-c");
        Files.createDirectories(dir);
        Path src = dir.resolve("cases.c");
        Files.writeString(src, Translator.translateTests(Corpus.classpath(), entries));
        Path exe = dir.resolve("cases");
        Gcc.Result r = Gcc.hosted(dir, src, exe, true, List.of());
        assertTrue(r.ok(), r.output());
        for (String m : METHODS) {
            assertEquals(jvm(m), Corpus.runNative(exe, "t_" + m, new long[0]), m);
        }
        assertTrue(jvm("failsOnPurpose").startsWith("PANIC AssertionFailedError at " + CASES + ".failsOnPurpose line "));
        assertTrue(jvm("failsOnBytes").startsWith("PANIC AssertionFailedError at " + CASES + ".failsOnBytes line "));
        assertEquals("", jvm("objectsAndBytes"));
        assertEquals("", jvm("concatenates"));
    }

    /** Runs one case as JUnit would (new instance, @BeforeEach, method); a failure prints as a panic. */
    private static String jvm(String method) throws Exception {
        Class<?> c = Class.forName(CASES, true, new Corpus.FreshLoader());
        Object o = c.getDeclaredConstructor().newInstance();
        Method setUp = c.getDeclaredMethod("setUp");
        setUp.setAccessible(true);
        Method m = c.getDeclaredMethod(method);
        m.setAccessible(true);
        try {
            setUp.invoke(o);
            m.invoke(o);
            return "";
        } catch (InvocationTargetException e) {
            return Corpus.panicLine(e.getCause());
        }
    }
}
