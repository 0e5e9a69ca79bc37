package dev.keel.modeltests.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.keel.kernel.sched.Lingering;
import dev.keel.kernel.sched.PerCpu;
import dev.keel.kernel.sched.Scheduler;
import dev.keel.kernel.sched.Tcb;
import dev.keel.kernel.sched.ThreadPool;
import dev.keel.modeltests.tla.Value;

/**
 * Refinement mapping from the kernel's scheduler to the variables of spec/Scheduler.tla.
 *
 * <ul>
 * <li>{@code state[t]}: Tcb.state FREE, READY, RUNNING, BLOCKED as "inactive", "ready",
 *     "running", "blocked".</li>
 * <li>{@code priority[t]}: Tcb.priority.</li>
 * <li>{@code runQueue[c]}: the kernel keeps one FIFO per priority, the spec one sequence, oldest
 *     first. The kernel does not record the order between threads of different priorities, and
 *     the spec's choices never depend on it, so the mapping gives the FIFOs from the highest
 *     priority down, and a trace spec must compare runQueue through {@link #byPriority} only.
 *     A throttled real-time thread (budget spent) is READY but out of the kernel's queue; the
 *     spec keeps it in the queue: it is appended to its priority's FIFO.</li>
 * <li>{@code current[c]}: the CPU's current thread, or None when it runs its idle thread or its
 *     current thread stopped running (blocked or retired, reschedule pending).</li>
 * <li>{@code budget[t]} for real-time t: Tcb.remaining.</li>
 * <li>{@code slice[t]}: Tcb.slice, the ticks left of t's time slice; a thread that is not
 *     admitted (free Tcb, or never started) has a full slice in the spec, the kernel's time
 *     slice, which Scheduler.start gives it.</li>
 * <li>A free Tcb (retired thread) maps to "inactive" with its configured priority.</li>
 * <li>{@code elapsed[t]} for real-time t: the ticks of t's own period so far, PerCpu.ticks of
 *     its CPU minus the period's start (Tcb.releaseAt - Tcb.period). A retired thread's period
 *     runs on to its end in the spec: the same from the reservation its CPU keeps lingering
 *     (Scheduler.lingeringOf: until - period), and the spec's Period once none lingers (its period
 *     is over, or it never had one).</li>
 * </ul>
 * The kernel reaches these states at reschedule points (needResched false): a transition is
 * mapped after the kernel's schedule on the CPU it touched.
 */
public final class SchedulerMapping {

    private final Map<Integer, Value> threads;
    private final Map<Integer, Value> cpus;
    private final Value none;
    private final Map<Integer, Integer> configured;
    private final java.util.Set<Integer> realTime;
    private final int timeslice;
    private final int period;

    /**
     * @param threads Tcb ids with their TLA+ names
     * @param cpus CPU indices with their names
     * @param none the spec's None
     * @param configured each thread's priority as configured (the spec's constant Priority): a
     *        free Tcb has lost its priority, and the spec keeps it
     * @param realTime the Tcb ids of the spec's RealTime set (budget's domain)
     * @param timeslice the kernel's time slice (the spec's Slice), the slice of a thread not admitted
     * @param period the spec's Period: elapsed of a real-time thread with no period running
     */
    public SchedulerMapping(Map<Integer, Value> threads, Map<Integer, Value> cpus, Value none,
            Map<Integer, Integer> configured, java.util.Set<Integer> realTime, int timeslice,
            int period) {
        if (timeslice < 1) {
            throw new IllegalArgumentException("a time slice of at least one tick: " + timeslice);
        }
        if (period < 1) {
            throw new IllegalArgumentException("a period of at least one tick: " + period);
        }
        this.timeslice = timeslice;
        this.period = period;
        this.threads = new LinkedHashMap<>(threads);
        this.cpus = new LinkedHashMap<>(cpus);
        this.none = none;
        this.configured = new LinkedHashMap<>(configured);
        this.realTime = java.util.Set.copyOf(realTime);
    }

    public static Value stateName(int s) {
        switch (s) {
            case Tcb.READY: return Value.str("ready");
            case Tcb.RUNNING: return Value.str("running");
            case Tcb.BLOCKED: return Value.str("blocked");
            default: return Value.str("inactive");
        }
    }

