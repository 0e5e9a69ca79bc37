package dev.keel.modeltests.trace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.keel.modeltests.tla.Value;

/**
 * Has TLC check that logged kernel traces are behaviours of a spec, through the trace spec
 * {@code <Spec>Trace.tla} (with {@code <Spec>Trace.cfg} and {@code <Spec>TraceDiag.cfg}) and the
 * written data module {@code <Spec>TraceData.tla}. TLC runs with -continue, so one run reports
 * every trace that cannot be followed. A second run on those traces alone lets the spec compute
 * each successor, and each failure names the step, the action and each variable where kernel
 * and spec differ, with both values.
 */
public final class TraceChecker {

    /**
     * A trace that does not conform at {@code step} (the index of the logged event; 0 is Init).
     * {@code key} classifies it as {@code Spec:Action:kind} for the list of known discrepancies.
     */
    public record Failure(int trace, int step, Step event, String key, String detail) {
        public String describe() {
            return "trace " + trace + ", step " + step + ": " + event + " [" + key + "]\n" + detail;
        }
    }

    /** The figures, and every non-conforming trace. */
    public record Outcome(int traces, int steps, long distinctStates, double seconds,
            List<Failure> failures, String error) {
        public boolean ok() {
            return failures.isEmpty() && error.isEmpty();
        }
    }

    private final Tlc tlc;
    private final Path tlaSources;
    private final Path work;

    public TraceChecker(Tlc tlc, Path tlaSources, Path work) {
        this.tlc = tlc;
        this.tlaSources = tlaSources;
        this.work = work;
    }

    public Outcome check(String spec, Map<String, Value> constants, List<List<Step>> traces)
            throws IOException, InterruptedException {
        String module = spec + "Trace";
        Path dir = work.resolve(module);
        Files.createDirectories(dir);
        for (String f : List.of(module + ".tla", module + ".cfg", module + "Diag.cfg")) {
            Files.copy(tlaSources.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        TraceModule.write(dir, module + "Data", constants, traces);
        int steps = 0;
        for (List<Step> t : traces) {
            steps += t.size() - 1;
        }
        List<String> opts = List.of("-continue", "-deadlock");
        Tlc.Result r = tlc.run(dir, module, module + ".cfg", opts);
        long distinct = TlcOutput.distinctStates(r.output());
        // With -continue TLC reports violations and still exits 0: judge by what it printed.
        List<TlcOutput.Violation> vs = TlcOutput.violations(r.output());
        if (r.ok() && vs.isEmpty()) {
            return new Outcome(traces.size(), steps, distinct, r.seconds(), List.of(), "");
        }
        if (r.timedOut() || vs.isEmpty()) {
            String why = r.timedOut() ? "TLC ran past its time limit" : "TLC failed (exit " + r.exit() + "):\n"
                + TlcOutput.errors(r.output());
            return new Outcome(traces.size(), steps, distinct, r.seconds(), List.of(),
                spec + ": " + why + "see " + dir.resolve(module + ".log"));
        }
        Map<Integer, TlcOutput.Violation> first = firstPerTrace(vs);
        List<Failure> failures = new ArrayList<>();
        List<Integer> toDiagnose = new ArrayList<>();
        for (Map.Entry<Integer, TlcOutput.Violation> e : first.entrySet()) {
            TlcOutput.Violation v = e.getValue();
            int i = pos(v.last());
            if (v.invariant().equals("Conforms")) {
                toDiagnose.add(e.getKey());
            } else {
                Step s = traces.get(e.getKey() - 1).get(i - 1);
                failures.add(new Failure(e.getKey(), i - 1, s, spec + ":" + s.action() + ":invariant-" + v.invariant(),
                    "  the logged state violates the spec's " + v.invariant() + "\n"));
            }
        }
        if (!toDiagnose.isEmpty()) {
            failures.addAll(diagnose(spec, dir, module, toDiagnose, traces, opts));
        }
        double secs = r.seconds();
        return new Outcome(traces.size(), steps, distinct, secs, failures, "");
    }

    private static int pos(TlcOutput.State s) {
        return (int) ((Value.Int) s.vars().get("i")).n;
    }

    private static Map<Integer, TlcOutput.Violation> firstPerTrace(List<TlcOutput.Violation> vs) {
        Map<Integer, TlcOutput.Violation> first = new TreeMap<>();
        for (TlcOutput.Violation v : vs) {
            int t = (int) ((Value.Int) v.last().vars().get("t")).n;
            TlcOutput.Violation old = first.get(t);
            if (old == null || pos(v.last()) < pos(old.last())) {
                first.put(t, v);
            }
        }
        return first;
    }

    /** Re-runs the failing traces with the spec computing successors; says what differs where. */
    private List<Failure> diagnose(String spec, Path dir, String module, List<Integer> ts,
            List<List<Step>> traces, List<String> opts) throws IOException, InterruptedException {
        String only = ts.stream().map(String::valueOf).collect(Collectors.joining(", ", "{", "}"));
        String cfg = Files.readString(dir.resolve(module + "Diag.cfg"), StandardCharsets.UTF_8)
            .replace("Only = {}", "Only = " + only);
        Files.writeString(dir.resolve(module + "DiagRun.cfg"), cfg, StandardCharsets.UTF_8);
        Tlc.Result d = tlc.run(dir, module, module + "DiagRun.cfg", opts);
        Map<Integer, TlcOutput.Violation> first = firstPerTrace(TlcOutput.violations(d.output()));
        List<Failure> out = new ArrayList<>();
        for (int t : ts) {
            TlcOutput.Violation v = first.get(t);
            if (v == null) {
                out.add(new Failure(t, 0, traces.get(t - 1).get(0), spec + ":?:undiagnosed",
                    "  the diagnosis run found nothing; see " + dir.resolve(module + "DiagRun.log") + "\n"));
                continue;
            }
            int i = pos(v.last());
            if (v.invariant().equals("Conforms")) {
                Step s = traces.get(t - 1).get(i);
                String kind = s.ok() ? "not-allowed" : "refused-but-enabled";
                String text = s.ok()
                    ? "  the spec's " + s.action() + " with these arguments is not enabled in the logged state before it\n"
                    : "  the kernel refused the call, but the spec's " + s.action() + " is enabled in that state\n";
                out.add(new Failure(t, i, s, spec + ":" + s.action() + ":" + kind, text));
            } else {
                Step s = traces.get(t - 1).get(i - 1);
                Map<String, Value> specState = v.last().vars();
                StringBuilder b = new StringBuilder();
                List<String> differing = new ArrayList<>();
                for (Map.Entry<String, Value> e : s.state().entrySet()) {
                    Value sv = specState.get(e.getKey());
                    if (sv != null && !sv.equals(e.getValue())) {
                        differing.add(e.getKey());
                        b.append("  - ").append(e.getKey()).append(Differ.describe(sv, e.getValue())).append('\n');
                    }
                }
                out.add(new Failure(t, i - 1, s, spec + ":" + s.action() + ":differs-" + String.join("+", differing),
                    "  after the step, kernel and spec differ:\n" + b));
            }
        }
        return out;
    }
}
