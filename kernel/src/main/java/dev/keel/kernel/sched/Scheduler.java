package dev.keel.kernel.sched;

import org.checkerframework.checker.nullness.qual.Nullable;

import dev.keel.hw.Machine;
import dev.keel.kernel.trace.SchedTrace;
import dev.keel.kernel.abi.Errors;

/**
 * Priority-based preemptive scheduling with round robin within a priority, per-CPU run queues,
 * real-time reservations (budget per period, with admission control) and an idle thread that
 * halts the CPU.
 *
 * Refines spec/Scheduler.tla: {@code state} and {@code priority} are the Tcb fields,
 * {@code runQueue[c]} is {@code cpus[c].queue}, {@code current[c]} is {@code cpus[c].current},
 * {@code budget} is {@code Tcb.remaining}. Invariants:
 * <ul>
 * <li>RunningIsCurrent: a RUNNING thread is the current thread of exactly its CPU.</li>
 * <li>ReadyIsQueued: a READY thread that is not throttled is in its CPU's run queue.</li>
 * <li>HighestRuns: unless a reschedule is pending, no ready thread on a CPU has a higher priority
 * than the CPU's current thread.</li>
 * </ul>
 */
public final class Scheduler {

    /** Priority of the idle thread: below every real priority. */
    public static final int IDLE_PRIORITY = -1;

    /*@ spec_public @*/ private final PerCpu[] cpus;
    /*@ spec_public @*/ private final PerCpu boot;
    /*@ spec_public @*/ private final ThreadPool threads;
    /*@ spec_public @*/ private final Machine machine;
    /*@ spec_public @*/ private final int timeslice;
    /*@ spec_public @*/ private final int rtLimitPermille;
    /**
     * lingering[c][id]: the reservation thread slot id left on CPU c when it exited, charged
     * until its period ends (allocated at boot, one per CPU and thread slot).
     */
    /*@ spec_public @*/ private final Lingering[][] lingering;

    /** Writes each action to the trace line when tracing is on (off unless attached at boot). */
    /*@ spec_public @*/ private final SchedTrace trace;

    // TLA+ TypeOK: one state per CPU, each with its own run queue and idle thread.
    //@ public invariant cpus.length > 0 && cpus[0] == boot;
    //@ public invariant (\forall int c; 0 <= c && c < cpus.length; cpus[c].index == c);
    // TLA+ IdleNeverQueued
    //@ public invariant (\forall int c; 0 <= c && c < cpus.length; !cpus[c].idle.queued);
    // The pool keeps its invariant. The run queues keep theirs too, but stated here the queues'
    // invariants are unfolded in every scheduler proof and push even cpu(int) past the step
    // bound: the methods that read a run queue require its invariant instead.
    //@ public invariant \invariant_for(threads);
    // One row of lingering reservations per CPU, one entry per thread slot; and the trace's action
    // arrays, which SchedTrace.record writes into: there, of the right length, distinct, and none
    // of the arrays this invariant reads (KeY does not tell arrays apart by their element types,
    // so without this a recorded action might have changed a CPU or a lingering reservation).
    // Kept behind one model field whose dependencies are the table and the trace's array
    // references, which nothing writes after boot, so a proof that writes nothing of them carries
    // the facts over without unfolding their quantifiers. The trace's own invariant (generation
    // counts, the bound of ops) is not needed by record and stays out of every scheduler proof.
    //@ public model boolean lingeringShaped;
    /*@ public represents lingeringShaped = lingering.length == cpus.length
      @     && (\forall int c; 0 <= c && c < lingering.length;
      @         lingering[c].length == threads.tcbs.length && \nonnullelements(lingering[c])
      @         && lingering[c] != trace.opKind && lingering[c] != trace.opThread
      @         && lingering[c] != trace.opGeneration)
      @     && trace.opKind != null && trace.opThread != null
      @     && trace.opGeneration != null && trace.generation != null
      @     && trace.opKind.length == SchedTrace.MAX_OPS && trace.opThread.length == SchedTrace.MAX_OPS
      @     && trace.opGeneration.length == SchedTrace.MAX_OPS
      @     && trace.opKind != trace.opThread && trace.opKind != trace.opGeneration
      @     && trace.opThread != trace.opGeneration
      @     && trace.opKind != cpus && trace.opThread != cpus && trace.opGeneration != cpus
      @     && trace.opKind != lingering && trace.opThread != lingering
      @     && trace.opGeneration != lingering
      @     && trace.opKind != threads.tcbs && trace.opThread != threads.tcbs
      @     && trace.opGeneration != threads.tcbs;
      @*/
    /*@ public accessible lingeringShaped: lingering, cpus, threads, threads.tcbs, lingering[*],
      @     \infinite_union(int c; 0 <= c && c < lingering.length; lingering[c][*]),
      @     trace, trace.opKind, trace.opThread, trace.opGeneration, trace.generation;
      @*/
    //@ public invariant lingeringShaped;

