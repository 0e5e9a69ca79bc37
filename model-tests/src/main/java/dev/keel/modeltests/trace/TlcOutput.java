package dev.keel.modeltests.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.keel.modeltests.tla.Value;
import dev.keel.modeltests.tla.ValueParser;

/** Reads what TLC printed: the states of an error trace or simulation, counts, the violation. */
public final class TlcOutput {

    /** "State 3: <Next ...>" in an error trace, "STATE_3 ==" in a simulation trace file. */
    private static final Pattern STATE = Pattern.compile("^(?:State (\\d+):|STATE_(\\d+) ==) ?(.*)$");
    private static final Pattern CONJUNCT = Pattern.compile("^/\\\\ (\\w+) = (.*)$");

    private TlcOutput() {
    }

    /** One state of a printed trace: its header (action and place) and its variables. */
    public record State(int number, String header, Map<String, Value> vars) { }

    /** Every state block in {@code output}, in order; a new "State 1" starts a new trace. */
    public static List<State> states(String output) {
        List<State> out = new ArrayList<>();
        String[] lines = output.split("\\R");
        for (int n = 0; n < lines.length; n++) {
            Matcher m = STATE.matcher(lines[n]);
            if (!m.matches()) {
                continue;
            }
            Map<String, String> text = new LinkedHashMap<>();
            String var = null;
            int k = n + 1;
            for (; k < lines.length && !lines[k].startsWith("=====") && !STATE.matcher(lines[k]).matches()
                    && !(lines[k].isBlank() && !text.isEmpty()); k++) {
                Matcher c = CONJUNCT.matcher(lines[k]);
                if (c.matches()) {
                    var = c.group(1);
                    text.put(var, c.group(2));
                } else if (var != null) {
                    text.put(var, text.get(var) + " " + lines[k].trim());
                }
            }
            Map<String, Value> vars = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : text.entrySet()) {
                // A value TLC holds unevaluated prints as "<expression ...>": left out.
                if (!e.getValue().contains("<expression")) {
                    vars.put(e.getKey(), ValueParser.parse(e.getValue()));
                }
            }
            String number = m.group(1) != null ? m.group(1) : m.group(2);
            out.add(new State(Integer.parseInt(number), m.group(3), vars));
            n = k - 1;
        }
        return out;
    }

    /** Splits consecutive states into traces: each starts at "State 1". */
    public static List<List<State>> traces(List<State> states) {
        List<List<State>> out = new ArrayList<>();
        for (State s : states) {
            if (s.number() == 1 || out.isEmpty()) {
                out.add(new ArrayList<>());
            }
            out.get(out.size() - 1).add(s);
        }
        return out;
    }

    /** One reported violation: the invariant and the trace that leads to it. */
    public record Violation(String invariant, List<State> trace) {
        public State last() {
            return trace.get(trace.size() - 1);
        }
    }

    /** Every invariant violation TLC reported (several with -continue), in order. */
    public static List<Violation> violations(String output) {
        List<Violation> out = new ArrayList<>();
        Matcher m = Pattern.compile("Invariant (\\w+) is violated").matcher(output);
        List<int[]> spans = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.end(), output.length()});
            names.add(m.group(1));
        }
        for (int k = 0; k < spans.size(); k++) {
            int end = k + 1 < spans.size() ? spans.get(k + 1)[0] : output.length();
            List<State> states = states(output.substring(spans.get(k)[0], end));
            if (!states.isEmpty()) {
                out.add(new Violation(names.get(k), states));
            }
        }
        return out;
    }

    public static long distinctStates(String output) {
        Matcher m = Pattern.compile("(\\d[\\d,]*) distinct states found").matcher(output);
        long last = -1;
        while (m.find()) {
            last = Long.parseLong(m.group(1).replace(",", ""));
        }
        return last;
    }

    /** The violated invariant's name, or null. */
    public static String violatedInvariant(String output) {
        Matcher m = Pattern.compile("Invariant (\\w+) is violated").matcher(output);
        return m.find() ? m.group(1) : null;
    }

    public static boolean deadlock(String output) {
        return output.contains("Deadlock reached");
    }

    /** The lines of {@code output} that say what went wrong, for a failure message. */
    public static String errors(String output) {
        StringBuilder b = new StringBuilder();
        for (String l : output.split("\\R")) {
            if (l.startsWith("Error") || l.contains("rror:") || l.contains("violated")
                    || l.contains("Deadlock") || l.contains("Line ") || l.contains("line ")) {
                b.append(l).append('\n');
            }
        }
        return b.toString();
    }
}
