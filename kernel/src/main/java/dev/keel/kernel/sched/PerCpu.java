package dev.keel.kernel.sched;

import dev.keel.kernel.abi.ProcessSpec;

/**
 * The state one CPU owns: its run queue, the thread it runs, its idle thread and its counters.
 * Nothing here is touched by another CPU except through an inter-processor interrupt, which keeps
 * the design ready for SMP without a lock on the hot path.
 */
public final class PerCpu {

    public final int index;
    public final RunQueue runQueue;
    /** Runs when nothing else can; halts the CPU. Never in a queue. */
    public final Tcb idle;

    /** The running thread (spec current[cpu]); the idle thread when nothing is ready. */
    public Tcb current;
    /** Set when a higher-priority thread became ready or the current one stopped running. */
    public boolean needResched;

    // Scratch buffers for copying system call arguments in (the CPU's own, so CPUs never share).
    public final byte[] nameBuffer = new byte[ProcessSpec.NAME_MAX];
    public final byte[] argsBuffer = new byte[ProcessSpec.ARG_MAX];
    public final byte[] envBuffer = new byte[ProcessSpec.ARG_MAX];
    public final byte[] wordBuffer = new byte[8];
    public final long[] words = new long[ProcessSpec.WORDS];
    public final long[] slotList = new long[ProcessSpec.MAX_CAPS];

    // Counters, read through metrics_read.
    public long ticks;
    public long contextSwitches;
    public long idleEntries;
    public long wakeups;

    /*@ public normal_behavior
      @ ensures this.index == index && this.runQueue == queue && this.idle == idle && current == idle;
      @ assignable \nothing;
      @*/
    public PerCpu(int index, RunQueue queue, Tcb idle) {
        this.index = index;
        this.runQueue = queue;
        this.idle = idle;
        this.current = idle;
    }

    /** The CPU number: KeY knows the range of an int a method returns, not of an int field. */
    /*@ public normal_behavior
      @ ensures \result == index;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public int index() {
        return index;
    }

    /** True when this CPU runs its idle thread. */
    /*@ public normal_behavior
      @ ensures \result == (current == idle);
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public boolean isIdle() {
        return current == idle;
    }
}
