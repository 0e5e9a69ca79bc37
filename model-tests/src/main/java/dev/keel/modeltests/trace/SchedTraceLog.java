package dev.keel.modeltests.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.keel.modeltests.tla.Value;
import dev.keel.modeltests.tla.ValueParser;

/**
 * Reads the scheduler trace the kernel writes itself ({@code dev.keel.kernel.trace.SchedTrace}:
 * one {@code @sched <<cpu, ops, threads, current, queues>>} line per kernel entry that changed
 * the scheduler) into records for BootSchedulerTrace.tla: one {@link Step} per kernel entry,
 * whose arguments are the entry's spec actions and whose state is {@code state} (every thread the
 * trace names; one not listed is inactive), {@code current}, {@code rqp} (the run queue per
 * priority) and {@code rq} (the run queue, highest priority first), each per CPU.
 *
 * The run is cut into windows of at most {@code window} entries; the first starts from the
 * spec's Init (no thread admitted yet: the first entry admits init), every other one from the
 * state logged before it, so one discrepancy stops only its own window.
 */
public final class SchedTraceLog {

    public static final String PREFIX = "@sched ";

    /** The windows, each a start record then the kernel entries, and the trace spec's constants. */
    public record Decoded(Map<String, Value> constants, List<List<Step>> windows, int entries) { }

    private SchedTraceLog() {
    }

    public static Decoded decode(List<String> lines, int window) {
        List<Value> records = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String l = lines.get(n).strip();
            if (!l.startsWith(PREFIX)) {
                continue;
            }
            Value v;
            try {
                v = ValueParser.parse(l.substring(PREFIX.length()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("trace line " + (n + 1) + ": " + e.getMessage(), e);
            }
            if (v.at(2) instanceof Value.Str) {
                throw new IllegalArgumentException("trace line " + (n + 1) + ": more scheduler actions in one "
                    + "kernel entry than the kernel's trace keeps");
            }
            records.add(v);
        }
        if (records.isEmpty()) {
            throw new IllegalArgumentException("the trace holds no scheduler event");
        }
        TreeMap<Value, Value> priority = new TreeMap<>();
        TreeSet<Value> cpus = new TreeSet<>();
        for (Value r : records) {
            cpus.add(r.at(1));
            for (Value th : r.at(3).members()) {
                Value old = priority.put(th.at(1), th.at(3));
                if (old != null && !old.equals(th.at(3))) {
                    throw new IllegalArgumentException("thread " + th.at(1).tla() + " changes priority");
                }
            }
        }
        List<Step> steps = new ArrayList<>();
        for (Value r : records) {
            steps.add(step(r, priority.keySet(), cpus, priority));
        }
        Step init = new Step("Init", List.of(), true, true, 0,
            state(Map.of(), Value.str("idle"), new TreeMap<>(), priority.keySet(), cpus, priority));
        List<List<Step>> windows = new ArrayList<>();
        for (int from = 0; from < steps.size(); from += window) {
            List<Step> w = new ArrayList<>();
            w.add(from == 0 ? init : steps.get(from - 1));
            w.addAll(steps.subList(from, Math.min(steps.size(), from + window)));
            windows.add(w);
        }
        TreeMap<Value, Value> affinity = new TreeMap<>();
        for (Value th : priority.keySet()) {
            affinity.put(th, cpus.first());
        }
        Map<String, Value> c = new LinkedHashMap<>();
        c.put("TrThreads", Value.set(priority.keySet()));
        c.put("TrCPUs", Value.set(cpus));
        c.put("TrAffinity", Value.fn(affinity));
        c.put("TrPriority", Value.fn(priority));
        c.put("TrRealTime", Value.set());
        c.put("TrInitial", Value.set());
        return new Decoded(c, windows, steps.size());
    }

    private static Step step(Value r, java.util.Set<Value> threads, TreeSet<Value> cpus, Map<Value, Value> priority) {
        Map<Value, Value> listed = new TreeMap<>();
        for (Value th : r.at(3).members()) {
            listed.put(th.at(1), th.at(2));
        }
        TreeMap<Value, List<Value>> queues = new TreeMap<>();
        for (Value q : r.at(5).members()) {
            queues.put(q.at(1), q.at(2).items());
        }
        List<Value> ops = r.at(2).items();
        List<String> names = new ArrayList<>();
        for (Value o : ops) {
            names.add(((Value.Str) o.at(1)).s);
        }
        return new Step(String.join("+", names), ops, true, true, 0,
            state(listed, r.at(4), queues, threads, cpus, priority));
    }

    private static Map<String, Value> state(Map<Value, Value> listed, Value current,
            TreeMap<Value, List<Value>> queues, java.util.Set<Value> threads, TreeSet<Value> cpus,
            Map<Value, Value> priority) {
        TreeMap<Value, Value> st = new TreeMap<>();
        for (Value th : threads) {
            st.put(th, listed.getOrDefault(th, Value.str("inactive")));
        }
        TreeMap<Value, Value> rqp = new TreeMap<>();
        List<Value> rq = new ArrayList<>();
        for (Map.Entry<Value, List<Value>> q : queues.descendingMap().entrySet()) {
            rqp.put(q.getKey(), Value.tuple(q.getValue()));
            rq.addAll(q.getValue());
        }
        TreeMap<Value, Value> cur = new TreeMap<>();
        TreeMap<Value, Value> rqpC = new TreeMap<>();
        TreeMap<Value, Value> rqC = new TreeMap<>();
        for (Value c : cpus) {
            cur.put(c, current);
            rqpC.put(c, Value.fn(rqp));
            rqC.put(c, Value.tuple(rq));
        }
        Map<String, Value> vars = new LinkedHashMap<>();
        vars.put("state", Value.fn(st));
        vars.put("current", Value.fn(cur));
        vars.put("rqp", Value.fn(rqpC));
        vars.put("rq", Value.fn(rqC));
        vars.put("budget", Value.fn(new TreeMap<>()));
        return vars;
    }
}