    public Map<String, Value> map(Scheduler s, ThreadPool pool) {
        TreeMap<Value, Value> state = new TreeMap<>();
        TreeMap<Value, Value> priority = new TreeMap<>();
        TreeMap<Value, Value> budget = new TreeMap<>();
        TreeMap<Value, Value> elapsed = new TreeMap<>();
        TreeMap<Value, Value> slice = new TreeMap<>();
        for (Map.Entry<Integer, Value> e : threads.entrySet()) {
            Tcb t = pool.at(e.getKey());
            state.put(e.getValue(), stateName(t.state));
            int prio = t.state == Tcb.FREE ? configured.getOrDefault(e.getKey(), t.priority) : t.priority;
            priority.put(e.getValue(), Value.of(prio));
            boolean admitted = t.state == Tcb.READY || t.state == Tcb.RUNNING || t.state == Tcb.BLOCKED;
            slice.put(e.getValue(), Value.of(admitted ? t.slice : timeslice));
            if (realTime.contains(e.getKey())) {
                budget.put(e.getValue(), Value.of(t.remaining));
                elapsed.put(e.getValue(), Value.of(elapsed(s, t)));
            }
        }
        TreeMap<Value, Value> runQueue = new TreeMap<>();
        TreeMap<Value, Value> current = new TreeMap<>();
        for (Map.Entry<Integer, Value> e : cpus.entrySet()) {
            PerCpu c = s.cpu(e.getKey());
            runQueue.put(e.getValue(), Value.tuple(queue(c, pool)));
            Value cur = threads.get(c.current.id);
            boolean runs = c.current != c.idle && c.current.state == Tcb.RUNNING && cur != null;
            current.put(e.getValue(), runs ? cur : none);
        }
        Map<String, Value> vars = new LinkedHashMap<>();
        vars.put("state", Value.fn(state));
        vars.put("priority", Value.fn(priority));
        vars.put("runQueue", Value.fn(runQueue));
        vars.put("current", Value.fn(current));
        vars.put("budget", Value.fn(budget));
        vars.put("elapsed", Value.fn(elapsed));
        vars.put("slice", Value.fn(slice));
        return vars;
    }

    /**
     * Ticks of real-time thread t's current period: its period started at releaseAt - period; a
     * retired thread's from its lingering reservation; Period when no period runs.
     */
    private long elapsed(Scheduler s, Tcb t) {
        if (t.realtime && t.state != Tcb.FREE) {
            return s.cpu(t.cpu).ticks - (t.releaseAt - t.period);
        }
        for (Integer c : cpus.keySet()) {
            PerCpu cpu = s.cpu(c);
            Lingering l = s.lingeringOf(cpu, t.id);
            if (l != null) {
                return cpu.ticks - (l.until - l.period);
            }
        }
        return period;
    }

    /**
     * CPU c's ready threads, highest priority first, each priority oldest first, read from the
     * Tcb links (RunQueue has no public iteration); throttled threads last in their priority.
     */
    private List<Value> queue(PerCpu c, ThreadPool pool) {
        List<Value> out = new ArrayList<>();
        for (int prio = c.runQueue.priorities() - 1; prio >= 0; prio--) {
            for (Map.Entry<Integer, Value> e : threads.entrySet()) {
                Tcb t = pool.at(e.getKey());
                if (t.queued && t.cpu == c.index && t.priority == prio && t.prev == null) {
                    for (Tcb x = t; x != null; x = x.next) {
                        Value name = threads.get(x.id);
                        out.add(name == null ? Value.of(x.id) : name);
                    }
                }
            }
            for (Map.Entry<Integer, Value> e : threads.entrySet()) {
                Tcb t = pool.at(e.getKey());
                if (t.throttled && t.state == Tcb.READY && !t.queued && t.cpu == c.index && t.priority == prio) {
                    out.add(e.getValue());
                }
            }
        }
        return out;
    }

    /** The TLA+ expression a trace spec compares runQueue by: each CPU's queue per priority. */
    public static String byPriorityOperator() {
        return "ByPriority(q) == [p \\in {priority[u] : u \\in Elems(q)} |-> SelectSeq(q, LAMBDA u : priority[u] = p)]";
    }
}
