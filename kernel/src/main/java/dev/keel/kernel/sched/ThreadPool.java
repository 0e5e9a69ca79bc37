package dev.keel.kernel.sched;

import org.checkerframework.checker.index.qual.NonNegative;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * All thread control blocks, allocated at boot. The first {@code reserved} blocks are the idle
 * threads of the CPUs and never handed out.
 */
public final class ThreadPool {

    /*@ spec_public @*/ private final Tcb[] tcbs;
    /*@ spec_public @*/ private final Tcb first;
    /*@ spec_public @*/ private final @NonNegative int reserved;

    //@ public invariant 0 <= reserved && reserved <= tcbs.length;

    /*@ public normal_behavior
      @ requires size > reserved && reserved >= 0;
      @ assignable \nothing;
      @*/
    public ThreadPool(int size, int reserved) {
        tcbs = new Tcb[size < 1 ? 1 : size];
        first = new Tcb(0);
        tcbs[0] = first;
        /*@ loop_invariant 1 <= i && i <= tcbs.length && tcbs[0] == first;
          @ loop_invariant (\forall int j; 0 <= j && j < i; tcbs[j] != null);
          @ assignable tcbs[*];
          @ decreases tcbs.length - i;
          @*/
        for (int i = 1; i < tcbs.length; i++) {
            tcbs[i] = new Tcb(i);
        }
        this.reserved = reserved < 0 ? 0 : reserved;
    }

    /*@ public normal_behavior
      @ ensures \result == tcbs.length;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int size() {
        return tcbs.length;
    }

    /** Block {@code i}, or the first block when out of range. */
    /*@ public normal_behavior
      @ requires 0 <= i && i < tcbs.length;
      @ ensures \result == tcbs[i];
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ Tcb at(int i) {
        if (i < 0 || i >= tcbs.length) {
            return first;
        }
        return tcbs[i];
    }

    /** A free, reset block taken from the pool, or null when all are in use. */
    /*@ public normal_behavior
      @ ensures \result == null || (\result.state == Tcb.FREE && \result.owner == null);
      @ ensures \result == null <==> !(\exists int j; reserved <= j && j < tcbs.length;
      @     tcbs[j].state == Tcb.FREE && tcbs[j].owner == null);
      @ assignable \strictly_nothing;
      @*/
    /*@ nullable pure @*/ public @Nullable Tcb allocate() {
        /*@ loop_invariant reserved <= i && i <= tcbs.length;
          @ loop_invariant !(\exists int j; reserved <= j && j < i;
          @     tcbs[j].state == Tcb.FREE && tcbs[j].owner == null);
          @ assignable \strictly_nothing;
          @ decreases tcbs.length - i;
          @*/
        for (int i = reserved; i < tcbs.length; i++) {
            if (tcbs[i].state == Tcb.FREE && tcbs[i].owner == null) {
                return tcbs[i];
            }
        }
        return null;
    }

    /** Returns {@code t} to the pool. */
    // reset() keeps regs.length == 4 (Tcb's invariant), so the caller must hand over a sound block.
    /*@ public normal_behavior
      @ requires \invariant_for(t);
      @ ensures t.state == Tcb.FREE && t.owner == null;
      @ assignable t.state, t.priority, t.cpu, t.slice, t.next, t.prev, t.queued, t.realtime,
      @     t.budget, t.period, t.remaining, t.releaseAt, t.throttled, t.owner, t.pc, t.sp,
      @     t.regs[*], t.blockedOn, t.waitPort, t.pending, t.recvBuffer, t.recvMax, t.ioOp,
      @     t.ioSlot, t.replyCap, t.replyHolder, t.waitPid;
      @*/
    public void release(Tcb t) {
        t.reset();
    }

    /** Threads in use (not FREE), idle threads excluded. */
    /*@ public normal_behavior
      @ ensures \result >= 0;
      @ assignable \nothing;
      @*/
    public /*@ pure @*/ int inUse() {
        int n = 0;
        /*@ loop_invariant reserved <= i && i <= tcbs.length && 0 <= n && n <= i - reserved;
          @ assignable \nothing;
          @ decreases tcbs.length - i;
          @*/
        for (int i = reserved; i < tcbs.length; i++) {
            if (tcbs[i].state != Tcb.FREE) {
                n++;
            }
        }
        return n;
    }
}
