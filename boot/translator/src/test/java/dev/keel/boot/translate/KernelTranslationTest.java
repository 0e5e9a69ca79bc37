package dev.keel.boot.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The kernel itself: every method of every kernel class translates and compiles freestanding
 * with no warning; the kernel scenarios print the same natively as on the JVM; and the kernel's
 * own JUnit tests whose code lies inside the subset give the same verdict natively.
 */
class KernelTranslationTest {

    private static String library = "";
    private static int scenarioRuns;
    private static String unitTests = "";

    @BeforeAll
    static void kernelBuilt() {
        assumeTrue(Kernel.built(), "kernel classes not built at " + Kernel.CLASSES + " (mvn -pl hw,kernel install)");
    }

    @Test
    void everyKernelMethodTranslatesAndCompilesFreestanding() throws Exception {
        long t0 = System.nanoTime();
        String c = Translator.translateAll(List.of(Kernel.CLASSES), List.of(Kernel.HW));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Path dir = Corpus.TARGET.resolve("kernel-c");
        Files.createDirectories(dir);
        Path src = dir.resolve("kernel.c");
        Files.writeString(src, c);
        Gcc.Result r = Gcc.freestanding(dir, src, true);
        assertTrue(r.ok() && r.output().isBlank(), r.output());
        int classes = new ClassPool(List.of(Kernel.CLASSES)).allClassNames().size();
        library = "kernel: all " + classes + " classes translated (" + ms + " ms), freestanding clean";
    }

    @Test
    void scenariosMatchTheJvm() {
        long[][] inputs = {{}, {1, 2, 3, 0x2081, 0x6001, 77, 0x105, 12345678901L, -1}};
        for (String s : Kernel.SCENARIOS) {
            for (long[] in : inputs) {
                String[] out = Kernel.both(s, in);
                assertEquals(out[0], out[1], s + " with input" + Corpus.args(in));
                assertTrue(out[0].length() > 20, s + " printed little: " + out[0]);
                scenarioRuns++;
            }
        }
    }

    @Test
    void kernelUnitTestsInsideTheSubsetPassNatively() throws Exception {
        assumeTrue(Files.isDirectory(Kernel.TEST_CLASSES), "kernel tests not compiled");
        List<Path> cp = List.of(Kernel.TEST_CLASSES, Kernel.CLASSES, Kernel.HW, Corpus.MAIN_CLASSES);
        ClassPool pool = new ClassPool(cp);
        List<EntryPoint> inside = new ArrayList<>();
        StringBuilder outside = new StringBuilder();
        int total = 0;
        for (String c : new ClassPool(List.of(Kernel.TEST_CLASSES)).allClassNames()) {
            ClassNode node = pool.find(c);
            for (MethodNode m : node.methods) {
                if (!isTest(m)) {
                    continue;
                }
                total++;
                EntryPoint e = EntryPoint.of(c, m.name, m.desc, "k" + total);
                String why;
                try {
                    Program p = Reachability.analyse(new ClassPool(cp).withTestConveniences(), List.of(e));
                    p.testConveniences = true;
                    List<Violation> vs = SubsetChecker.check(p);
                    why = vs.isEmpty() ? null : vs.size() + " violation(s), first: " + vs.get(0);
                } catch (TranslationException ex) {
                    why = ex.getMessage();
                }
                if (why == null) {
                    inside.add(e);
                } else {
                    outside.append(c.replace('/', '.')).append('.').append(m.name).append(": ").append(why).append('\n');
                }
            }
        }
        assertTrue(total > 0, "no @Test methods found in " + Kernel.TEST_CLASSES);
        Files.writeString(Corpus.TARGET.resolve("kernel-tests-outside-subset.txt"), outside);
        Path dir = Corpus.TARGET.resolve("kernel-tests-c");
        Files.createDirectories(dir);
        Path src = dir.resolve("tests.c");
        Files.writeString(src, Translator.translateTests(cp, inside));
        Path exe = dir.resolve("tests");
        Gcc.Result r = Gcc.hosted(dir, src, exe, true, List.of());
        assertTrue(r.ok(), r.output());
        int passed = 0;
        for (EntryPoint e : inside) {
            String jvm = jvm(e, cp);
            assertEquals(jvm, Corpus.runNative(exe, e.symbol(), new long[0]), e.owner() + "." + e.name());
            passed += jvm.isEmpty() ? 1 : 0;
        }
        unitTests = inside.size() + " of the kernel's " + total + " JUnit tests inside the subset, same verdict natively ("
                + passed + " pass)";
    }

    private static boolean isTest(MethodNode m) {
        return m.desc.equals("()V") && m.visibleAnnotations != null
                && m.visibleAnnotations.stream().anyMatch(a -> a.desc.equals("Lorg/junit/jupiter/api/Test;"));
    }

    /** Runs one kernel test as JUnit would; a failure prints as the native panic does. */
    private static String jvm(EntryPoint e, List<Path> cp) throws Exception {
        Class<?> c = Class.forName(e.owner().replace('/', '.'), true, new Corpus.FreshLoader(cp));
        var ctor = c.getDeclaredConstructor();
        ctor.setAccessible(true);
        Object o = ctor.newInstance();
        try {
            for (Method before : c.getDeclaredMethods()) {
                if (before.isAnnotationPresent(org.junit.jupiter.api.BeforeEach.class)) {
                    before.setAccessible(true);
                    before.invoke(o);
                }
            }
            Method m = c.getDeclaredMethod(e.name());
            m.setAccessible(true);
            m.invoke(o);
            return "";
        } catch (InvocationTargetException ex) {
            return Corpus.panicLine(ex.getCause());
        }
    }

    @AfterAll
    static void summary() {
        if (!library.isEmpty() || scenarioRuns > 0) {
            Summary.put("kernel", library + "; " + scenarioRuns + " kernel scenario runs identical"
                    + (unitTests.isEmpty() ? "" : "; " + unitTests));
        }
    }
}
