package dev.keel.modeltests.trace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import dev.keel.modeltests.tla.Value;

/**
 * Has TLC check that logged kernel traces are behaviours of a spec, through the trace spec
 * {@code <Spec>Trace.tla} (with {@code <Spec>Trace.cfg} and {@code <Spec>TraceDiag.cfg}) and the
 * written data module {@code <Spec>TraceData.tla}. When a trace cannot be followed, a second run
 * on that trace alone lets the spec compute the successor, and the report names the step, the
 * action and each variable where kernel and spec differ, with both values.
 */
public final class TraceChecker {

    /** The verdict: whether every trace conforms, the figures, and the failure report. */
    public record Outcome(boolean ok, int traces, int steps, long distinctStates, double seconds,
            String report) { }

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
        Tlc.Result r = tlc.run(dir, module, module + ".cfg", List.of());
        long distinct = TlcOutput.distinctStates(r.output());
        if (r.ok()) {
            return new Outcome(true, traces.size(), steps, distinct, r.seconds(), "");
        }
        String report = explain(spec, dir, module, r, traces);
        return new Outcome(false, traces.size(), steps, distinct, r.seconds(), report);
    }

    private String explain(String spec, Path dir, String module, Tlc.Result r, List<List<Step>> traces)
            throws IOException, InterruptedException {
        if (r.timedOut()) {
            return spec + ": TLC ran past its time limit; see " + dir.resolve(module + ".log");
        }
        List<TlcOutput.State> states = TlcOutput.states(r.output());
        if (states.isEmpty()) {
            return spec + ": TLC failed (exit " + r.exit() + ") before any state:\n"
                + TlcOutput.errors(r.output()) + "see " + dir.resolve(module + ".log");
        }
        TlcOutput.State last = states.get(states.size() - 1);
        int t = (int) ((Value.Int) last.vars().get("t")).n;
        int i = (int) ((Value.Int) last.vars().get("i")).n;
        String invariant = TlcOutput.violatedInvariant(r.output());
        if (invariant != null) {
            return spec + ": trace " + t + " state " + i + " (after " + describe(traces, t, i)
                + ") violates " + invariant + "; see " + dir.resolve(module + ".log");
        }
        Step failing = traces.get(t - 1).get(i);
        String where = spec + ": trace " + t + ", step " + i + ": " + failing + " does not conform";
        return where + "\n" + diagnose(dir, module, t, i, failing);
    }

    private static String describe(List<List<Step>> traces, int t, int i) {
        return traces.get(t - 1).get(i - 1).toString();
    }

    /** Re-runs trace t alone with the spec computing successors; says what differs at step i. */
    private String diagnose(Path dir, String module, int t, int i, Step failing)
            throws IOException, InterruptedException {
        String cfg = Files.readString(dir.resolve(module + "Diag.cfg"), StandardCharsets.UTF_8)
            .replace("Only = 0", "Only = " + t);
        Files.writeString(dir.resolve(module + "Diag" + t + ".cfg"), cfg, StandardCharsets.UTF_8);
        Tlc.Result d = tlc.run(dir, module, module + "Diag" + t + ".cfg", List.of());
        String invariant = TlcOutput.violatedInvariant(d.output());
        List<TlcOutput.State> states = TlcOutput.states(d.output());
        if (invariant == null || states.isEmpty()) {
            return "  the spec does not allow " + failing.action()
                + (failing.ok() ? " with these arguments from the logged state before it"
                                : " to be refused here: it is enabled in the spec (or leaves a variable changed)")
                + "\n" + TlcOutput.errors(d.output());
        }
        Map<String, Value> specState = states.get(states.size() - 1).vars();
        StringBuilder b = new StringBuilder("  " + invariant + " fails; differing variables:\n");
        for (Map.Entry<String, Value> e : failing.state().entrySet()) {
            Value s = specState.get(e.getKey());
            if (s != null && !s.equals(e.getValue())) {
                b.append("  - ").append(e.getKey()).append(Differ.describe(s, e.getValue())).append('\n');
            }
        }
        return b.toString();
    }
}
