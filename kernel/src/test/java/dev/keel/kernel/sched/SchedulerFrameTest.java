package dev.keel.kernel.sched;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import dev.keel.kernel.Loc;
import dev.keel.kernel.Sim;
import dev.keel.kernel.abi.Errors;
import dev.keel.kernel.proc.Process;
import dev.keel.kernel.trace.SchedTrace;

/**
 * The frames of the scheduler's contracts ({@code assignable}) against what its methods really
 * write: random sequences of scheduler actions on a booted kernel, each checked field by field
 * (every thread, CPU, run-queue FIFO, lingering entry and the trace) against the locations its
 * frame names, evaluated before the call as KeY does. The ghost state of the proofs (a queue's
 * {@code nodes}, a thread's {@code inQueue}) is not in the Java heap; a queue's first, second
 * and last node stand for {@code nodes[0]}, {@code nodes[1]} and {@code nodes[size() - 1]}.
 */
class SchedulerFrameTest {

    private Scheduler sched;
    private ThreadPool pool;
    private SchedTrace trace;

    @Property(tries = 40)
    void everyActionWritesOnlyWhatItsFrameNames(@ForAll long seed) {
        Sim s = new Sim(2);
        sched = s.k.scheduler;
        pool = s.k.threads;
        trace = sched.trace();
        Process init = s.init();
        for (int i = 0; i < 3; i++) {
            s.spawn(init, "child", new long[0], 5 + i * 5, -1);
        }
        trace.on = true;
        Random r = new Random(seed);
        for (int step = 0; step < 200; step++) {
            act(r);
        }
    }

    private void act(Random r) {
        int n = pool.size();
        Tcb t = pool.at(sched.cpuCount() + r.nextInt(n - sched.cpuCount()));
        PerCpu c = sched.cpu(r.nextInt(sched.cpuCount()));
        int prio = r.nextInt(sched.priorities());
        switch (r.nextInt(10)) {
            case 0:
                if (t.state == Tcb.RUNNING || t.state == Tcb.READY) {
                    Set<Loc> f = blockFrame(t);
                    check("block", f, () -> sched.block(t, Tcb.ON_RECEIVE));
                }
                break;
            case 1:
                if (t.state == Tcb.BLOCKED) {
                    check("unblock", unblockFrame(t), () -> sched.unblock(t));
                }
                break;
            case 2:
                if (t.state != Tcb.FREE && r.nextInt(4) == 0) {
                    check("remove", removeFrame(t), () -> sched.remove(t));
                }
                break;
            case 3:
                if (t.state != Tcb.FREE) {
                    check("setPriority", setPriorityFrame(t, prio), () -> sched.setPriority(t, prio));
                }
                break;
            case 4:
                if (t.state == Tcb.FREE) {
                    int cpu = r.nextInt(3) - 1;
                    check("start", startFrame(t, prio, cpu), () -> sched.start(t, prio, cpu));
                }
                break;
            case 5:
                int budget = 1 + r.nextInt(5);
                int period = budget + r.nextInt(20);
                if (t.state != Tcb.FREE && sched.checkRealtime(t, budget, period) == Errors.OK) {
                    check("setRealtime", setRealtimeFrame(t), () -> sched.setRealtime(t, budget, period));
                }
                break;
            case 6:
            case 7:
                check("tick", tickFrame(c), () -> sched.tick(c));
                break;
            case 8:
                check("schedule", scheduleFrame(c), () -> sched.schedule(c));
                break;
            default:
                check("yieldCurrent", yieldFrame(c), () -> sched.yieldCurrent(c));
                break;
        }
    }

    // ---- the frames, as the contracts in Scheduler.java state them, read before the call ----

    private Set<Loc> blockFrame(Tcb t) {
        Set<Loc> f = fields(t, "state", "blockedOn", "next", "prev", "queued");
        f.addAll(neighbours(t));
        f.addAll(queue(sched.cpu(t.cpu).runQueue.level(t.priority)));
        f.add(new Loc(sched.cpu(t.cpu), "needResched"));
        f.addAll(record());
        return f;
    }

