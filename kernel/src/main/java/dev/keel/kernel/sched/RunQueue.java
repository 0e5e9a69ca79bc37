package dev.keel.kernel.sched;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One CPU's ready threads, one FIFO per priority (spec/Scheduler.tla {@code runQueue[cpu]}).
 * Round robin within a priority is the FIFO order; the highest non-empty priority runs first.
 */
public final class RunQueue {

    /*@ spec_public @*/ private final ThreadQueue[] levels;

    // TLA+ RunQueueTypeOK: one FIFO per priority.
    //@ public invariant levels.length > 0;
    // Each FIFO keeps its own invariant (its count matches its head).
    //@ public invariant (\forall int i; 0 <= i && i < levels.length; \invariant_for(levels[i]));

    /*@ public normal_behavior
      @ requires priorities > 0;
      @ ensures levels.length == priorities;
      @ assignable \nothing;
      @*/
    public RunQueue(int priorities) {
        levels = new ThreadQueue[priorities < 1 ? 1 : priorities];
        /*@ loop_invariant 0 <= i && i <= levels.length;
          @ loop_invariant (\forall int j; 0 <= j && j < i; levels[j] != null && \invariant_for(levels[j]));
          @ assignable levels[*];
          @ decreases levels.length - i;
          @*/
        for (int i = 0; i < levels.length; i++) {
            levels[i] = new ThreadQueue();
        }
    }

    /*@ public normal_behavior
      @ ensures \result == levels.length;
      @ assignable \nothing;
      @*/
    public /*@ pure @*/ int priorities() {
        return levels.length;
    }

    /** Adds {@code t} at the back of its priority ({@code front}: at the front, after preemption). */
    /*@ public normal_behavior
      @ requires !t.queued && 0 <= t.priority && t.priority < levels.length;
      @ ensures t.queued;
      @ assignable \all_fields(levels[t.priority]), t.next, t.prev, t.queued;
      @*/
    public void enqueue(Tcb t, boolean front) {
        int p = t.priority;
        if (p < 0 || p >= levels.length || t.queued) {
            return;
        }
        if (front) {
            levels[p].prepend(t);
        } else {
            levels[p].append(t);
        }
    }

    /** Takes {@code t} out, if it is queued here. */
    /*@ public normal_behavior
      @ ensures !t.queued || \old(!t.queued);
      @ assignable \infinite_union(int i; 0 <= i && i < levels.length; \all_fields(levels[i])), t.next, t.prev, t.queued;
      @*/
    public void dequeue(Tcb t) {
        int p = t.priority;
        if (p >= 0 && p < levels.length && t.queued && levels[p].contains(t)) {
            levels[p].remove(t);
        }
    }

    /** The highest priority with a ready thread, or -1 when none. */
    /*@ public normal_behavior
      @ ensures \result >= -1 && \result < levels.length;
      @ assignable \nothing;
      @*/
    public /*@ pure @*/ int highestPriority() {
        /*@ loop_invariant -1 <= p && p < levels.length;
          @ assignable \nothing;
          @ decreases p + 1;
          @*/
        for (int p = levels.length - 1; p >= 0; p--) {
            if (!levels[p].isEmpty()) {
                return p;
            }
        }
        return -1;
    }

    /** Removes and returns the first thread of the highest priority, or null. */
    /*@ public normal_behavior
      @ assignable \infinite_union(int i; 0 <= i && i < levels.length; \all_fields(levels[i]));
      @*/
    /*@ nullable @*/ public @Nullable Tcb pollHighest() {
        int p = highestPriority();
        if (p < 0 || p >= levels.length) {
            return null;
        }
        return levels[p].poll();
    }

    /** Ready threads over all priorities. */
    /*@ public normal_behavior
      @ ensures \result >= 0;
      @ assignable \nothing;
      @*/
    public /*@ pure @*/ int size() {
        int n = 0;
        for (int p = 0; p < levels.length; p++) {
            n += levels[p].size();
        }
        return n;
    }

    /** True when {@code t} is queued here. */
    /*@ public normal_behavior
      @ assignable \nothing;
      @*/
    public /*@ pure @*/ boolean contains(Tcb t) {
        int p = t.priority;
        return p >= 0 && p < levels.length && levels[p].contains(t);
    }
}
