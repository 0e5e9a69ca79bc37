package dev.keel.modeltests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import dev.keel.modeltests.drive.IpcReplayer;
import dev.keel.modeltests.tla.Value;
import dev.keel.modeltests.trace.TlcOutput;
import dev.keel.modeltests.trace.TraceChecker;

/**
 * Tests generated from spec/Ipc.tla: TLC simulates the small model (fixed seed), failing calls
 * included, and writes its traces; each trace's actions are replayed on the kernel's IPC system
 * calls, and after every step the kernel's state, through the refinement mapping, must equal the
 * spec's (ports, queue, blockedOn, replyCap, caps; sent and delivered are history variables).
 */
class IpcGeneratedTest {

    static final int TRACES = 1000;
    static final int DEPTH = 18;
    static final long SEED = 20261125;
    static final List<String> VARS = List.of("ports", "queue", "blockedOn", "replyCap", "caps");

    @Test
    void specTracesReplayOnTheKernel() throws Exception {
        if (!Env.hasSpec("MCIpc")) {
            Summary.put("6-generated-ipc", "Generated tests, Ipc: NOT RUN, spec/tla/MCIpc.tla missing");
        }
        Assumptions.assumeTrue(Env.hasSpec("MCIpc"), "no spec/tla/MCIpc.tla");
        long t0 = System.nanoTime();
        Path dir = Simulation.prepare("Ipc");
        List<List<TlcOutput.State>> traces = Simulation.simulate(dir, "Ipc", TRACES, SEED, DEPTH);
        Model m = model(traces);
        List<TraceChecker.Failure> failures = new ArrayList<>();
        Set<Value> covered = new HashSet<>();
        int steps = 0;
        for (int t = 0; t < traces.size(); t++) {
            steps += replay(m, t + 1, traces.get(t), failures, covered);
        }
        long reachable = Simulation.reachable(dir, "Ipc", List.of("Ipc.tla", "MCIpc.tla"));
        double secs = (System.nanoTime() - t0) / 1e9;
        Known.Verdict v = Known.judge("generated/Ipc", failures);
        long fresh = v.problems().stream().filter(x -> x.startsWith("DISCREPANCY")).count();
        Summary.put("6-generated-ipc", String.format(
            "Generated tests, Ipc: %d TLC traces (seed %d, depth %d), %,d steps replayed on the kernel; "
                + "%d traces match to the end, %d stop at a known discrepancy, %d at a new one; "
                + "%,d of %s reachable states of the small model covered; %.0f s",
            traces.size(), SEED, DEPTH, steps, traces.size() - failures.size(), failures.size() - fresh, fresh,
            covered.size(), reachable < 0 ? "?" : String.format("%,d", reachable), secs));
        Summary.figures("generated-ipc", traces.size(), steps, secs, covered.size(), reachable, "IPC");
        for (int k = 0; k < v.lines().size(); k++) {
            Summary.put("6-generated-ipc-known-" + k, "  " + v.lines().get(k));
        }
        assertTrue(v.problems().isEmpty(), String.join("\n", v.problems()));
    }

    /** The small model's constants: from spec/tla/MCIpc.cfg, its first state, and its messages. */
    record Model(List<String> threads, List<String> ports, int initPorts, Value initCaps, int queueLen,
            int maxSends) { }

    static Model model(List<List<TlcOutput.State>> traces) throws Exception {
        List<String> threads = names(Simulation.constant("Ipc", "Threads"));
        List<String> init = names(Simulation.constant("Ipc", "InitPorts"));
        List<String> ports = new ArrayList<>(init);
        for (String p : names(Simulation.constant("Ipc", "Ports"))) {
            if (!ports.contains(p)) {
                ports.add(p);
            }
        }
        // InitCaps is a definition of MCIpc.tla: the first state's caps.
        Value caps = traces.get(0).get(0).vars().get("caps");
        return new Model(threads, ports, init.size(), caps,
            (int) ((Value.Int) Simulation.constant("Ipc", "QueueLen")).n,
            (int) ((Value.Int) Simulation.constant("Ipc", "MaxSends")).n);
    }

    private static List<String> names(Value set) {
        List<String> out = new ArrayList<>();
        for (Value v : ((Value.SetV) set).members) {
            out.add(((Value.Str) v).s);
        }
        return out;
    }

    /** Replays one trace; returns the steps replayed; stops at the first difference. */
    private static int replay(Model m, int t, List<TlcOutput.State> trace, List<TraceChecker.Failure> failures,
            Set<Value> covered) {
        IpcReplayer k = new IpcReplayer(m.threads(), m.ports(), m.initPorts(), m.initCaps(),
            m.queueLen(), m.maxSends());
        Map<String, Value> spec0 = SpecStep.vars(VARS, trace.get(0));
        if (!spec0.equals(k.state())) {
            failures.add(SpecStep.differs("Ipc", t, 0, Value.tuple(Value.str("Init")), VARS, spec0, k.state()));
            return 0;
        }
        covered.add(SpecStep.whole(trace.get(0)));
        for (int i = 1; i < trace.size(); i++) {
            Value act = trace.get(i).vars().get("act");
            IpcReplayer.Result res = k.apply(act);
            Map<String, Value> spec = SpecStep.vars(VARS, trace.get(i));
            if (!res.asExpected()) {
                String kind = res.expected() == 0 ? "refused-but-enabled" : "not-refused";
                failures.add(SpecStep.failure("Ipc", t, i, act, kind, "  the kernel returned " + res.code() + ", the spec's outcome is "
                    + res.expected() + "\n"));
                return i;
            }
            if (!spec.equals(res.state())) {
                failures.add(SpecStep.differs("Ipc", t, i, act, VARS, spec, res.state()));
                return i;
            }
            covered.add(SpecStep.whole(trace.get(i)));
        }
        return trace.size() - 1;
    }





}