    private Set<Loc> unblockFrame(Tcb t) {
        Set<Loc> f = fields(t, "state", "blockedOn", "next", "prev", "queued");
        ThreadQueue q = sched.cpu(t.cpu).runQueue.level(t.priority);
        f.addAll(queue(q));
        f.addAll(fields(last(q), "next"));
        f.add(new Loc(sched.cpu(t.cpu), "needResched"));
        f.addAll(record());
        return f;
    }

    private Set<Loc> removeFrame(Tcb t) {
        Set<Loc> f = fields(t, "state", "throttled", "realtime", "next", "prev", "queued");
        f.addAll(neighbours(t));
        f.addAll(queue(sched.cpu(t.cpu).runQueue.level(t.priority)));
        f.add(new Loc(sched.cpu(t.cpu), "needResched"));
        f.addAll(record());
        f.addAll(lingering(sched.cpu(t.cpu), t));
        return f;
    }

    private Set<Loc> setPriorityFrame(Tcb t, int priority) {
        Set<Loc> f = fields(t, "priority", "next", "prev", "queued");
        f.addAll(neighbours(t));
        f.addAll(queue(sched.cpu(t.cpu).runQueue.level(t.priority)));
        ThreadQueue q = sched.cpu(t.cpu).runQueue.level(priority);
        f.addAll(queue(q));
        f.addAll(fields(last(q), "next"));
        f.add(new Loc(sched.cpu(t.cpu), "needResched"));
        return f;
    }

    private Set<Loc> startFrame(Tcb t, int priority, int cpu) {
        Set<Loc> f = fields(t, "priority", "cpu", "slice", "state", "blockedOn", "next", "prev", "queued");
        ThreadQueue q = sched.cpu(cpu).runQueue.level(priority);
        f.addAll(queue(q));
        f.addAll(fields(last(q), "next"));
        f.add(new Loc(sched.cpu(cpu), "needResched"));
        f.addAll(record());
        f.addAll(slot(trace.opKind, trace.ops - 1));
        f.addAll(slot(trace.opGeneration, trace.ops - 1));
        f.addAll(slot(trace.generation, t.id));
        return f;
    }

    private Set<Loc> setRealtimeFrame(Tcb t) {
        Set<Loc> f = fields(t, "realtime", "budget", "period", "remaining", "releaseAt", "throttled",
                "next", "prev", "queued");
        f.addAll(neighbours(t));
        f.addAll(queue(sched.cpu(t.cpu).runQueue.level(t.priority)));
        f.add(new Loc(sched.cpu(t.cpu), "needResched"));
        f.addAll(lingering(sched.cpu(t.cpu), t));
        return f;
    }

    private Set<Loc> tickFrame(PerCpu c) {
        Set<Loc> f = fields(c, "ticks", "needResched");
        f.addAll(fields(c.current, "slice", "remaining", "throttled"));
        f.addAll(record());
        f.addAll(replenished(c));
        return f;
    }

    private Set<Loc> replenished(PerCpu c) {
        Set<Loc> f = new HashSet<>();
        for (int i = 0; i < pool.size(); i++) {
            Tcb o = pool.at(i);
            if (o.realtime && o.cpu == c.index && o.state != Tcb.FREE) {
                f.addAll(fields(o, "remaining", "releaseAt", "throttled", "next", "prev", "queued"));
            }
        }
        for (int p = 0; p < c.runQueue.priorities(); p++) {
            ThreadQueue q = c.runQueue.level(p);
            f.addAll(queue(q));
            f.addAll(fields(last(q), "next"));
        }
        return f;
    }

    private Set<Loc> scheduleFrame(PerCpu c) {
        Set<Loc> f = fields(c, "current", "needResched", "contextSwitches", "idleEntries", "wakeups");
        f.addAll(fields(c.idle, "state"));
        f.addAll(fields(c.current, "state", "slice", "next", "prev", "queued"));
        for (int p = 0; p < c.runQueue.priorities(); p++) {
            ThreadQueue q = c.runQueue.level(p);
            f.addAll(queue(q));
            Tcb first = q.first();
            f.addAll(fields(first, "state", "next", "prev", "queued"));
            f.addAll(fields(first == null ? null : first.next, "prev"));
            f.addAll(fields(last(q), "next"));
        }
        return f;
    }

