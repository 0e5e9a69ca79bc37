package dev.keel.boot.translate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The kernel as the translator's input: its classes as built by the kernel and hw modules (paths
 * from system properties set in the pom), and the kernel scenarios of
 * src/test/kernel-scenarios, compiled here against those classes so this module needs no Maven
 * dependency on the kernel. When the kernel has not been built, the kernel tests are skipped.
 */
final class Kernel {

    static final String SCENARIO_PACKAGE = "dev.keel.boot.kernelcorpus.";
    static final List<String> SCENARIOS = List.of("CapabilityScenario", "SchedulerScenario", "PageTableScenario");

    static final Path CLASSES = Path.of(System.getProperty("keel.kernel.classes", "../../kernel/target/classes"));
    static final Path TEST_CLASSES = Path.of(System.getProperty("keel.kernel.testClasses", "../../kernel/target/test-classes"));
    static final Path HW = Path.of(System.getProperty("keel.hw.classes", "../../hw/target/classes"));
    static final Path SCENARIO_CLASSES = Corpus.TARGET.resolve("kernel-scenario-classes");

    private static Path binary;
    private static boolean compiled;

    private Kernel() {
    }

    /** True when the kernel's classes are there (with more than the skeleton's single class). */
    static boolean built() {
        return Files.isDirectory(CLASSES.resolve("dev/keel/kernel/cap")) && Files.isDirectory(HW.resolve("dev/keel/hw"))
                && Files.exists(CLASSES.resolve("dev/keel/kernel/cap/CapabilitySpace.class"));
    }

    /** Class roots for the scenarios: scenarios, kernel, hw, translator (Console). */
    static List<Path> scenarioClasspath() {
        return List.of(scenarioClasses(), CLASSES, HW, Corpus.MAIN_CLASSES);
    }

    /** Compiles src/test/kernel-scenarios once; returns its class directory. */
    static synchronized Path scenarioClasses() {
        if (compiled) {
            return SCENARIO_CLASSES;
        }
        try {
            Files.createDirectories(SCENARIO_CLASSES);
            List<String> args = new ArrayList<>(List.of("-d", SCENARIO_CLASSES.toString(), "-cp",
                    CLASSES + java.io.File.pathSeparator + HW + java.io.File.pathSeparator + Corpus.MAIN_CLASSES));
            try (Stream<Path> files = Files.walk(Path.of("src/test/kernel-scenarios"))) {
                files.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            int rc = javac.run(null, null, null, args.toArray(new String[0]));
            if (rc != 0) {
                throw new AssertionError("kernel scenarios do not compile against the kernel (javac " + rc + ")");
            }
            compiled = true;
            return SCENARIO_CLASSES;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The hosted binary of all scenarios. */
    static synchronized Path binary() {
        if (binary != null) {
            return binary;
        }
        try {
            List<EntryPoint> entries = new ArrayList<>();
            for (String s : SCENARIOS) {
                entries.add(EntryPoint.of(SCENARIO_PACKAGE + s, "run", "([J)V", s));
            }
            Path dir = Corpus.TARGET.resolve("kernel-scenarios-c");
            Files.createDirectories(dir);
            Path src = dir.resolve("scenarios.c");
            Files.writeString(src, Translator.translate(scenarioClasspath(), entries, true));
            Path exe = dir.resolve("scenarios");
            Gcc.Result r = Gcc.hosted(dir, src, exe, true, List.of());
            if (!r.ok()) {
                throw new AssertionError(r.output());
            }
            binary = exe;
            return exe;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One scenario on the JVM and natively: the two outputs. */
    static String[] both(String scenario, long[] in) {
        String jvm = Corpus.runJvmClass(SCENARIO_PACKAGE + scenario, in, scenarioClasspath());
        String nat = Corpus.runNative(binary(), scenario, in);
        return new String[] {jvm, nat};
    }
}
