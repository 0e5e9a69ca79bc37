package dev.keel.summary;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The closing report of {@code mvn verify}. Each module that runs a tool (TLC, KeY, QEMU, the
 * translator) leaves its own lines in {@code target/summary.txt}; this prints them in reactor
 * order, then totals the JUnit/jqwik results from every module's surefire reports.
 */
public final class Summary {

    /** Modules in the order a reader wants them: specs, proofs, code, image. */
    static final List<String> MODULES = List.of(
            "spec", "proofs", "hw", "kernel", "model-tests", "boot/translator", "boot/image");

    /** Test totals over every surefire report found. */
    record Totals(int tests, int failures, int errors, int skipped) {
        Totals plus(Totals o) {
            return new Totals(tests + o.tests, failures + o.failures, errors + o.errors, skipped + o.skipped);
        }

        int passed() {
            return tests - failures - errors - skipped;
        }
    }

    private static final Pattern SUITE = Pattern.compile("<testsuite\\b[^>]*>");

    public static void main(String[] args) throws IOException {
        Path root = Paths.get(args.length > 0 ? args[0] : ".");
        System.out.println(render(root));
    }

    static String render(Path root) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("\n==================== Keel: what mvn verify checked ====================\n");
        for (String module : MODULES) {
            Path file = root.resolve(module).resolve("target/summary.txt");
            if (Files.isRegularFile(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        out.append("  ").append(line.strip()).append('\n');
                    }
                }
            }
        }
        Totals totals = new Totals(0, 0, 0, 0);
        for (Path report : surefireReports(root)) {
            totals = totals.plus(parse(Files.readString(report, StandardCharsets.UTF_8)));
        }
        out.append(String.format("  Tests (JUnit and jqwik, all modules): %d run%n", totals.tests()));
        out.append("========================================================================\n");
        out.append(String.format("tests: %d passed, %d failed, %d skipped%n",
                totals.passed(), totals.failures() + totals.errors(), totals.skipped()));
        return out.toString();
    }

    /** Every surefire XML report under any module's target directory. */
    static List<Path> surefireReports(Path root) throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(root, 6)) {
            paths.filter(p -> p.getParent() != null
                            && p.getParent().getFileName().toString().equals("surefire-reports")
                            && p.getFileName().toString().startsWith("TEST-")
                            && p.getFileName().toString().endsWith(".xml"))
                    .forEach(found::add);
        }
        return found;
    }

    /** Reads the counts from the opening testsuite element of one surefire report. */
    static Totals parse(String xml) {
        Matcher m = SUITE.matcher(xml);
        if (!m.find()) {
            return new Totals(0, 0, 0, 0);
        }
        String tag = m.group();
        return new Totals(attr(tag, "tests"), attr(tag, "failures"), attr(tag, "errors"), attr(tag, "skipped"));
    }

    private static int attr(String tag, String name) {
        Matcher m = Pattern.compile("\\b" + name + "=\"(\\d+)\"").matcher(tag);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }
}