    // Each CPU's idle thread is pool entry i (the first entry when the pool is smaller): boot
    // sets its state, priority and CPU.
    /*@ public normal_behavior
      @ requires cpuCount > 0 && priorities > 0 && timeslice > 0;
      @ assignable \infinite_union(int i; 0 <= i && i < cpuCount;
      @     \locset(threads.at(i).state, threads.at(i).priority, threads.at(i).cpu));
      @*/
    public Scheduler(Machine machine, ThreadPool threads, int cpuCount, int priorities,
            int timeslice, int rtLimitPermille) {
        this.machine = machine;
        this.threads = threads;
        this.timeslice = timeslice < 1 ? 1 : timeslice;
        this.rtLimitPermille = rtLimitPermille;
        this.trace = new SchedTrace(threads.size());
        int n = cpuCount < 1 ? 1 : cpuCount;
        cpus = new PerCpu[n];
        boot = newCpu(threads, 0, priorities);
        cpus[0] = boot;
        for (int i = 1; i < n; i++) {
            cpus[i] = newCpu(threads, i, priorities);
        }
        lingering = new Lingering[n][];
        for (int i = 0; i < n; i++) {
            lingering[i] = newLingering(threads.size());
        }
    }

    private static Lingering[] newLingering(int slots) {
        Lingering[] l = new Lingering[slots < 1 ? 1 : slots];
        for (int i = 0; i < l.length; i++) {
            l[i] = new Lingering();
        }
        return l;
    }

    /**
     * The lingering reservation of thread slot {@code id} on CPU {@code c} in {@code table}; null
     * out of range. Static: it reads only the table, so its proof needs no scheduler invariant.
     */
    /*@ private normal_behavior
      @ requires (\forall int k; 0 <= k && k < table.length; table[k] != null);
      @ ensures 0 <= c.index && c.index < table.length && 0 <= id && id < table[c.index].length
      @     ? \result == table[c.index][id] : \result == null;
      @ assignable \strictly_nothing;
      @*/
    /*@ nullable @*/ private static /*@ pure @*/ @Nullable Lingering lingeringAt(Lingering[][] table,
            PerCpu c, int id) {
        int i = c.index;
        if (i < 0 || i >= table.length) {
            return null;
        }
        Lingering[] row = table[i];
        if (id < 0 || id >= row.length) {
            return null;
        }
        return row[id];
    }

    /**
     * The reservation thread slot {@code id} left lingering on {@code c} at its exit, while its
     * period lasts; null when there is none.
     */
    // A helper (JML modifiers before the Java ones, or KeY ignores them): it reads the table only,
    // so it needs the table's shape rather than the whole scheduler invariant. The tick count is
    // compared here, not passed to Lingering.holdsAt: KeY knows no range of a long field, and a
    // call must show its argument is a long.
    /*@ public normal_behavior
      @ requires lingering != null && (\forall int k; 0 <= k && k < lingering.length;
      @     lingering[k] != null && \nonnullelements(lingering[k]));
      @ ensures \result == null || \result.until > c.ticks;
      @ assignable \strictly_nothing;
      @*/
    /*@ nullable pure helper @*/ public @Nullable Lingering lingeringOf(PerCpu c, int id) {
        Lingering l = lingeringAt(lingering, c, id);
        if (l == null) {
            return null;
        }
        return l.until > c.ticks ? l : null;
    }

    private static PerCpu newCpu(ThreadPool threads, int i, int priorities) {
        Tcb idle = threads.at(i);
        idle.state = Tcb.RUNNING;
        idle.priority = IDLE_PRIORITY;
        idle.cpu = i;
        return new PerCpu(i, new RunQueue(priorities), idle);
    }

