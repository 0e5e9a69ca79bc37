package dev.keel.modeltests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import dev.keel.modeltests.drive.SchedReplayer;
import dev.keel.modeltests.tla.Value;
import dev.keel.modeltests.trace.TlcOutput;
import dev.keel.modeltests.trace.TraceChecker;

/**
 * Tests generated from spec/Scheduler.tla: TLC simulates the small model (one CPU; rt with
 * budget 1 per period 2 above a and b) with a fixed seed; each trace is replayed on the kernel's
 * Scheduler. The spec's Schedule and Replenish are separate steps, the kernel reschedules before
 * returning to user mode and refills inside its tick, so states are compared where the spec is
 * settled (no CPU idle with an eligible thread, no thread's period end pending), after the kernel's
 * pending reschedule. runQueue is compared per priority (see SchedulerMapping).
 */
class SchedulerGeneratedTest {

    static final int TRACES = 800;
    static final int DEPTH = 20;
    static final long SEED = 20261125;
    /** Budget, Period and Slice of the small model (spec/tla/MCScheduler.cfg), read by the test. */
    static int BUDGET;
    static int PERIOD;
    static int SLICE;
    static final List<String> VARS = List.of("state", "priority", "runQueue", "current", "budget", "elapsed",
        "slice");

    @Test
    void specTracesReplayOnTheKernel() throws Exception {
        if (!Env.hasSpec("MCScheduler")) {
            Summary.put("3-generated-scheduler", "Generated tests, Scheduler: NOT RUN, spec/tla/MCScheduler.tla missing");
        }
        Assumptions.assumeTrue(Env.hasSpec("MCScheduler"), "no spec/tla/MCScheduler.tla");
        long t0 = System.nanoTime();
        Path dir = Simulation.prepare("Scheduler");
        BUDGET = (int) ((Value.Int) Simulation.constant("Scheduler", "Budget")).n;
        PERIOD = (int) ((Value.Int) Simulation.constant("Scheduler", "Period")).n;
        SLICE = (int) ((Value.Int) Simulation.constant("Scheduler", "Slice")).n;
        List<List<TlcOutput.State>> traces = Simulation.simulate(dir, "Scheduler", TRACES, SEED, DEPTH);
        List<TraceChecker.Failure> failures = new ArrayList<>();
        Set<Value> covered = new HashSet<>();
        int steps = 0;
        int compared = 0;
        CUT[0] = 0;
        for (int t = 0; t < traces.size(); t++) {
            int[] r = replay(t + 1, traces.get(t), failures, covered);
            steps += r[0];
            compared += r[1];
        }
        long reachable = Simulation.reachable(dir, "Scheduler", List.of("Scheduler.tla", "MCScheduler.tla"));
        double secs = (System.nanoTime() - t0) / 1e9;
        Known.Verdict v = Known.judge("generated/Scheduler", failures);
        long fresh = v.problems().stream().filter(x -> x.startsWith("DISCREPANCY")).count();
        Summary.put("3-generated-scheduler", String.format(
            "Generated tests, Scheduler: %d TLC traces (seed %d, depth %d), %,d steps replayed (%d traces cut where the spec "
                + "splits an atomic kernel step), %,d settled states compared; "
                + "%d traces match to the end, %d stop at a known discrepancy, %d at a new one; "
                + "%,d of %s reachable states of the small model covered; %.0f s",
            traces.size(), SEED, DEPTH, steps, CUT[0], compared, traces.size() - failures.size(), failures.size() - fresh, fresh,
            covered.size(), reachable < 0 ? "?" : String.format("%,d", reachable), secs));
        Summary.figures("generated-scheduler", traces.size(), steps, secs, covered.size(), reachable, "scheduler");
        for (int k = 0; k < v.lines().size(); k++) {
            Summary.put("3-generated-scheduler-known-" + k, "  " + v.lines().get(k));
        }
        assertTrue(v.problems().isEmpty(), String.join("\n", v.problems()));
    }

    /** Replays one trace; returns {steps replayed, states compared}; stops at the first difference. */
    private static int[] replay(int t, List<TlcOutput.State> trace, List<TraceChecker.Failure> failures,
            Set<Value> covered) {
        Map<String, Value> first = trace.get(0).vars();
        List<String> threads = new ArrayList<>();
        Map<String, Integer> prio = new LinkedHashMap<>();
        for (Map.Entry<Value, Value> e : ((Value.Fn) first.get("priority")).map.entrySet()) {
            String name = ((Value.Str) e.getKey()).s;
            threads.add(name);
            prio.put(name, (int) ((Value.Int) e.getValue()).n);
        }
        Set<String> rt = new HashSet<>();
        for (Value x : ((Value.Fn) first.get("budget")).map.keySet()) {
            rt.add(((Value.Str) x).s);
        }
        List<String> initial = new ArrayList<>();
        Value q0 = first.get("runQueue").get("c1");
        for (Value x : ((Value.Fn) q0).map.values()) {
            initial.add(((Value.Str) x).s);
        }
        SchedReplayer k = new SchedReplayer(threads, prio, rt, BUDGET, PERIOD, SLICE, initial, Value.str("idle"));
        int compared = 0;
        List<String> since = new ArrayList<>();
        for (int i = 0; i < trace.size(); i++) {
            Map<String, Value> spec = trace.get(i).vars();
            Value act = spec.get("act");
            if (i > 0 && !atomic(trace.get(i - 1).vars(), act)) {
                CUT[0]++;
                return new int[] {i - 1, compared};
            }
            if (i > 0) {
                k.apply(act);
                since.add(((Value.Str) act.at(1)).s);
            }
            covered.add(Value.tuple(spec.get("state"), spec.get("runQueue"), spec.get("current"),
                spec.get("budget"), spec.get("elapsed"), spec.get("slice")));
            if (!settled(spec)) {
                continue;
            }
            k.settle();
            Map<String, Value> want = project(spec);
            Map<String, Value> got = project(k.state());
            compared++;
            if (!want.equals(got)) {
                failures.add(failure(t, i, act, String.join("+", since), want, got));
                return new int[] {i, compared};
            }
            since.clear();
        }
        return new int[] {trace.size() - 1, compared};
    }

