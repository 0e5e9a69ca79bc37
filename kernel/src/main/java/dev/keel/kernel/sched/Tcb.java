package dev.keel.kernel.sched;

import org.checkerframework.checker.nullness.qual.Nullable;

import dev.keel.kernel.ipc.Message;
import dev.keel.kernel.ipc.Port;
import dev.keel.kernel.proc.Process;

/**
 * A thread control block. Allocated at boot in a pool; a free block has state FREE.
 *
 * Refines spec/Scheduler.tla ({@code state}, {@code priority}, {@code budget}) and the per-thread
 * part of spec/Ipc.tla ({@code blockedOn}, {@code replyCap}). Fields are grouped by the subsystem
 * that owns them; each subsystem changes only its own group.
 */
public final class Tcb {

    public static final int FREE = 0;
    public static final int READY = 1;
    public static final int RUNNING = 2;
    public static final int BLOCKED = 3;

    // Why a BLOCKED thread waits (spec/Ipc.tla blockedOn, spec/Kernel.tla wait).
    public static final int ON_NOTHING = 0;
    public static final int ON_SEND = 1;
    public static final int ON_RECEIVE = 2;
    public static final int ON_CALL = 3;
    public static final int ON_REPLY = 4;
    public static final int ON_CHILD = 5;

    /** Index in the thread pool, fixed. */
    public final int id;

    // Scheduler: state and placement. A thread is in at most one queue, linked by next/prev.
    public int state;
    public int priority;
    public int cpu;
    public int slice;
    /*@ nullable @*/ public @Nullable Tcb next;
    /*@ nullable @*/ public @Nullable Tcb prev;
    public boolean queued;
    /** The queue whose nodes hold this thread while {@code queued} (proof state only). */
    //@ public nullable ghost ThreadQueue inQueue;

    // Scheduler: real-time reservation (budget ticks every period ticks).
    public boolean realtime;
    public int budget;
    public int period;
    public int remaining;
    public long releaseAt;
    public boolean throttled;

    // Process manager: owner and user register state.
    /*@ nullable @*/ public @Nullable Process owner;
    public long pc;
    public long sp;
    /** Result registers r0..r3 as user space sees them on return from the kernel. */
    public final long[] regs = new long[4];
    //@ public invariant regs.length == 4;

    // IPC: what the thread waits for and the one-shot reply capability.
    public int blockedOn;
    /*@ nullable @*/ public @Nullable Port waitPort;
    /*@ nullable @*/ public @Nullable Message pending;
    public long recvBuffer;
    public int recvMax;
    /** The caller whose reply capability this thread holds (spec replyCap). */
    /*@ nullable @*/ public @Nullable Tcb replyCap;
    /** For a caller: the thread holding its reply capability. */
    /*@ nullable @*/ public @Nullable Tcb replyHolder;
    /** Kernel follow-up when the reply arrives (I/O forwarding), 0 for none. */
    public int ioOp;
    public int ioSlot;

    // Process manager: wait(pid).
    public int waitPid;

    /*@ public normal_behavior
      @ ensures this.id == id && state == FREE;
      @ assignable \nothing;
      @*/
    public Tcb(int id) {
        this.id = id;
        this.state = FREE;
    }

    /** Sets the four result registers. */
    /*@ public normal_behavior
      @ ensures regs[0] == r0 && regs[1] == r1 && regs[2] == r2 && regs[3] == r3;
      @ assignable regs[*];
      @*/
    public void setResult(long r0, long r1, long r2, long r3) {
        regs[0] = r0;
        regs[1] = r1;
        regs[2] = r2;
        regs[3] = r3;
    }

    /** Sets r0 only. */
    /*@ public normal_behavior
      @ ensures regs[0] == r0;
      @ assignable regs[0];
      @*/
    public void setR0(long r0) {
        if (regs.length > 0) {
            regs[0] = r0;
        }
    }

    /**
     * The reservation's budget: read through this query where the value is handed on, since KeY
     * knows the range of an int a method returns but not of an int field.
     */
    /*@ public normal_behavior
      @ ensures \result == budget;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public int budget() {
        return budget;
    }

    /** The reservation's period, read as {@link #budget()} is. */
    /*@ public normal_behavior
      @ ensures \result == period;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public int period() {
        return period;
    }

    /** The pool index, read as {@link #budget()} is. */
    /*@ public normal_behavior
      @ ensures \result == id;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public int id() {
        return id;
    }

    /** The scheduling state, read as {@link #budget()} is. */
    /*@ public normal_behavior
      @ ensures \result == state;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public int state() {
        return state;
    }

    /** The priority, read as {@link #budget()} is. */
    /*@ public normal_behavior
      @ ensures \result == priority;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public int priority() {
        return priority;
    }

    /** The CPU number, read as {@link #budget()} is. */
    /*@ public normal_behavior
      @ ensures \result == cpu;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public int cpu() {
        return cpu;
    }

    /** Result register {@code i} (0..3). */
    /*@ public normal_behavior
      @ requires 0 <= i && i < 4;
      @ ensures \result == regs[i];
      @ assignable \nothing;
      @*/
    public /*@ pure @*/ long reg(int i) {
        if (i < 0 || i >= regs.length) {
            return 0;
        }
        return regs[i];
    }

    /** Clears everything but the id, for reuse from the pool. */
    /*@ public normal_behavior
      @ ensures state == FREE && owner == null && next == null && prev == null && !queued;
      @ assignable state, priority, cpu, slice, next, prev, queued, realtime, budget, period,
      @     remaining, releaseAt, throttled, owner, pc, sp, regs[*], blockedOn, waitPort, pending,
      @     recvBuffer, recvMax, ioOp, ioSlot, replyCap, replyHolder, waitPid;
      @*/
    public void reset() {
        state = FREE;
        priority = 0;
        cpu = 0;
        slice = 0;
        next = null;
        prev = null;
        queued = false;
        realtime = false;
        budget = 0;
        period = 0;
        remaining = 0;
        releaseAt = 0;
        throttled = false;
        owner = null;
        pc = 0;
        sp = 0;
        setResult(0, 0, 0, 0);
        clearIpc();
        replyCap = null;
        replyHolder = null;
        waitPid = 0;
    }

    /** Forgets every IPC wait (the thread is no longer blocked on a port). */
    /*@ public normal_behavior
      @ ensures blockedOn == ON_NOTHING && waitPort == null && pending == null;
      @ assignable blockedOn, waitPort, pending, recvBuffer, recvMax, ioOp, ioSlot;
      @*/
    public void clearIpc() {
        blockedOn = ON_NOTHING;
        waitPort = null;
        pending = null;
        recvBuffer = 0;
        recvMax = 0;
        ioOp = 0;
        ioSlot = 0;
    }
}