    /** The thread pool: IPC's deadlock check finds a port's only receiver among its threads. */
    /*@ public normal_behavior
      @ ensures \result == threads;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ ThreadPool threads() {
        return threads;
    }

    /*@ public normal_behavior
      @ requires cpus != null;
      @ ensures \result == cpus.length;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public int cpuCount() {
        return cpus.length;
    }

    /** The state of CPU {@code i}; the boot CPU's when out of range. */
    /*@ public normal_behavior
      @ requires cpus != null && \nonnullelements(cpus) && boot != null;
      @ ensures \result == (0 <= i && i < cpus.length ? cpus[i] : boot);
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public PerCpu cpu(int i) {
        if (i < 0 || i >= cpus.length) {
            return boot;
        }
        return cpus[i];
    }

    /** The number of priority levels: the boot CPU's run queue has them all, as every CPU's. */
    // A helper (JML modifiers first) that needs of the scheduler only its boot run queue: stated
    // exactly through the run queue's query, so callers can meet requires that bound a priority
    // by priorities(), and no scheduler invariant is unfolded or re-proved.
    /*@ public normal_behavior
      @ requires boot != null && boot.runQueue != null && \invariant_for(boot.runQueue);
      @ ensures \result == boot.runQueue.priorities() && \result > 0;
      @ ensures \result == boot.runQueue.levels.length;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public int priorities() {
        return boot.runQueue.priorities();
    }

    /** The least loaded CPU, for a new thread (lowest number on a tie). */
    // A helper (JML modifiers first): it needs of the scheduler's invariant only the shape of the
    // CPU array, stated as requires clauses, and writes nothing, so no invariant is re-proved.
    /*@ public normal_behavior
      @ requires cpus.length > 0;
      @ requires \nonnullelements(cpus);
      @ requires (\forall int c; 0 <= c && c < cpus.length;
      @     cpus[c].runQueue != null && \invariant_for(cpus[c].runQueue));
      @ ensures 0 <= \result && \result < cpus.length;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public int leastLoadedCpu() {
        return leastLoaded(cpus);
    }

    // Static and a helper: the search reads the CPUs' run queues only, so its proof carries
    // neither the scheduler's invariant nor the run queues' invariants beyond what it states.
    // The requires clauses are those of leastLoadedCpu and the invariant's, word for word, so the
    // call's precondition matches what the caller knows without instantiating a quantifier.
    /*@ private normal_behavior
      @ requires cpus.length > 0;
      @ requires \nonnullelements(cpus);
      @ requires (\forall int c; 0 <= c && c < cpus.length;
      @     cpus[c].runQueue != null && \invariant_for(cpus[c].runQueue));
      @ ensures 0 <= \result && \result < cpus.length;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private static int leastLoaded(PerCpu[] cpus) {
        int best = 0;
        // No load reaches Long.MAX_VALUE (at most an int plus one), so CPU 0 sets it first.
        long bestLoad = Long.MAX_VALUE;
        /*@ loop_invariant 0 <= i && i <= cpus.length && 0 <= best && best < cpus.length;
          @ assignable \strictly_nothing;
          @ decreases cpus.length - i;
          @*/
        for (int i = 0; i < cpus.length; i++) {
            long l = load(cpus[i]);
            if (l < bestLoad) {
                best = i;
                bestLoad = l;
            }
        }
        return best;
    }

    /** Ready threads of {@code c} plus its running one (a long: the run queue's size may be int's maximum). */
    /*@ private normal_behavior
      @ requires c.runQueue != null && \invariant_for(c.runQueue);
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private static long load(PerCpu c) {
        long ready = c.runQueue.size();
        // Both operands long: KeY has no rule for a long plus an int under overflow checking.
        return c.isIdle() ? ready : ready + 1L;
    }

    /** Makes a new thread ready on {@code cpu} with {@code priority} and a full time slice. */
    /*@ public normal_behavior
      @ requires t.state == Tcb.FREE && 0 <= priority && priority < priorities();
      @ ensures t.state == Tcb.READY && t.priority == priority;
      @ assignable t.priority, t.cpu, t.slice, t.state, t.blockedOn, t.next, t.prev, t.queued,
      @     t.inQueue, \all_fields(cpu(cpu).runQueue.level(priority)),
      @     ((Tcb) cpu(cpu).runQueue.level(priority).nodes[cpu(cpu).runQueue.level(priority).size() - 1]).next,
      @     cpu(cpu).needResched, trace.ops, trace.overflow,
      @     trace.opKind[trace.ops], trace.opThread[trace.ops], trace.opGeneration[trace.ops],
      @     trace.opKind[trace.ops - 1], trace.opGeneration[trace.ops - 1], trace.generation[t.id];
      @*/
    public void start(Tcb t, int priority, int cpu) {
        t.priority = priority;
        t.cpu = cpu(cpu).index;
        t.slice = timeslice;
        t.state = Tcb.BLOCKED;
        unblock(t);
        if (trace.on) { trace.admitted(t); }
    }

    /** Unblock: a blocked thread becomes ready; preempts its CPU if it outranks the current one. */
    /*@ public normal_behavior
      @ requires t.state == Tcb.BLOCKED;
      @ ensures t.state == Tcb.READY && t.blockedOn == Tcb.ON_NOTHING;
      @ assignable t.state, t.blockedOn, t.next, t.prev, t.queued, t.inQueue,
      @     \all_fields(cpu(t.cpu).runQueue.level(t.priority)),
      @     ((Tcb) cpu(t.cpu).runQueue.level(t.priority).nodes[cpu(t.cpu).runQueue.level(t.priority).size() - 1]).next,
      @     cpu(t.cpu).needResched, trace.ops, trace.overflow,
      @     trace.opKind[trace.ops], trace.opThread[trace.ops], trace.opGeneration[trace.ops];
      @*/
    public void unblock(Tcb t) {
        if (trace.on) { trace.record(SchedTrace.UNBLOCK, t); }
        t.state = Tcb.READY;
        t.blockedOn = Tcb.ON_NOTHING;
        if (!t.throttled) {
            PerCpu c = cpu(t.cpu);
            c.runQueue.enqueue(t, false);
            preemptIfHigher(c, t);
        }
    }

    private void preemptIfHigher(PerCpu c, Tcb t) {
        if (t.priority > c.current.priority && !c.needResched) {
            c.needResched = true;
            machine.interrupts().sendIpi(c.index);
        }
    }

    /** Block: {@code t} stops being runnable, waiting for {@code reason}. */
    /*@ public normal_behavior
      @ requires t.state == Tcb.RUNNING || t.state == Tcb.READY;
      @ ensures t.state == Tcb.BLOCKED && t.blockedOn == reason;
      @ assignable t.state, t.blockedOn, t.next, t.prev, t.queued, t.inQueue, t.prev.next,
      @     t.next.prev, \all_fields(cpu(t.cpu).runQueue.level(t.priority)),
      @     cpu(t.cpu).needResched, trace.ops, trace.overflow,
      @     trace.opKind[trace.ops], trace.opThread[trace.ops], trace.opGeneration[trace.ops];
      @*/
    public void block(Tcb t, int reason) {
        if (trace.on) { trace.record(SchedTrace.BLOCK, t); }
        leave(t);
        t.state = Tcb.BLOCKED;
        t.blockedOn = reason;
    }

    /**
     * Takes {@code t} off its CPU: out of the run queue, or, when it is running there, marks the
     * CPU for a reschedule and interrupts it (it may be another CPU, killing {@code t}).
     */
    private void leave(Tcb t) {
        PerCpu c = cpu(t.cpu);
        if (t.queued) {
            c.runQueue.dequeue(t);
        }
        if (c.current == t && !c.needResched) {
            c.needResched = true;
            machine.interrupts().sendIpi(c.index);
        }
    }

    /**
     * Removes a dying thread from scheduling; its CPU reschedules if it was running. A real-time
     * thread's reservation lingers on its CPU until its current period ends (spec: Retire keeps
     * the period running), so its bandwidth is not admitted to anyone else before then.
     */
    /*@ public normal_behavior
      @ ensures !t.queued && !t.realtime;
      @ assignable t.state, t.throttled, t.realtime, t.next, t.prev, t.queued, t.inQueue,
      @     t.prev.next, t.next.prev, \all_fields(cpu(t.cpu).runQueue.level(t.priority)),
      @     cpu(t.cpu).needResched, trace.ops, trace.overflow,
      @     trace.opKind[trace.ops], trace.opThread[trace.ops], trace.opGeneration[trace.ops],
      @     lingering[cpu(t.cpu).index][t.id].until, lingering[cpu(t.cpu).index][t.id].remaining,
      @     lingering[cpu(t.cpu).index][t.id].permille, lingering[cpu(t.cpu).index][t.id].period;
      @*/
    public void remove(Tcb t) {
        if (trace.on) { trace.record(SchedTrace.RETIRE, t); }
        leave(t);
        if (t.realtime) {
            linger(cpu(t.cpu), t);
        }
        t.state = Tcb.BLOCKED;
        t.throttled = false;
        t.realtime = false;
    }

    /** Keeps {@code t}'s reservation on {@code c} until the end of its current period. */
    private void linger(PerCpu c, Tcb t) {
        Lingering l = lingeringAt(lingering, c, t.id);
        if (l == null || t.period <= 0 || t.releaseAt <= c.ticks) {
            return;
        }
        l.until = t.releaseAt;
        l.remaining = t.remaining;
        l.permille = (long) t.budget * 1000 / t.period;
        l.period = t.period;
    }

    /** The trace of the scheduler's actions (dev.keel.kernel.trace). */
    /*@ public normal_behavior
      @ assignable \nothing;
      @*/
    public /*@ pure @*/ SchedTrace trace() {
        return trace;
    }

    /** Yield: the current thread of {@code c} gives up the rest of its time slice. */
    /*@ public normal_behavior
      @ ensures c.needResched;
      @ assignable c.current.slice, c.needResched, trace.ops, trace.overflow,
      @     trace.opKind[trace.ops], trace.opThread[trace.ops], trace.opGeneration[trace.ops];
      @*/
    public void yieldCurrent(PerCpu c) {
        giveUpSlice(c);
    }

    /**
     * The work of {@link #yieldCurrent}. A CPU always has a current thread (PerCpu's invariant),
     * which its callers do not carry, so the thread is tested, which at run time always holds.
     * A helper: the test splits its proof in two, and the scheduler's invariant is shown once,
     * after the call, not on each path.
     */
    /*@ private normal_behavior
      @ requires trace != null && lingeringShaped;
      @ ensures c.needResched;
      @ assignable c.current.slice, c.needResched, trace.ops, trace.overflow,
      @     trace.opKind[trace.ops], trace.opThread[trace.ops], trace.opGeneration[trace.ops];
      @*/
    /*@ helper @*/ private void giveUpSlice(PerCpu c) {
        Tcb t = c.current;
        if (t != null) {
            note(SchedTrace.YIELD, t);
            t.slice = 0;
        }
        c.needResched = true;
    }

    /**
     * Records action {@code kind} on {@code t} in the trace when tracing is on. A helper with one
     * frame and no ensures: a hook's proof takes one path through it, where SchedTrace.record's
     * conditional result would split it in two.
     */
    /*@ private normal_behavior
      @ requires trace != null && lingeringShaped;
      @ assignable trace.ops, trace.overflow,
      @     trace.opKind[trace.ops], trace.opThread[trace.ops], trace.opGeneration[trace.ops];
      @*/
    /*@ helper @*/ private void note(int kind, Tcb t) {
        if (trace.on) {
            trace.record(kind, t);
        }
    }

    /**
     * Tick: one timer period passed on {@code c}. Charges the current thread for the tick that
     * just ended, then replenishes real-time budgets whose period started (the spec's Tick, then
     * Replenish): the last tick of a period is billed to that period, not to the next one.
     */
    /*@ public normal_behavior
      @ ensures c.ticks == \old(c.ticks) + 1;
      @ assignable c.ticks, c.needResched, c.current.slice, c.current.remaining, c.current.throttled,
      @     trace.ops, trace.overflow,
      @     trace.opKind[trace.ops], trace.opThread[trace.ops], trace.opGeneration[trace.ops],
      @     \infinite_union(int i; 0 <= i && i < threads.size() && threads.at(i).realtime
      @             && threads.at(i).cpu == c.index && threads.at(i).state != Tcb.FREE;
      @         \locset(threads.at(i).remaining, threads.at(i).releaseAt, threads.at(i).throttled,
      @             threads.at(i).next, threads.at(i).prev, threads.at(i).queued,
      @             threads.at(i).inQueue)),
      @     \infinite_union(int p; 0 <= p && p < c.runQueue.priorities();
      @         \set_union(\all_fields(c.runQueue.level(p)),
      @             \locset(((Tcb) c.runQueue.level(p).nodes[c.runQueue.level(p).size() - 1]).next)));
      @*/
    public void tick(PerCpu c) {
        if (trace.on) { trace.record(SchedTrace.TICK, c.current); }
        c.ticks++;
        charge(c);
        replenish(c);
    }

    /** Charges the tick to the current thread; asks for a reschedule when slice or budget ran out. */
    private void charge(PerCpu c) {
        Tcb t = c.current;
        if (t == c.idle) {
            return;
        }
        t.slice--;
        if (t.slice <= 0) {
            c.needResched = true;
        }
        if (t.realtime) {
            t.remaining--;
            if (t.remaining <= 0) {
                t.throttled = true;
                c.needResched = true;
            }
        }
    }

    /** Replenish: real-time threads of {@code c} whose period began get their budget back. */
    /*@ public normal_behavior
      @ assignable c.needResched,
      @     \infinite_union(int i; 0 <= i && i < threads.size() && threads.at(i).realtime
      @             && threads.at(i).cpu == c.index && threads.at(i).state != Tcb.FREE;
      @         \locset(threads.at(i).remaining, threads.at(i).releaseAt, threads.at(i).throttled,
      @             threads.at(i).next, threads.at(i).prev, threads.at(i).queued,
      @             threads.at(i).inQueue)),
      @     \infinite_union(int p; 0 <= p && p < c.runQueue.priorities();
      @         \set_union(\all_fields(c.runQueue.level(p)),
      @             \locset(((Tcb) c.runQueue.level(p).nodes[c.runQueue.level(p).size() - 1]).next)));
      @*/
    public void replenish(PerCpu c) {
        // The loop may write what the method may: each pass refills at most thread i, and its
        // queue work stays in c's run queue.
        /*@ loop_invariant 0 <= i && i <= threads.tcbs.length;
          @ assignable c.needResched,
          @     \infinite_union(int k; 0 <= k && k < threads.size() && threads.at(k).realtime
          @             && threads.at(k).cpu == c.index && threads.at(k).state != Tcb.FREE;
          @         \locset(threads.at(k).remaining, threads.at(k).releaseAt, threads.at(k).throttled,
          @             threads.at(k).next, threads.at(k).prev, threads.at(k).queued,
          @             threads.at(k).inQueue)),
          @     \infinite_union(int p; 0 <= p && p < c.runQueue.priorities();
          @         \set_union(\all_fields(c.runQueue.level(p)),
          @             \locset(((Tcb) c.runQueue.level(p).nodes[c.runQueue.level(p).size() - 1]).next)));
          @ decreases threads.tcbs.length - i;
          @*/
        for (int i = 0; i < threads.size(); i++) {
            Tcb t = threads.at(i);
            if (t.realtime && t.cpu == c.index && t.state != Tcb.FREE && c.ticks >= t.releaseAt) {
                refill(c, t);
            }
        }
    }

    private void refill(PerCpu c, Tcb t) {
        t.remaining = t.budget;
        long next = t.releaseAt + t.period;
        t.releaseAt = next > c.ticks ? next : c.ticks + t.period;
        if (t.throttled) {
            t.throttled = false;
            if (t.state == Tcb.READY && !t.queued) {
                c.runQueue.enqueue(t, false);
                preemptIfHigher(c, t);
            }
        }
    }

    /**
     * Schedule: picks the thread {@code c} runs next and makes it current. The previous thread, if
     * still runnable, goes back to its queue: at the front when preempted with slice left, at the
     * back (with a new slice) when its slice ran out. Returns the new current thread.
     */
    /*@ public normal_behavior
      @ ensures \result == c.current && c.current.state == Tcb.RUNNING && !c.needResched;
      @ assignable c.current, c.needResched, c.contextSwitches, c.idleEntries, c.wakeups,
      @     c.idle.state, c.current.state, c.current.slice, c.current.next, c.current.prev,
      @     c.current.queued, c.current.inQueue,
      @     \infinite_union(int p; 0 <= p && p < c.runQueue.priorities();
      @         \set_union(\all_fields(c.runQueue.level(p)),
      @             \locset(((Tcb) c.runQueue.level(p).nodes[0]).state,
      @                 ((Tcb) c.runQueue.level(p).nodes[0]).next,
      @                 ((Tcb) c.runQueue.level(p).nodes[0]).prev,
      @                 ((Tcb) c.runQueue.level(p).nodes[0]).queued,
      @                 ((Tcb) c.runQueue.level(p).nodes[0]).inQueue,
      @                 ((Tcb) c.runQueue.level(p).nodes[1]).prev,
      @                 ((Tcb) c.runQueue.level(p).nodes[c.runQueue.level(p).size() - 1]).next)));
      @*/
    public Tcb schedule(PerCpu c) {
        Tcb prev = c.current;
        if (prev != c.idle && prev.state == Tcb.RUNNING) {
            requeue(c, prev);
        }
        Tcb next = c.runQueue.pollHighest();
        if (next == null) {
            next = c.idle;
        }
        c.idle.state = Tcb.READY;
        next.state = Tcb.RUNNING;
        c.current = next;
        c.needResched = false;
        count(c, prev, next);
        return next;
    }

    private void requeue(PerCpu c, Tcb prev) {
        prev.state = Tcb.READY;
        boolean sliceLeft = prev.slice > 0;
        if (!sliceLeft) {
            prev.slice = timeslice;
        }
        if (!prev.throttled) {
            c.runQueue.enqueue(prev, sliceLeft);
        }
    }

    private void count(PerCpu c, Tcb prev, Tcb next) {
        if (next == prev) {
            return;
        }
        c.contextSwitches++;
        if (next == c.idle) {
            c.idleEntries++;
        } else if (prev == c.idle) {
            c.wakeups++;
        }
    }

    /**
     * OK when {@code budget} ticks every {@code period} ticks can be admitted for {@code t}:
     * ADMISSION when {@code t} already has a reservation (changing it would refill its budget
     * within a period), or when the reservations of its CPU, lingering ones of exited threads
     * included, would exceed the CPU's bound.
     */
    // OK is stated "if and only if", so a caller's test of the result meets a callee's
    // requires checkRealtime(..) == OK.
    /*@ public normal_behavior
      @ ensures \result == Errors.OK || \result == Errors.BAD_ARGUMENT || \result == Errors.ADMISSION;
      @ ensures t.realtime ==> \result != Errors.OK;
      @ ensures \result == Errors.OK <==> (0 < budget && budget <= period && period <= 1000000
      @     && !t.realtime && utilisation(t.cpu, t) <= rtLimitPermille
      @     && budget * 1000 / period <= rtLimitPermille - utilisation(t.cpu, t));
      @ assignable \strictly_nothing;
      @*/
    // The CPU number and the bound are read through getters: KeY knows the range of an int a
    // method returns, not of an int field, and admits requires the bound to be an int.
    public /*@ pure @*/ int checkRealtime(Tcb t, long budget, long period) {
        if (!wellFormed(budget, period)) {
            return Errors.BAD_ARGUMENT;
        }
        if (t.realtime) {
            return Errors.ADMISSION;
        }
        return admits(utilisation(t.cpu(), t), rtLimit(), budget, period);
    }

    /**
     * True when {@code budget} ticks every {@code period} ticks is a reservation at all: some
     * budget, no more than the period, and a period of at most a million ticks. One call with an
     * "if and only if" ensures splits checkRealtime's proof once, where a chain of tests split it
     * once per test.
     */
    /*@ private normal_behavior
      @ ensures \result == (0 < budget && budget <= period && period <= 1000000);
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private static boolean wellFormed(long budget, long period) {
        return 0 < budget && budget <= period && period <= 1000000;
    }

    /** The bound of each CPU's real-time utilisation, per mille. */
    /*@ private normal_behavior
      @ ensures \result == rtLimitPermille;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private int rtLimit() {
        return rtLimitPermille;
    }

    /**
     * OK when a reservation of {@code budget} per {@code period} fits next to {@code others} per
     * mille of reservations under {@code limit}; ADMISSION otherwise. Static and a helper, so the
     * arithmetic is proved without the scheduler's invariant.
     */
    /*@ private normal_behavior
      @ requires others >= 0 && Integer.MIN_VALUE <= limit && limit <= Integer.MAX_VALUE;
      @ requires 0 < budget && budget <= period && period <= 1000000;
      @ ensures \result == Errors.OK || \result == Errors.ADMISSION;
      @ ensures \result == Errors.OK <==> (others <= limit && budget * 1000 / period <= limit - others);
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private static int admits(long others, long limit, long budget, long period) {
        // others + share > limit, without overflowing the sum: the share is not negative, so
        // others above the limit are over it already; below it, limit - others is a small
        // difference, and the share is compared with it rather than added (no bound of a
        // quotient is needed).
        if (others > limit) {
            return Errors.ADMISSION;
        }
        long share = budget * 1000 / period;
        if (share > limit - others) {
            return Errors.ADMISSION;
        }
        return Errors.OK;
    }

    /**
     * Real-time utilisation of {@code cpu} in per mille, leaving out {@code except}: the live
     * reservations and the lingering ones of exited threads whose period has not ended. The
     * lingering reservation of {@code except}'s own slot is left out too, as admitting
     * {@code except} resumes it rather than adding to it.
     */
    // A helper (JML modifiers first) that requires only the fields it reads, not the scheduler's
    // invariant: each of its two loops is a static method of its own, so no loop of it carries
    // the invariant, and callers do not show the invariant again. The CPU is looked up through
    // cpu(int), whose result is one term rather than two cases (707 steps; 1,373 inline),
    // and the row of the lingering table is bounds-checked, so neither the CPU
    // numbering nor the table's shape is needed beyond the requires. Of the lingering table only
    // the rows are required (lingeringShare passes over a missing entry): the query in
    // checkRealtime's ensures is expanded in its proof by running this body, and a requires over
    // the entries was shown there again from the invariant's quantifiers in each case of the check.
    /*@ public normal_behavior
      @ requires threads != null && \invariant_for(threads);
      @ requires cpus != null && \nonnullelements(cpus) && boot != null;
      @ requires lingering != null
      @     && (\forall int k; 0 <= k && k < lingering.length; lingering[k] != null);
      @ ensures \result >= 0;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public long utilisation(int cpu, Tcb except) {
        return plus(liveShare(threads, cpu, except), lingeringShare(lingering, cpu(cpu), except));
    }

    /** Per mille reserved on {@code cpu} by the live reservations of threads other than {@code except}. */
    /*@ private normal_behavior
      @ requires \invariant_for(threads);
      @ ensures \result >= 0;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private static long liveShare(ThreadPool threads, int cpu, Tcb except) {
        long sum = 0;
        /*@ loop_invariant 0 <= i && i <= threads.tcbs.length && sum >= 0;
          @ assignable \strictly_nothing;
          @ decreases threads.tcbs.length - i;
          @*/
        for (int i = 0; i < threads.size(); i++) {
            Tcb o = threads.at(i);
            if (o != except && o.realtime && o.cpu == cpu && o.state != Tcb.FREE && o.period > 0
                    && o.budget > 0) {
                sum = plus(sum, share(o.budget(), o.period()));
            }
        }
        return sum;
    }

    /** A reservation's share of its CPU in per mille. */
    /*@ private normal_behavior
      @ requires budget > 0 && period > 0;
      @ ensures \result >= 0;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private static long share(int budget, int period) {
        long q = (long) budget * 1000 / period;
        // Never taken (both operands are positive); KeY finds no sign of a quotient by itself.
        return q < 0 ? 0 : q;
    }

    /**
     * Per mille still held on {@code c} by the lingering reservations of its row of {@code table},
     * the slot of {@code except} left out. A missing entry (never the case under the scheduler's
     * invariant) counts as nothing, so it requires only the rows and its callers show no more.
     * The table is nullable for KeY, whose non_null on an array asks for non-null elements at
     * every depth. The sum saturates inline: a long field passed to plus would have to be shown
     * a long, and KeY knows no range of one.
     */
    /*@ private normal_behavior
      @ requires table != null && (\forall int k; 0 <= k && k < table.length; table[k] != null);
      @ ensures \result >= 0;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private static long lingeringShare(/*@ nullable @*/ Lingering[][] table, PerCpu c, Tcb except) {
        int r = c.index;
        if (r < 0 || r >= table.length) {
            return 0;
        }
        Lingering[] row = table[r];
        long sum = 0;
        /*@ loop_invariant 0 <= s && s <= row.length && sum >= 0;
          @ assignable \strictly_nothing;
          @ decreases row.length - s;
          @*/
        for (int s = 0; s < row.length; s++) {
            Lingering l = row[s];
            if (l != null && s != except.id && l.until > c.ticks && l.permille > 0) {
                sum = l.permille > Long.MAX_VALUE - sum ? Long.MAX_VALUE : sum + l.permille;
            }
        }
        return sum;
    }

    /** {@code a + b} for non-negative terms, saturating: no bound on a sum of reservations is kept. */
    /*@ private normal_behavior
      @ requires a >= 0 && b >= 0;
      @ ensures \result >= a && \result >= b;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private static long plus(long a, long b) {
        return b > Long.MAX_VALUE - a ? Long.MAX_VALUE : a + b;
    }

    /**
     * Gives {@code t} a real-time reservation; requires checkRealtime OK. A new period starts now
     * with the full budget, unless the reservation of {@code t}'s slot from before an exit still
     * lingers (spec: Admit within the old period): then {@code t} resumes that period with the
     * budget left in it, at most {@code budget}, and is throttled if none is left.
     */
    // The requires is checkRealtime's OK stated over the same terms as its "if and only if"
    // ensures: a query named in a requires is run again in the caller's proof, where the
    // utilisation it computes is a value unrelated to the one the caller's check tested.
    /*@ public normal_behavior
      @ requires 0 < budget && budget <= period && period <= 1000000 && !t.realtime;
      @ requires utilisation(t.cpu, t) <= rtLimitPermille
      @     && (long) budget * 1000 / period <= rtLimitPermille - utilisation(t.cpu, t);
      @ ensures t.realtime && t.budget == budget && t.period == period;
      @ ensures 0 <= t.remaining && t.remaining <= budget;
      @ ensures t.releaseAt > cpu(t.cpu).ticks;
      @ assignable t.realtime, t.budget, t.period, t.remaining, t.releaseAt, t.throttled,
      @     t.next, t.prev, t.queued, t.inQueue, t.prev.next, t.next.prev,
      @     \all_fields(cpu(t.cpu).runQueue.level(t.priority)), cpu(t.cpu).needResched,
      @     lingering[cpu(t.cpu).index][t.id].until, lingering[cpu(t.cpu).index][t.id].remaining,
      @     lingering[cpu(t.cpu).index][t.id].permille, lingering[cpu(t.cpu).index][t.id].period;
      @*/
    public void setRealtime(Tcb t, int budget, int period) {
        PerCpu c = cpu(t.cpu);
        t.realtime = true;
        t.budget = budget;
        t.period = period;
        Lingering l = lingeringOf(c, t.id);
        if (l == null) {
            t.remaining = budget;
            t.releaseAt = c.ticks + period;
            return;
        }
        t.remaining = l.remaining < budget ? (l.remaining < 0 ? 0 : l.remaining) : budget;
        t.releaseAt = l.until;
        l.clear();
        if (t.remaining == 0) {
            throttle(c, t);
        }
    }

    /** Takes {@code t}, whose budget is spent, out of the running until its period ends. */
    private void throttle(PerCpu c, Tcb t) {
        t.throttled = true;
        if (t.queued) {
            c.runQueue.dequeue(t);
        }
        if (c.current == t) {
            c.needResched = true;
        }
    }

    /** Changes the priority of {@code t}, requeueing it and preempting as needed. */
    // The bound is stated over the boot run queue's levels, not through priorities(): a query in
    // a requires comes out in the caller's proof as a term of its own, unrelated to the caller's
    // test of priorities(), whose ensures gives the same length.
    /*@ public normal_behavior
      @ requires 0 <= priority && priority < boot.runQueue.levels.length;
      @ ensures t.priority == priority;
      @ assignable t.priority, t.next, t.prev, t.queued, t.inQueue, t.prev.next, t.next.prev,
      @     \all_fields(cpu(t.cpu).runQueue.level(t.priority)),
      @     \all_fields(cpu(t.cpu).runQueue.level(priority)),
      @     ((Tcb) cpu(t.cpu).runQueue.level(priority).nodes[cpu(t.cpu).runQueue.level(priority).size() - 1]).next,
      @     cpu(t.cpu).needResched;
      @*/
    public void setPriority(Tcb t, int priority) {
        PerCpu c = cpu(t.cpu);
        boolean wasQueued = t.queued;
        if (wasQueued) {
            c.runQueue.dequeue(t);
        }
        t.priority = priority;
        if (wasQueued) {
            c.runQueue.enqueue(t, false);
            preemptIfHigher(c, t);
        }
        if (c.current == t) {
            c.needResched = true;
        }
    }

    /** Self-check of RunningIsCurrent, ReadyIsQueued and HighestRuns on every CPU. */
    /*@ public normal_behavior
      @ requires (\forall int c; 0 <= c && c < cpus.length;
      @     cpus[c].runQueue != null && \invariant_for(cpus[c].runQueue));
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ boolean invariantsHold() {
        /*@ loop_invariant 0 <= i && i <= threads.size();
          @ assignable \strictly_nothing;
          @ decreases threads.size() - i;
          @*/
        for (int i = 0; i < threads.size(); i++) {
            if (!threadPlaced(threads.at(i))) {
                return false;
            }
        }
        /*@ loop_invariant 0 <= k && k <= cpus.length;
          @ assignable \strictly_nothing;
          @ decreases cpus.length - k;
          @*/
        for (int k = 0; k < cpus.length; k++) {
            PerCpu c = cpus[k];
            if (!c.needResched && c.runQueue.highestPriority() > c.current.priority) {
                return false;
            }
        }
        return true;
    }

    // A helper (JML modifiers first) that requires what it reads: the CPU array, and the run
    // queue it asks, the boot CPU's when t's CPU number is out of range. The loop of
    // invariantsHold calls it once per thread without showing the scheduler's invariant again.
    /*@ private normal_behavior
      @ requires cpus != null && \nonnullelements(cpus) && boot != null;
      @ requires boot.runQueue != null && \invariant_for(boot.runQueue);
      @ requires (\forall int c; 0 <= c && c < cpus.length;
      @     cpus[c].runQueue != null && \invariant_for(cpus[c].runQueue));
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private boolean threadPlaced(Tcb t) {
        PerCpu c = cpu(t.cpu());
        if (t == c.idle) {
            return (t.state == Tcb.RUNNING) == (c.current == t);
        }
        if (t.state == Tcb.RUNNING) {
            return c.current == t;
        }
        if (t.state == Tcb.READY && !t.throttled) {
            return c.runQueue.contains(t);
        }
        return !t.queued || t.state == Tcb.BLOCKED;
    }
}
