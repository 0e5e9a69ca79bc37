package dev.keel.modeltests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.keel.modeltests.drive.SchedDriver;
import dev.keel.modeltests.drive.SchedOp;
import dev.keel.modeltests.tla.Value;
import dev.keel.modeltests.trace.Differ;
import dev.keel.modeltests.trace.Step;
import dev.keel.modeltests.trace.Tlc;
import dev.keel.modeltests.trace.TlcOutput;
import dev.keel.modeltests.trace.TraceChecker;
import dev.keel.modeltests.trace.TraceModule;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;

/**
 * Trace validation of the kernel's scheduler: jqwik generates sequences of scheduler events
 * (threads created and exiting, ticks, yields, blocks and wake-ups), the kernel's Scheduler runs
 * them, and TLC checks every logged trace against spec/Scheduler.tla's small model in one run.
 */
class SchedulerTraceTest {

    static final int TRACES = 40;

    @Property(tries = 1, seed = "20261125", shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void kernelTracesAreBehavioursOfTheSpec(@ForAll("programs") List<List<SchedOp>> programs) throws Exception {
        if (!Env.hasSpec("MCScheduler")) {
            Summary.put("4-trace-scheduler", "Trace validation, Scheduler: NOT RUN, spec/tla/MCScheduler.tla missing");
        }
        assumeTrue(Env.hasSpec("MCScheduler"), "no spec/tla/MCScheduler.tla");
        long t0 = System.nanoTime();
        Path dir = Simulation.prepare("Scheduler");
        // The small model's threads, priorities, real-time set and boot queue, from its first state.
        Map<String, Value> init = Simulation.simulate(dir, "init", "Scheduler", 1, 1, 1).get(0).get(0).vars();
        List<String> threads = new ArrayList<>();
        Map<String, Integer> prio = new LinkedHashMap<>();
        ((Value.Fn) init.get("priority")).map.forEach((u, p) -> {
            threads.add(((Value.Str) u).s);
            prio.put(((Value.Str) u).s, (int) ((Value.Int) p).n);
        });
        Set<String> rt = new HashSet<>();
        ((Value.Fn) init.get("budget")).map.keySet().forEach(u -> rt.add(((Value.Str) u).s));
        List<String> initial = new ArrayList<>();
        ((Value.Fn) init.get("runQueue").get("c1")).map.values().forEach(u -> initial.add(((Value.Str) u).s));
        int budget = (int) ((Value.Int) Simulation.constant("Scheduler", "Budget")).n;
        int period = (int) ((Value.Int) Simulation.constant("Scheduler", "Period")).n;
        int slice = (int) ((Value.Int) Simulation.constant("Scheduler", "Slice")).n;

        List<List<Step>> traces = new ArrayList<>();
        for (List<SchedOp> program : programs) {
            SchedDriver d = new SchedDriver(threads, prio, rt, budget, period, slice, initial);
            for (SchedOp op : program) {
                d.apply(new SchedOp(op.action(), threads.get(Math.floorMod(op.thread().hashCode(), threads.size()))));
            }
            traces.add(d.steps());
        }
        Path work = dir.resolveSibling("SchedulerTrace");
        Files.createDirectories(work);
        Files.copy(Env.tla().resolve("SchedulerTrace.tla"), work.resolve("SchedulerTrace.tla"),
            StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(work.resolve("SchedulerTrace.cfg"), Simulation.smallConfig("Scheduler")
            + "INIT TraceInit\nNEXT TraceNext\nINVARIANT Conforms\n", StandardCharsets.UTF_8);
        TraceModule.write(work, "SchedulerTraceData", Map.of(), traces);
        Tlc.Result r = Env.tlc().run(work, "SchedulerTrace", "SchedulerTrace.cfg", List.of("-continue", "-deadlock"));
        List<TlcOutput.Violation> vs = TlcOutput.violations(r.output());
        assertTrue(r.exit() == 0 || !vs.isEmpty(), "TLC failed:\n" + TlcOutput.errors(r.output())
            + "see " + work.resolve("SchedulerTrace.log"));
        List<TraceChecker.Failure> failures = failures(traces, vs);
        int steps = traces.stream().mapToInt(x -> x.size() - 1).sum();
        double secs = (System.nanoTime() - t0) / 1e9;
        Known.Verdict v = Known.judge("trace/Scheduler", failures);
        long fresh = v.problems().stream().filter(x -> x.startsWith("DISCREPANCY")).count();
        Summary.put("4-trace-scheduler", String.format(
            "Trace validation, Scheduler: %d traces, %,d steps checked by TLC; %d traces conform to the end, "
                + "%d stop at a known discrepancy, %d at a new one; %.0f s",
            traces.size(), steps, traces.size() - failures.size(), failures.size() - fresh, fresh, secs));
        Summary.figures("trace-scheduler", traces.size(), steps, secs, -1, -1, "-");
        for (int k = 0; k < v.lines().size(); k++) {
            Summary.put("4-trace-scheduler-known-" + k, "  " + v.lines().get(k));
        }
        assertTrue(v.problems().isEmpty(), String.join("\n", v.problems()));
    }

    /** One failure per stuck trace: the event that could not be followed, and how states differ. */
    static List<TraceChecker.Failure> failures(List<List<Step>> traces, List<TlcOutput.Violation> vs) {
        Map<Integer, TlcOutput.Violation> first = new LinkedHashMap<>();
        for (TlcOutput.Violation v : vs) {
            int t = (int) ((Value.Int) v.last().vars().get("t")).n;
            first.putIfAbsent(t, v);
        }
        List<TraceChecker.Failure> out = new ArrayList<>();
        first.forEach((t, v) -> {
            Map<String, Value> spec = v.last().vars();
            int i = (int) ((Value.Int) spec.get("i")).n;
            boolean settle = spec.get("phase").equals(Value.str("settle"));
            Step logged = traces.get(t - 1).get(settle ? i - 1 : i);
            StringBuilder b = new StringBuilder();
            String kind;
            if (settle) {
                List<String> vars = new ArrayList<>();
                Value sq = spec.get("runQueue");
                compare("state", spec.get("state"), logged.state().get("state"), vars, b);
                compare("current", spec.get("current"), logged.state().get("current"), vars, b);
                compare("runQueue", byPriority(sq, spec.get("priority")), logged.state().get("rqp"), vars, b);
                Value.Fn lb = (Value.Fn) logged.state().get("budget");
                java.util.TreeMap<Value, Value> sb = new java.util.TreeMap<>();
                lb.map.keySet().forEach(u -> sb.put(u, spec.get("budget").apply(u)));
                compare("budget", Value.fn(sb), lb, vars, b);
                compare("elapsed", spec.get("elapsed"), logged.state().get("elapsed"), vars, b);
                kind = "differs-" + String.join("+", vars);
                b.insert(0, "  after it, kernel and spec differ:\n");
            } else {
                kind = "not-enabled";
                b.append("  the spec's ").append(logged.action()).append(" is not enabled in the state before it\n");
            }
            out.add(new TraceChecker.Failure(t, settle ? i - 1 : i, logged,
                "Scheduler:" + logged.action() + ":" + kind, b.toString()));
        });
        return out;
    }

    private static void compare(String name, Value spec, Value kernel, List<String> vars, StringBuilder b) {
        if (!spec.equals(kernel)) {
            vars.add(name);
            b.append("  - ").append(name).append(Differ.describe(spec, kernel)).append('\n');
        }
    }

    private static Value byPriority(Value runQueue, Value priority) {
        java.util.TreeMap<Value, Value> out = new java.util.TreeMap<>();
        ((Value.Fn) runQueue).map.forEach((c, q) -> {
            java.util.TreeMap<Value, List<Value>> by = new java.util.TreeMap<>();
            ((Value.Fn) q).map.values().forEach(u -> by.computeIfAbsent(priority.apply(u), x -> new ArrayList<>()).add(u));
            java.util.TreeMap<Value, Value> f = new java.util.TreeMap<>();
            by.forEach((p, l) -> f.put(p, Value.tuple(l)));
            out.put(c, Value.fn(f));
        });
        return Value.fn(out);
    }

    @Provide
    Arbitrary<List<List<SchedOp>>> programs() {
        Arbitrary<String> action = Arbitraries.frequency(Tuple.of(2, "Admit"), Tuple.of(1, "Retire"),
            Tuple.of(6, "Tick"), Tuple.of(2, "Yield"), Tuple.of(3, "Block"), Tuple.of(4, "Unblock"));
        Arbitrary<String> thread = Arbitraries.of("0", "1", "2");
        return Combinators.combine(action, thread).as(SchedOp::new).list().ofMinSize(20).ofMaxSize(60)
            .list().ofSize(TRACES);
    }
}
