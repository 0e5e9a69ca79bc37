package dev.keel.kernel.sched;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A FIFO of threads linked through {@link Tcb#next} and {@link Tcb#prev}, so it needs no memory of
 * its own. A thread is in at most one queue at a time ({@link Tcb#queued}).
 */
public final class ThreadQueue {

    /*@ spec_public nullable @*/ private @Nullable Tcb head;
    /*@ spec_public nullable @*/ private @Nullable Tcb tail;
    /*@ spec_public @*/ private int count;

    //@ public invariant count >= 0;
    //@ public invariant (count == 0) == (head == null);
    //@ public invariant (head == null) == (tail == null);

    /*@ public normal_behavior
      @ ensures \result == count;
      @ assignable \nothing;
      @*/
    public /*@ pure @*/ int size() {
        return count;
    }

    /*@ public normal_behavior
      @ ensures \result == (count == 0);
      @ assignable \nothing;
      @*/
    public /*@ pure @*/ boolean isEmpty() {
        return head == null;
    }

    /*@ public normal_behavior
      @ ensures \result == head;
      @ assignable \nothing;
      @*/
    /*@ nullable @*/ public /*@ pure @*/ @Nullable Tcb first() {
        return head;
    }

    /** Appends {@code t}, which must be in no queue. */
    /*@ public normal_behavior
      @ requires !t.queued;
      @ requires count < Integer.MAX_VALUE;
      @ ensures t.queued && tail == t && count == \old(count) + 1;
      @ assignable head, tail, count, t.next, t.prev, t.queued, tail.next;
      @*/
    public void append(Tcb t) {
        Tcb last = tail;
        t.next = null;
        t.prev = last;
        if (last == null) {
            head = t;
        } else {
            last.next = t;
        }
        tail = t;
        t.queued = true;
        count++;
    }

    /** Puts {@code t}, which must be in no queue, at the front. */
    /*@ public normal_behavior
      @ requires !t.queued;
      @ requires count < Integer.MAX_VALUE;
      @ ensures t.queued && head == t && count == \old(count) + 1;
      @ assignable head, tail, count, t.next, t.prev, t.queued, head.prev;
      @*/
    public void prepend(Tcb t) {
        Tcb first = head;
        t.prev = null;
        t.next = first;
        if (first == null) {
            tail = t;
        } else {
            first.prev = t;
        }
        head = t;
        t.queued = true;
        count++;
    }

    /** Unlinks {@code t}, which must be in this queue. */
    /*@ public normal_behavior
      @ requires t.queued;
      @ ensures !t.queued && count == \old(count) - 1;
      @ assignable head, tail, count, t.next, t.prev, t.queued, t.prev.next, t.next.prev;
      @*/
    public void remove(Tcb t) {
        Tcb p = t.prev;
        Tcb n = t.next;
        if (p == null) {
            head = n;
        } else {
            p.next = n;
        }
        if (n == null) {
            tail = p;
        } else {
            n.prev = p;
        }
        t.next = null;
        t.prev = null;
        t.queued = false;
        count = count > 0 ? count - 1 : 0;
    }

    /** Removes and returns the first thread, or null when empty. */
    /*@ public normal_behavior
      @ ensures \result == \old(head);
      @ assignable head, tail, count, head.next, head.prev, head.queued, head.next.prev;
      @*/
    /*@ nullable @*/ public @Nullable Tcb poll() {
        Tcb t = head;
        if (t != null) {
            remove(t);
        }
        return t;
    }

    /** True when {@code t} is linked in this queue (a scan; used by self-checks and tests). */
    /*@ public normal_behavior
      @ assignable \nothing;
      @*/
    public /*@ pure @*/ boolean contains(Tcb t) {
        Tcb at = head;
        // At most count + 1 steps, counted down so the counter cannot overflow.
        /*@ loop_invariant -1 <= left && left <= count;
          @ decreases left + 1;
          @ assignable \nothing;
          @*/
        for (int left = count; left >= 0 && at != null; left--) {
            if (at == t) {
                return true;
            }
            at = at.next;
        }
        return false;
    }
}