    /** Traces cut where the spec interleaves a step the kernel makes atomic (see {@link #atomic}). */
    static final int[] CUT = new int[1];

    /**
     * The kernel reschedules before it returns to user mode and refills budgets inside the tick
     * that ends a period; the spec makes Schedule and Replenish separate steps that other steps
     * may precede. On one CPU the kernel cannot take such a step in between: a trace is replayed
     * up to the first one (on several CPUs, another CPU's admit or wake-up could).
     */
    static boolean atomic(Map<String, Value> before, Value act) {
        String name = ((Value.Str) act.at(1)).s;
        if (periodEnds(before)) {
            return name.equals("Replenish");
        }
        return settled(before) || name.equals("Schedule");
    }

    /** The kernel runs no idle CPU while a thread is eligible, and no period end is pending. */
    static boolean settled(Map<String, Value> s) {
        if (periodEnds(s)) {
            return false;
        }
        if (!s.get("current").get("c1").equals(Value.str("idle"))) {
            return true;
        }
        for (Value u : ((Value.Fn) s.get("runQueue").get("c1")).map.values()) {
            boolean ready = s.get("state").apply(u).equals(Value.str("ready"));
            Value.Fn budget = (Value.Fn) s.get("budget");
            boolean hasBudget = !budget.map.containsKey(u) || ((Value.Int) budget.apply(u)).n > 0;
            if (ready && hasBudget) {
                return false;
            }
        }
        return true;
    }

    /** True when an admitted real-time thread's own period has ended and awaits Replenish. */
    static boolean periodEnds(Map<String, Value> s) {
        for (Map.Entry<Value, Value> e : ((Value.Fn) s.get("elapsed")).map.entrySet()) {
            boolean admitted = !s.get("state").apply(e.getKey()).equals(Value.str("inactive"));
            if (admitted && ((Value.Int) e.getValue()).n >= PERIOD) {
                return true;
            }
        }
        return false;
    }

    /** The compared variables, runQueue as each CPU's per-priority subsequences. */
    static Map<String, Value> project(Map<String, Value> s) {
        Map<String, Value> m = new LinkedHashMap<>();
        for (String v : VARS) {
            m.put(v, s.get(v));
        }
        TreeMap<Value, Value> byCpu = new TreeMap<>();
        for (Map.Entry<Value, Value> e : ((Value.Fn) s.get("runQueue")).map.entrySet()) {
            TreeMap<Value, List<Value>> byPrio = new TreeMap<>();
            for (Value u : ((Value.Fn) e.getValue()).map.values()) {
                byPrio.computeIfAbsent(s.get("priority").apply(u), x -> new ArrayList<>()).add(u);
            }
            TreeMap<Value, Value> f = new TreeMap<>();
            byPrio.forEach((p, l) -> f.put(p, Value.tuple(l)));
            byCpu.put(e.getKey(), Value.fn(f));
        }
        m.put("runQueue", Value.fn(byCpu));
        // A retired thread's Tcb is freed; its budget lives on only in the lingering
        // reservation until its period ends (the spec keeps it, stale, after that), and
        // re-admission reads it from there: budgets are compared for admitted threads.
        TreeMap<Value, Value> budget = new TreeMap<>();
        ((Value.Fn) s.get("budget")).map.forEach((u, b) -> {
            if (!s.get("state").apply(u).equals(Value.str("inactive"))) {
                budget.put(u, b);
            }
        });
        m.put("budget", Value.fn(budget));
        return m;
    }

    /** {@code steps}: the spec actions since the last settled state that matched. */
    private static TraceChecker.Failure failure(int t, int i, Value act, String steps, Map<String, Value> spec,
            Map<String, Value> kernel) {
        return new TraceChecker.Failure(t, i, SpecStep.step(act),
            "Scheduler:" + steps + ":differs-" + SpecStep.differing(VARS, spec, kernel),
            "  after " + steps + " from the last matching state, kernel and spec differ:\n"
                + SpecStep.describe(VARS, spec, kernel));
    }
}
