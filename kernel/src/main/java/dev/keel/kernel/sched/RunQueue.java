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
    // Each FIFO keeps its own invariant (head, tail and count match its nodes).
    //@ public invariant (\forall int i; 0 <= i && i < levels.length; levels[i] != null);
    //@ public invariant (\forall int i; 0 <= i && i < levels.length; \invariant_for(levels[i]));
    // One FIFO per priority, none shared: a node of one level is in no other.
    //@ public invariant (\forall int i, j; 0 <= i && i < j && j < levels.length; levels[i] != levels[j]);

    /*@ public normal_behavior
      @ requires priorities > 0;
      @ ensures levels.length == priorities;
      @ assignable \nothing;
      @*/
    public RunQueue(int priorities) {
        levels = new ThreadQueue[priorities < 1 ? 1 : priorities];
        /*@ loop_invariant 0 <= i && i <= levels.length;
          @ loop_invariant (\forall int j; 0 <= j && j < i; levels[j] != null && levels[j].count == 0
          @     && levels[j].head == null && levels[j].tail == null && levels[j].nodes == \seq_empty);
          @ loop_invariant (\forall int j, k; 0 <= j && j < k && k < i; levels[j] != levels[k]);
          @ assignable levels[*];
          @ decreases levels.length - i;
          @*/
        for (int i = 0; i < levels.length; i++) {
            levels[i] = new ThreadQueue();
        }
    }

    // Requires only the fact of the invariant it reads, so a caller that knows the length of the
    // levels but not the whole invariant (the levels' own invariants) can call it.
    /*@ public normal_behavior
      @ requires levels != null && levels.length > 0;
      @ ensures \result == levels.length && \result > 0;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public int priorities() {
        return levels.length;
    }

    /**
     * The FIFO of priority {@code p}, or null out of range; for the frames of the scheduler's
     * contracts, which cannot name {@code levels}.
     */
    // A helper (JML modifiers first) that requires only the array it reads, so a frame that
    // names it is evaluated without the queue's whole invariant.
    /*@ public normal_behavior
      @ requires levels != null;
      @ ensures 0 <= p && p < levels.length ? \result == levels[p] : \result == null;
      @ assignable \strictly_nothing;
      @*/
    /*@ nullable pure helper @*/ public @Nullable ThreadQueue level(int p) {
        if (p < 0 || p >= levels.length) {
            return null;
        }
        return levels[p];
    }

    /**
     * Adds {@code t} at the back of its priority ({@code front}: at the front, after preemption).
     * Writes that level's FIFO, {@code t}'s links and the link of the neighbour it goes next to
     * (the level's last node, or its first when {@code front}).
     */
    // A full level is declined (the last case), so a caller need not bound the level's count:
    // the cases cover every state. The count is stated as the field, which the query returns.
    // The neighbour is named as append and prepend name it: the level's last (first) node, and
    // no location at all when the level is empty. Named as tail.next, it was null.next on an
    // empty level, a location every other empty level's accessible clause holds too.
    /*@ public normal_behavior
      @ requires !t.queued && 0 <= t.priority && t.priority < levels.length;
      @ requires levels[t.priority].count < Integer.MAX_VALUE;
      @ requires !front;
      @ ensures t.queued && t.inQueue == levels[t.priority];
      @ assignable \all_fields(levels[t.priority]), t.next, t.prev, t.queued, t.inQueue,
      @     \infinite_union(int k; 0 < levels[t.priority].count && k == levels[t.priority].count - 1;
      @         \locset(((Tcb) levels[t.priority].nodes[k]).next));
      @ also public normal_behavior
      @ requires !t.queued && 0 <= t.priority && t.priority < levels.length;
      @ requires levels[t.priority].count < Integer.MAX_VALUE;
      @ requires front;
      @ ensures t.queued && t.inQueue == levels[t.priority];
      @ assignable \all_fields(levels[t.priority]), t.next, t.prev, t.queued, t.inQueue,
      @     \infinite_union(int k; 0 < levels[t.priority].count && k == 0;
      @         \locset(((Tcb) levels[t.priority].nodes[k]).prev));
      @ also public normal_behavior
      @ requires t.queued || t.priority < 0 || t.priority >= levels.length
      @     || levels[t.priority].count == Integer.MAX_VALUE;
      @ assignable \nothing;
      @*/
    public void enqueue(Tcb t, boolean front) {
        int p = t.priority;
        if (p < 0 || p >= levels.length || t.queued) {
            return;
        }
        ThreadQueue q = levels[p];
        // Never taken: a level's threads are distinct blocks of the thread pool, which boot
        // allocates from the configuration, far below Integer.MAX_VALUE blocks. The test lets
        // callers enqueue without a bound on the level's count, which no invariant states.
        if (q.full()) {
            return;
        }
        levelInv(p);
        if (front) {
            q.prepend(t);
        } else {
            q.append(t);
        }
        levelsInv(p);
    }

    // The invariant at one level, as an explicit instance: KeY instantiates the levels'
    // quantifier at unrelated terms and does not split on the index being p. The other levels are
    // stated apart from levels[p] and each with its invariant, the facts append's and prepend's
    // second case turn into "every other level keeps its invariant" after the call. That each is
    // allocated is stated too: it gives the prover a term of each level at which to instantiate
    // that case's quantifier (22 open goals at the step bound without it, 10 with it).
    /*@ private normal_behavior
      @ requires 0 <= p && p < levels.length;
      @ ensures \invariant_for(levels[p]);
      @ ensures (\forall int i; 0 <= i && i < levels.length && i != p;
      @     levels[i] != levels[p] && \invariant_for(levels[i])
      @     && \dl_createdInHeap(\singleton(levels[i].count), \dl_heap()));
      @ assignable \strictly_nothing;
      @*/
    private void levelInv(int p) {
    }

    // Rebuilds the quantified invariant from level p's and every other level's: a helper, since
    // the invariant is what it gives. With both lemmas the enqueue cases close at 14,729 and
    // 15,969 steps (delayed class axioms), above the default bound.
    /*@ private normal_behavior
      @ requires levels != null && levels.length > 0 && 0 <= p && p < levels.length;
      @ requires (\forall int i; 0 <= i && i < levels.length; levels[i] != null);
      @ requires (\forall int i, j; 0 <= i && i < j && j < levels.length; levels[i] != levels[j]);
      @ requires \invariant_for(levels[p]);
      @ requires (\forall int i; 0 <= i && i < levels.length && i != p; \invariant_for(levels[i]));
      @ ensures \invariant_for(this);
      @ assignable \strictly_nothing;
      @*/
    /*@ helper @*/ private void levelsInv(int p) {
    }

    /**
     * Takes {@code t} out, if it is queued here. Writes the FIFO of {@code t}'s priority,
     * {@code t}'s links and its two neighbours' links to it.
     */
    /*@ public normal_behavior
      @ ensures \old(contains(t)) ==> !t.queued;
      @ ensures !\old(contains(t)) ==> t.queued == \old(t.queued);
      @ assignable \infinite_union(int i; 0 <= i && i < levels.length && i == t.priority;
      @         \all_fields(levels[i])),
      @     t.next, t.prev, t.queued, t.inQueue, t.prev.next, t.next.prev;
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
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int highestPriority() {
        /*@ loop_invariant -1 <= p && p < levels.length;
          @ assignable \strictly_nothing;
          @ decreases p + 1;
          @*/
        for (int p = levels.length - 1; p >= 0; p--) {
            if (!levels[p].isEmpty()) {
                return p;
            }
        }
        return -1;
    }

    /**
     * Removes and returns the first thread of the highest priority, or null. Writes a level's
     * FIFO, the first node's links and its successor's link back to it.
     */
    /*@ public normal_behavior
      @ ensures \result != null ==> !\result.queued;
      @ assignable \infinite_union(int i; 0 <= i && i < levels.length;
      @     \set_union(\all_fields(levels[i]),
      @         \locset(((Tcb) levels[i].nodes[0]).next, ((Tcb) levels[i].nodes[0]).prev,
      @             ((Tcb) levels[i].nodes[0]).queued, ((Tcb) levels[i].nodes[0]).inQueue,
      @             ((Tcb) levels[i].nodes[0]).next.prev, ((Tcb) levels[i].nodes[0]).prev.next)));
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
      @ ensures \result >= 0 && \result <= Integer.MAX_VALUE;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int size() {
        int n = 0;
        /*@ loop_invariant 0 <= p && p <= levels.length && n >= 0;
          @ assignable \strictly_nothing;
          @ decreases levels.length - p;
          @*/
        for (int p = 0; p < levels.length; p++) {
            int s = levels[p].size();
            // Saturates: no int bounds the sum of the levels' counts.
            n = s > Integer.MAX_VALUE - n ? Integer.MAX_VALUE : n + s;
        }
        return n;
    }

    /** True when {@code t} is queued here. */
    /*@ public normal_behavior
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ boolean contains(Tcb t) {
        int p = t.priority;
        return p >= 0 && p < levels.length && levels[p].contains(t);
    }
}
