package dev.keel.proofs.raw;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The build rule "raw machine access only in the hardware layer": scans the compiled classes given as
 * arguments (class folders), prints every raw access made outside the allowed packages with its
 * class, method and call, and exits 1 when one is not covered by a reviewed exception.
 *
 * <p>System properties: {@code rawaccess.exceptions} (the reviewed exceptions file, optional),
 * {@code rawaccess.report} (full report file, optional), {@code rawaccess.summary} (the module's
 * summary.txt; the rule's line replaces any earlier one).
 */
public final class RawAccessMain {

    static final String SUMMARY_PREFIX = "Raw access:";

    private RawAccessMain() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(List.of(args));
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("raw-access: " + e.getMessage());
            code = 2;
        }
        System.exit(code);
    }

    static int run(List<String> folders) throws IOException {
        if (folders.isEmpty()) {
            throw new IllegalArgumentException("usage: RawAccessMain <class folder>...");
        }
        RawAccessScan scan = new RawAccessScan();
        for (String f : folders) {
            scan.scanTree(Path.of(f));
        }
        String exceptionsFile = System.getProperty("rawaccess.exceptions", "");
        RawAccessExceptions exceptions = exceptionsFile.isBlank() ? new RawAccessExceptions(List.of())
                : RawAccessExceptions.parse(Files.readAllLines(Path.of(exceptionsFile), StandardCharsets.UTF_8));
        Result r = judge(scan.violations(), exceptions);
        StringBuilder report = new StringBuilder();
        for (Violation v : r.offending()) {
            report.append("RAW ACCESS NOT ALLOWED: ").append(v.describe()).append('\n');
        }
        for (Violation v : r.excepted()) {
            report.append("reviewed exception: ").append(v.describe()).append('\n');
        }
        for (RawAccessExceptions.Entry e : r.unused()) {
            report.append("unused exception (line ").append(e.line()).append("): ").append(e.caller()).append(' ')
                    .append(e.target()).append(" -- remove it\n");
        }
        String line = SUMMARY_PREFIX + " " + scan.classes() + " classes scanned, " + r.offending().size()
                + " raw machine accesses outside hw, boot.x86 and the user runtime, " + r.excepted().size()
                + " under " + (exceptions.entries().size() - r.unused().size()) + " reviewed exceptions";
        report.append(line).append('\n');
        System.out.print(report);
        String reportFile = System.getProperty("rawaccess.report", "");
        if (!reportFile.isBlank()) {
            Files.writeString(Path.of(reportFile), report.toString(), StandardCharsets.UTF_8);
        }
        String summary = System.getProperty("rawaccess.summary", "");
        if (!summary.isBlank()) {
            writeSummary(Path.of(summary), line);
        }
        if (!r.offending().isEmpty()) {
            System.err.println("raw-access: " + r.offending().size() + " raw machine access(es) outside the"
                    + " hardware layer (listed above). Move the access into dev.keel.hw or a dev.keel.boot.x86"
                    + " adapter and call that, or, after review, list it in the exceptions file with a reason.");
            return 1;
        }
        return 0;
    }

    record Result(List<Violation> offending, List<Violation> excepted, List<RawAccessExceptions.Entry> unused) {
    }

    static Result judge(List<Violation> violations, RawAccessExceptions exceptions) {
        List<Violation> offending = new ArrayList<>();
        List<Violation> excepted = new ArrayList<>();
        Set<RawAccessExceptions.Entry> used = new LinkedHashSet<>();
        for (Violation v : violations) {
            RawAccessExceptions.Entry e = exceptions.find(v);
            if (e == null) {
                offending.add(v);
            } else {
                excepted.add(v);
                used.add(e);
            }
        }
        List<RawAccessExceptions.Entry> unused = new ArrayList<>(exceptions.entries());
        unused.removeAll(used);
        return new Result(offending, excepted, unused);
    }

    /** Replaces this rule's line in summary.txt, keeping the other tools' lines. */
    private static void writeSummary(Path file, String line) throws IOException {
        List<String> lines = new ArrayList<>();
        if (Files.exists(file)) {
            for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!l.startsWith(SUMMARY_PREFIX)) {
                    lines.add(l);
                }
            }
        } else {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        lines.add(line);
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }
}
