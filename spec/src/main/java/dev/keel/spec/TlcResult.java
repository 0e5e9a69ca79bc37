package dev.keel.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one TLC run reported, read from its exit code and its standard output: the outcome, which
 * invariant or property broke, the state counts and the search depth, and the counterexample.
 */
public record TlcResult(Expectation.Kind outcome, String property, long generated, long distinct,
                        long depth, int exitCode, String error, List<String> trace) {

    /** TLC's exit codes for the outcomes it distinguishes. */
    public static final int EXIT_OK = 0;
    public static final int EXIT_DEADLOCK = 11;
    public static final int EXIT_INVARIANT = 12;
    public static final int EXIT_PROPERTY = 13;

    private static final Pattern STATES =
        Pattern.compile("^(\\d+) states generated, (\\d+) distinct states found, (\\d+) states left on queue\\.");
    private static final Pattern PROGRESS = Pattern.compile(
        "^Progress\\((\\d+)\\) at .*: ([\\d,]+) states generated .*, ([\\d,]+) distinct states found");
    private static final Pattern DEPTH = Pattern.compile("^The depth of the complete state graph search is (\\d+)\\.");
    private static final Pattern INVARIANT = Pattern.compile("^Error: Invariant (\\S+) is violated\\.");
    private static final Pattern ACTION_PROPERTY = Pattern.compile("^Error: Action property (.+) is violated\\.");
    private static final String TEMPORAL = "Error: Temporal properties were violated.";
    private static final String DEADLOCK = "Error: Deadlock reached.";
    private static final String TRACE_START = "Error: The behavior up to this point is:";

    /**
     * Reads TLC's output. A run whose exit code and messages do not agree on a known outcome is
     * reported with {@code outcome == null} and the first error line, so the caller can fail clearly.
     */
    public static TlcResult parse(int exitCode, String output) {
        long generated = -1, distinct = -1, depth = -1;
        Expectation.Kind outcome = null;
        String property = null, error = null;
        List<String> trace = new ArrayList<>();
        boolean inTrace = false;
        for (String line : output.split("\\R")) {
            Matcher m;
            if ((m = STATES.matcher(line)).find()) {
                generated = Long.parseLong(m.group(1));
                distinct = Long.parseLong(m.group(2));
                inTrace = false;
            } else if ((m = PROGRESS.matcher(line)).find()) {
                // A run cut short reports the last progress line's figures.
                depth = Long.parseLong(m.group(1));
                generated = Long.parseLong(m.group(2).replace(",", ""));
                distinct = Long.parseLong(m.group(3).replace(",", ""));
            } else if ((m = DEPTH.matcher(line)).find()) {
                depth = Long.parseLong(m.group(1));
            } else if ((m = INVARIANT.matcher(line)).find()) {
                outcome = Expectation.Kind.INVARIANT;
                property = m.group(1);
            } else if ((m = ACTION_PROPERTY.matcher(line)).find()) {
                outcome = Expectation.Kind.PROPERTY;
                property = m.group(1);
            } else if (line.startsWith(TEMPORAL)) {
                outcome = Expectation.Kind.TEMPORAL;
            } else if (line.startsWith(DEADLOCK)) {
                outcome = Expectation.Kind.DEADLOCK;
            } else if (line.startsWith(TRACE_START)) {
                inTrace = true;
            } else if (inTrace) {
                trace.add(line);
            } else if (error == null && line.startsWith("Error:")) {
                error = line;
            }
        }
        if (exitCode == EXIT_OK && line0(output, "Model checking completed. No error has been found.")) {
            outcome = Expectation.Kind.PASS;
        }
        if (!consistent(exitCode, outcome)) {
            if (error == null) {
                error = "TLC exited with code " + exitCode + " and reported no recognised outcome";
            }
            outcome = null;
        }
        return new TlcResult(outcome, property, generated, distinct, depth, exitCode, error, trace);
    }

    /** The last {@code n} non-blank lines of the counterexample. */
    public List<String> traceTail(int n) {
        List<String> lines = new ArrayList<>();
        for (String l : trace) {
            if (!l.isBlank()) {
                lines.add(l);
            }
        }
        return lines.subList(Math.max(0, lines.size() - n), lines.size());
    }

    private static boolean line0(String output, String text) {
        return output.contains(text);
    }

    private static boolean consistent(int exitCode, Expectation.Kind outcome) {
        if (outcome == null) {
            return false;
        }
        switch (outcome) {
            case PASS: return exitCode == EXIT_OK;
            case DEADLOCK: return exitCode == EXIT_DEADLOCK;
            case INVARIANT: return exitCode == EXIT_INVARIANT;
            default: return exitCode == EXIT_PROPERTY;
        }
    }
}
