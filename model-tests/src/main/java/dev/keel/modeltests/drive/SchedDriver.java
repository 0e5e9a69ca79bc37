package dev.keel.modeltests.drive;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.keel.kernel.abi.Errors;
import dev.keel.modeltests.tla.Value;
import dev.keel.modeltests.trace.Step;

/**
 * Runs scheduler events on the kernel's Scheduler (one CPU, "c1") and logs each as a Step of
 * spec/Scheduler.tla, with the state after the kernel's reschedule, as a thread returning to
 * user mode sees it. An event whose thread is in the wrong state (an exit with nothing running,
 * a wake-up of a thread that is not blocked) is not a kernel transition: it is skipped.
 * The logged runQueue is per priority ({@code rqp[c][prio]}); budgets only for admitted threads; elapsed for every real-time thread;
 * slice for every thread.
 */
public final class SchedDriver {

    private final SchedReplayer k;
    private final List<Step> steps = new ArrayList<>();
    private final Map<String, Integer> priority;

    public SchedDriver(List<String> threads, Map<String, Integer> priority, Set<String> realTime,
            int budget, int period, int slice, List<String> initial) {
        this.priority = priority;
        k = new SchedReplayer(threads, priority, realTime, budget, period, slice, initial, Value.str("idle"));
        k.settle();
        steps.add(step("Init", List.of()));
    }

    public List<Step> steps() {
        return List.copyOf(steps);
    }

    /** Runs {@code op} if the kernel would; returns whether it ran. */
    public boolean apply(SchedOp op) {
        Map<String, Value> before = k.state();
        Value c1 = Value.str("c1");
        Value cur = before.get("current").get("c1");
        boolean running = !cur.equals(Value.str("idle"));
        Value t = Value.str(op.thread());
        String st = ((Value.Str) before.get("state").apply(t)).s;
        Value arg;
        switch (op.action()) {
            case "Admit": if (!st.equals("inactive")) { return false; } arg = t; break;
            case "Unblock": if (!st.equals("blocked")) { return false; } arg = t; break;
            case "Retire": case "Yield": case "Block": if (!running) { return false; } arg = c1; break;
            default: arg = c1;
        }
        k.apply(Value.tuple(Value.str(op.action()), arg));
        k.settle();
        steps.add(step(op.action(), List.of(arg)));
        return true;
    }

    private Step step(String action, List<Value> args) {
        Map<String, Value> s = k.state();
        Map<String, Value> logged = new LinkedHashMap<>();
        logged.put("state", s.get("state"));
        logged.put("current", s.get("current"));
        TreeMap<Value, Value> rqp = new TreeMap<>();
        for (Map.Entry<Value, Value> e : ((Value.Fn) s.get("runQueue")).map.entrySet()) {
            TreeMap<Value, List<Value>> by = new TreeMap<>();
            for (Value u : ((Value.Fn) e.getValue()).map.values()) {
                by.computeIfAbsent(Value.of(priority.get(((Value.Str) u).s)), x -> new ArrayList<>()).add(u);
            }
            TreeMap<Value, Value> f = new TreeMap<>();
            by.forEach((p, l) -> f.put(p, Value.tuple(l)));
            rqp.put(e.getKey(), Value.fn(f));
        }
        logged.put("rqp", Value.fn(rqp));
        TreeMap<Value, Value> budget = new TreeMap<>();
        ((Value.Fn) s.get("budget")).map.forEach((u, b) -> {
            if (!s.get("state").apply(u).equals(Value.str("inactive"))) {
                budget.put(u, b);
            }
        });
        logged.put("budget", Value.fn(budget));
        logged.put("elapsed", s.get("elapsed"));
        logged.put("slice", s.get("slice"));
        return new Step(action, args, true, true, Errors.OK, logged);
    }
}