    private Set<Loc> yieldFrame(PerCpu c) {
        Set<Loc> f = fields(c, "needResched");
        f.addAll(fields(c.current, "slice"));
        f.addAll(record());
        return f;
    }

    private Set<Loc> record() {
        Set<Loc> f = fields(trace, "ops", "overflow");
        f.addAll(slot(trace.opKind, trace.ops));
        f.addAll(slot(trace.opThread, trace.ops));
        f.addAll(slot(trace.opGeneration, trace.ops));
        return f;
    }

    private Set<Loc> neighbours(Tcb t) {
        Set<Loc> f = fields(t.prev, "next");
        f.addAll(fields(t.next, "prev"));
        return f;
    }

    private Set<Loc> lingering(PerCpu c, Tcb t) {
        Lingering[][] table = lingeringTable();
        if (c.index < 0 || c.index >= table.length || t.id < 0 || t.id >= table[c.index].length) {
            return new HashSet<>();
        }
        return fields(table[c.index][t.id], "until", "remaining", "permille", "period");
    }

    private static Set<Loc> queue(ThreadQueue q) {
        return q == null ? new HashSet<>() : fields(q, "head", "tail", "count");
    }

    private static Tcb last(ThreadQueue q) {
        return q == null ? null : (Tcb) read(q, "tail");
    }

    private static Set<Loc> slot(int[] a, int i) {
        Set<Loc> f = new HashSet<>();
        if (0 <= i && i < a.length) {
            f.add(new Loc(a, "[" + i + "]"));
        }
        return f;
    }

    private static Set<Loc> fields(Object o, String... names) {
        Set<Loc> f = new HashSet<>();
        if (o != null) {
            for (String n : names) {
                f.add(new Loc(o, n));
            }
        }
        return f;
    }

    // ---- the heap the scheduler can reach, and the check ----

    private Map<Loc, Object> snapshot() {
        Map<Loc, Object> m = new HashMap<>();
        Set<Object> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        List<Object> objects = new ArrayList<>();
        for (int i = 0; i < pool.size(); i++) {
            objects.add(pool.at(i));
        }
        for (int c = 0; c < sched.cpuCount(); c++) {
            PerCpu p = sched.cpu(c);
            objects.add(p);
            for (int l = 0; l < p.runQueue.priorities(); l++) {
                objects.add(p.runQueue.level(l));
            }
        }
        for (Lingering[] row : lingeringTable()) {
            for (Lingering l : row) {
                objects.add(l);
            }
        }
        objects.add(trace);
        for (Object o : objects) {
            if (!seen.add(o)) {
                continue;
            }
            for (Field f : o.getClass().getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                Object v = read(o, f.getName());
                if (v instanceof int[] a) {
                    for (int i = 0; i < a.length; i++) {
                        m.put(new Loc(a, "[" + i + "]"), a[i]);
                    }
                }
                m.put(new Loc(o, f.getName()), v);
            }
        }
        return m;
    }

    private void check(String action, Set<Loc> frame, Runnable call) {
        Map<Loc, Object> before = snapshot();
        call.run();
        Map<Loc, Object> after = snapshot();
        for (Map.Entry<Loc, Object> e : after.entrySet()) {
            Object old = before.get(e.getKey());
            Object v = e.getValue();
            boolean same = v == null || v instanceof Number || v instanceof Boolean
                    ? Objects.equals(old, v) : old == v;
            if (!same && !frame.contains(e.getKey())) {
                fail(action + " wrote " + e.getKey() + " (" + old + " -> " + e.getValue()
                        + "), which its frame does not name");
            }
        }
        assertTrue(before.size() == after.size(), action + ": the reachable heap changed shape");
    }

    private Lingering[][] lingeringTable() {
        return (Lingering[][]) read(sched, "lingering");
    }

    private static Object read(Object o, String name) {
        try {
            Field f = o.getClass().getDeclaredField(name);
            f.setAccessible(true);
            return f.get(o);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
