package dev.keel.modeltests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.keel.kernel.abi.Errors;
import dev.keel.modeltests.drive.CapReplayer;
import dev.keel.modeltests.tla.Value;
import dev.keel.modeltests.trace.TlcOutput;
import dev.keel.modeltests.trace.TraceChecker;

/**
 * Tests generated from spec/Capabilities.tla: TLC simulates the small model (fixed seed) and
 * writes its traces; each trace's actions are replayed on the kernel, and after every step the
 * kernel's state, through the refinement mapping, must equal the spec's state.
 */
class CapabilitiesGeneratedTest {

    static final int TRACES = 1000;
    static final int DEPTH = 14;
    static final long SEED = 20261125;
    static final List<String> VARS = List.of("slots", "parent", "objects");

    @Test
    void specTracesReplayOnTheKernel() throws Exception {
        if (!Env.hasSpec("MCCapabilities")) {
            Summary.put("2-generated-capabilities", "Generated tests, Capabilities: NOT RUN, spec/tla/MCCapabilities.tla missing");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(Env.hasSpec("MCCapabilities"), "no spec/tla/MCCapabilities.tla");
        long t0 = System.nanoTime();
        Path dir = Simulation.prepare("Capabilities");
        untyped = Simulation.constant("Capabilities", "Untyped");
        List<Value> others = new ArrayList<>(((Value.SetV) Simulation.constant("Capabilities", "Objects")).members);
        others.remove(untyped);
        assertTrue(others.size() == 1, "the small model has one object besides Untyped: " + others);
        port = others.get(0);
        List<List<TlcOutput.State>> traces = Simulation.simulate(dir, "Capabilities", TRACES, SEED, DEPTH);
        List<TraceChecker.Failure> failures = new ArrayList<>();
        Set<Value> covered = new HashSet<>();
        int steps = 0;
        for (int t = 0; t < traces.size(); t++) {
            steps += replay(t + 1, traces.get(t), failures, covered);
        }
        long reachable = Simulation.reachable(dir, "Capabilities", List.of("Capabilities.tla", "MCCapabilities.tla"));
        double secs = (System.nanoTime() - t0) / 1e9;
        Known.Verdict v = Known.judge("generated/Capabilities", failures);
        long fresh = v.problems().stream().filter(x -> x.startsWith("DISCREPANCY")).count();
        Summary.put("2-generated-capabilities", String.format(
            "Generated tests, Capabilities: %d TLC traces (seed %d, depth %d), %,d steps replayed on the kernel; "
                + "%d traces match to the end, %d stop at a known discrepancy, %d at a new one; "
                + "%,d of %s reachable states of the small model covered; %.0f s",
            traces.size(), SEED, DEPTH, steps, traces.size() - failures.size(), failures.size() - fresh, fresh,
            covered.size(), reachable < 0 ? "?" : String.format("%,d", reachable), secs));
        Summary.figures("generated-capabilities", traces.size(), steps, secs, covered.size(), reachable, "capability");
        for (int k = 0; k < v.lines().size(); k++) {
            Summary.put("2-generated-capabilities-known-" + k, "  " + v.lines().get(k));
        }
        assertTrue(v.problems().isEmpty(), String.join("\n", v.problems()));
    }

    /** Replays one trace; returns the steps replayed; stops at the first difference. */
    /** The small model's Untyped and its other object (spec/tla/MCCapabilities.cfg). */
    static Value untyped;
    static Value port;

    private static int replay(int t, List<TlcOutput.State> trace, List<TraceChecker.Failure> failures,
            Set<Value> covered) {
        CapReplayer k = new CapReplayer(untyped, port);
        Map<String, Value> spec0 = specVars(trace.get(0));
        if (!spec0.equals(k.state())) {
            failures.add(SpecStep.differs("Capabilities", t, 0, Value.tuple(Value.str("Init")), VARS, spec0, k.state()));
            return 0;
        }
        covered.add(Value.tuple(List.copyOf(spec0.values())));
        for (int i = 1; i < trace.size(); i++) {
            Value act = trace.get(i).vars().get("act");
            CapReplayer.Result res = k.apply(act);
            Map<String, Value> spec = specVars(trace.get(i));
            if (res.check() != Errors.OK) {
                failures.add(SpecStep.failure("Capabilities", t, i, act, "refused-but-enabled",
                    "  the kernel's check refused it with " + res.check() + "\n"));
                return i;
            }
            if (!spec.equals(res.state())) {
                failures.add(SpecStep.differs("Capabilities", t, i, act, VARS, spec, res.state()));
                return i;
            }
            covered.add(Value.tuple(List.copyOf(spec.values())));
        }
        return trace.size() - 1;
    }




    /** slots, parent and objects of a simulated state; slots and parent rebuilt from their views. */
    private static Map<String, Value> specVars(TlcOutput.State s) {
        java.util.TreeMap<Value, java.util.TreeMap<Value, Value>> sl = new java.util.TreeMap<>();
        for (Value x : ((Value.SetV) s.vars().get("slotsV")).members) {
            sl.computeIfAbsent(x.at(1), k -> new java.util.TreeMap<>()).put(x.at(2), x.at(3));
        }
        java.util.TreeMap<Value, Value> slots = new java.util.TreeMap<>();
        sl.forEach((p, f) -> slots.put(p, Value.fn(f)));
        java.util.TreeMap<Value, Value> parent = new java.util.TreeMap<>();
        for (Value x : ((Value.SetV) s.vars().get("parentV")).members) {
            parent.put(x.at(1), x.at(2));
        }
        Map<String, Value> vars = new LinkedHashMap<>(s.vars());
        vars.put("slots", Value.fn(slots));
        vars.put("parent", Value.fn(parent));
        return SpecStep.vars(VARS, new TlcOutput.State(s.number(), s.header(), vars));
    }
}
