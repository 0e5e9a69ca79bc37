package dev.keel.modeltests.drive;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.keel.kernel.sched.PerCpu;
import dev.keel.kernel.sched.Scheduler;
import dev.keel.kernel.sched.Tcb;
import dev.keel.modeltests.mapping.SchedulerMapping;
import dev.keel.modeltests.tla.Value;

/**
 * Replays actions of spec/Scheduler.tla on the kernel's Scheduler, one CPU ("c1" is CPU 0),
 * each spec thread a Tcb (ids from 1; Tcb 0 is the idle thread). The kernel's time slice is the
 * spec's Slice.
 *
 * <p>Admit: Scheduler.start (after setRealtime for a real-time thread, which resumes the
 * reservation the Tcb's slot left lingering at its exit while that period lasts); Retire: remove,
 * then the Tcb goes back to the pool (as when its process exits); Tick: tick; Yield: yieldCurrent; Block:
 * block with ON_RECEIVE; Unblock: unblock; Schedule: schedule; Replenish: nothing, since the
 * kernel refills budgets inside tick, when the period's last tick is counted.
 */
public final class SchedReplayer {

    private final KernelParts k;
    private final Scheduler s;
    private final Map<String, Integer> ids = new LinkedHashMap<>();
    private final Map<String, Integer> priority;
    private final Set<String> realTime;
    private final int budget;
    private final int period;
    private final SchedulerMapping mapping;

    /** @param threads the spec's threads; @param initial the spec's initial run queue, in order */
    public SchedReplayer(List<String> threads, Map<String, Integer> priority, Set<String> realTime,
            int budget, int period, int slice, List<String> initial, Value none) {
        k = new KernelParts(1, 2, 1, 1, threads.size() + 2, 4, slice);
        s = k.scheduler;
        this.priority = priority;
        this.realTime = realTime;
        this.budget = budget;
        this.period = period;
        Map<Integer, Value> names = new LinkedHashMap<>();
        Map<Integer, Integer> prios = new LinkedHashMap<>();
        Set<Integer> rt = new java.util.HashSet<>();
        for (int i = 0; i < threads.size(); i++) {
            String t = threads.get(i);
            ids.put(t, i + 1);
            names.put(i + 1, Value.str(t));
            prios.put(i + 1, priority.get(t));
            if (realTime.contains(t)) {
                rt.add(i + 1);
            }
        }
        mapping = new SchedulerMapping(names, Map.of(0, Value.str("c1")), none, prios, rt, slice, period);
        for (String t : initial) {
            admit(t);
        }
    }

    public Map<String, Value> state() {
        return mapping.map(s, k.threads);
    }

    private Tcb tcb(Value t) {
        return k.threads.at(ids.get(((Value.Str) t).s));
    }

    private PerCpu cpu() {
        return s.cpu(0);
    }

    private void admit(String name) {
        Tcb t = k.threads.at(ids.get(name));
        t.state = Tcb.FREE;
        if (realTime.contains(name)) {
            t.cpu = 0;
            s.setRealtime(t, budget, period);
        }
        s.start(t, priority.get(name), 0);
    }

    /** Runs {@code act} = <<name, arg>>. */
    public void apply(Value act) {
        String name = ((Value.Str) act.at(1)).s;
        switch (name) {
            case "Admit": admit(((Value.Str) act.at(2)).s); break;
            case "Retire": {
                Tcb t = cpu().current;
                s.remove(t);
                k.threads.release(t);
                break;
            }
            case "Tick": s.tick(cpu()); break;
            case "Yield": s.yieldCurrent(cpu()); break;
            case "Block": s.block(cpu().current, Tcb.ON_RECEIVE); break;
            case "Unblock": s.unblock(tcb(act.at(2))); break;
            case "Schedule": s.schedule(cpu()); break;
            case "Replenish": break;
            default: throw new IllegalArgumentException("unknown action " + act.tla());
        }
    }

    /** The kernel's return to user mode: a pending reschedule happens. */
    public void settle() {
        if (cpu().needResched) {
            s.schedule(cpu());
        }
    }
}
