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

import dev.keel.kernel.abi.Errors;
import dev.keel.modeltests.drive.MemoryReplayer;
import dev.keel.modeltests.tla.Value;
import dev.keel.modeltests.trace.TlcOutput;
import dev.keel.modeltests.trace.TraceChecker;

/**
 * Tests generated from spec/Memory.tla: TLC simulates the small model (fixed seed) and writes its
 * traces; each trace's actions are replayed on the kernel's memory manager, and after every step
 * the kernel's mapping and free frames, through the refinement mapping, must equal the spec's.
 * A fault in the spec takes any free frame; where TLC's simulation took one the allocator would
 * not have handed out next, the allocator is aligned and the trace goes on (counted, not a
 * discrepancy: the spec leaves the choice to the allocator).
 */
class MemoryGeneratedTest {

    static final int TRACES = 1000;
    static final int DEPTH = 18;
    static final long SEED = 20261125;
    static final List<String> VARS = List.of("mapping", "free");

    @Test
    void specTracesReplayOnTheKernel() throws Exception {
        if (!Env.hasSpec("MCMemory")) {
            Summary.put("8-generated-memory", "Generated tests, Memory: NOT RUN, spec/tla/MCMemory.tla missing");
        }
        Assumptions.assumeTrue(Env.hasSpec("MCMemory"), "no spec/tla/MCMemory.tla");
        long t0 = System.nanoTime();
        Path dir = Simulation.prepare("Memory");
        List<List<TlcOutput.State>> traces = Simulation.simulate(dir, "Memory", TRACES, SEED, DEPTH);
        List<Value> spaces = new ArrayList<>(((Value.SetV) Simulation.constant("Memory", "Spaces")).members);
        List<Value> frames = new ArrayList<>(((Value.SetV) Simulation.constant("Memory", "Frames")).members);
        int pages = ((Value.SetV) Simulation.constant("Memory", "Pages")).members.size();
        Value none = Simulation.constant("Memory", "None");
        List<TraceChecker.Failure> failures = new ArrayList<>();
        List<TraceChecker.Failure> choices = new ArrayList<>();
        Set<Value> covered = new HashSet<>();
        int steps = 0;
        for (int t = 0; t < traces.size(); t++) {
            MemoryReplayer k = new MemoryReplayer(spaces, pages, frames, none);
            steps += replay(k, t + 1, traces.get(t), failures, choices, covered);
        }
        long reachable = Simulation.reachable(dir, "Memory", List.of("Memory.tla", "MCMemory.tla"));
        // Map of a given frame has no system call: the states reachable without it.
        long reachableByCalls = Simulation.reachableOf(dir, "Memory", "MemoryKernelReach", "KNext",
            List.of("Memory.tla", "MCMemory.tla"));
        double secs = (System.nanoTime() - t0) / 1e9;
        Known.Verdict v = Known.judge("generated/Memory", failures);
        long fresh = v.problems().stream().filter(x -> x.startsWith("DISCREPANCY")).count();
        Summary.put("8-generated-memory", String.format(
            "Generated tests, Memory: %d TLC traces (seed %d, depth %d), %,d steps replayed on the kernel; "
                + "%d traces match to the end (%d with the allocator's frame aligned to the spec's), "
                + "%d stop at a discrepancy (%d new); %,d of %s reachable states of the small model covered "
                + "(of %s reachable without Map of a given frame, which has no system call); %.0f s",
            traces.size(), SEED, DEPTH, steps, traces.size() - failures.size(), choices.size(), failures.size(),
            fresh, covered.size(), reachable < 0 ? "?" : String.format("%,d", reachable),
            reachableByCalls < 0 ? "?" : String.format("%,d", reachableByCalls), secs));
        Summary.figures("generated-memory", traces.size(), steps, secs, covered.size(), reachable, "memory");
        for (int k = 0; k < v.lines().size(); k++) {
            Summary.put("8-generated-memory-known-" + k, "  " + v.lines().get(k));
        }
        assertTrue(v.problems().isEmpty(), String.join("\n", v.problems()));
    }

    /** Replays one trace; returns the steps replayed; stops at the first difference. */
    private static int replay(MemoryReplayer k, int t, List<TlcOutput.State> trace, List<TraceChecker.Failure> failures,
            List<TraceChecker.Failure> choices, Set<Value> covered) {
        Map<String, Value> spec0 = SpecStep.vars(VARS, trace.get(0));
        if (!spec0.equals(k.state())) {
            failures.add(SpecStep.differs("Memory", t, 0, Value.tuple(Value.str("Init")), VARS, spec0, k.state()));
            return 0;
        }
        covered.add(SpecStep.whole(trace.get(0)));
        boolean aligned = false;
        for (int i = 1; i < trace.size(); i++) {
            Value act = trace.get(i).vars().get("act");
            Map<String, Value> spec = SpecStep.vars(VARS, trace.get(i));
            MemoryReplayer.Result res = k.apply(act, trace.get(i - 1).vars().get("free"), spec.get("free"));
            if (res.otherFrame() && !aligned) {
                aligned = true;
                choices.add(SpecStep.failure("Memory", t, i, act, "frame-choice",
                    "  the allocator would have handed out another frame than the spec's\n"));
            }
            if (res.code() != Errors.OK) {
                failures.add(SpecStep.failure("Memory", t, i, act, "refused-but-enabled", "  the kernel refused it with " + res.code() + "\n"));
                return i;
            }
            if (!spec.equals(res.state())) {
                failures.add(SpecStep.differs("Memory", t, i, act, VARS, spec, res.state()));
                return i;
            }
            covered.add(SpecStep.whole(trace.get(i)));
        }
        return trace.size() - 1;
    }





}
