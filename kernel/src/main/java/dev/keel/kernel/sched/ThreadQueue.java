package dev.keel.kernel.sched;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A FIFO of threads linked through {@link Tcb#next} and {@link Tcb#prev}, so it needs no memory of
 * its own. A thread is in at most one queue at a time ({@link Tcb#queued}).
 *
 * The proof sees the queue as the ghost sequence {@code nodes}, head first: head, tail and count
 * are kept equal to it, and every node is a queued thread that names this queue in its ghost
 * {@code inQueue}, so a node is in exactly one queue and changing one queue leaves the others'
 * invariants alone. That the next/prev links walk {@code nodes} in order is true but not part of
 * the invariant: KeY cannot re-establish it within the default step bound.
 */
public final class ThreadQueue {

    /*@ spec_public nullable @*/ private @Nullable Tcb head;
    /*@ spec_public nullable @*/ private @Nullable Tcb tail;
    /*@ spec_public @*/ private int count;

    // The upper bound is stated: KeY knows no range of an int field, and a count past int's would
    // put the tail outside the quantifiers below (then another queue's tail might be this one's).
    //@ public invariant count >= 0 && count <= Integer.MAX_VALUE;
    //@ public invariant (count == 0) == (head == null);
    //@ public invariant (head == null) == (tail == null);

    //@ public ghost \seq nodes;
    //@ public invariant nodes.length == count;
    //@ public invariant count > 0 ==> head == (Tcb) nodes[0] && tail == (Tcb) nodes[count - 1];
    //@ public invariant count > 0 ==> head.prev == null && tail.next == null;
    // A node is an allocated object (createdInHeap): the ghost sequence, unlike a field, does not
    // tell the prover so, and the accessible clause below holds only for nodes that exist.
    /*@ public invariant (\forall int i; 0 <= i && i < count;
      @     nodes[i] instanceof Tcb && ((Tcb) nodes[i]).queued && ((Tcb) nodes[i]).inQueue == this
      @     && \dl_createdInHeap(\singleton(((Tcb) nodes[i]).queued), \dl_heap()));
      @*/
    // A thread is in the queue once: append and prepend take only a thread that is in no queue.
    /*@ public invariant (\forall int i, j; 0 <= i && i < j && j < count;
      @     (Tcb) nodes[i] != (Tcb) nodes[j]);
      @*/

    // The invariant reads the queue's own fields and the fields of its nodes the queue owns.
    // head.prev and tail.next are named as well: KeY knows no range of count, and for a count
    // past int's the node count - 1 is outside the union over int indices.
    /*@ public accessible \inv: \set_union(\set_union(\all_fields(this), \locset(head.prev, tail.next)),
      @     \infinite_union(int i; 0 <= i && i < count;
      @         \locset(((Tcb) nodes[i]).next, ((Tcb) nodes[i]).prev, ((Tcb) nodes[i]).queued,
      @                 ((Tcb) nodes[i]).inQueue)));
      @*/

    /*@ public normal_behavior
      @ ensures count == 0 && nodes == \seq_empty && head == null && tail == null;
      @ assignable \nothing;
      @*/
    public ThreadQueue() {
        //@ set nodes = \seq_empty;
    }

    /*@ public normal_behavior
      @ ensures \result == count;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int size() {
        return count;
    }

    /** True when the count is at int's maximum (see RunQueue.enqueue). */
    // A helper that reads only the count, so a caller need not show the queue's invariant.
    /*@ public normal_behavior
      @ ensures \result == (count == Integer.MAX_VALUE);
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public boolean full() {
        return count == Integer.MAX_VALUE;
    }

    /*@ public normal_behavior
      @ ensures \result == (count == 0);
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ boolean isEmpty() {
        return head == null;
    }

    /*@ public normal_behavior
      @ ensures \result == head;
      @ assignable \strictly_nothing;
      @*/
    /*@ nullable @*/ public /*@ pure @*/ @Nullable Tcb first() {
        return head;
    }

    /** Appends {@code t}, which must be in no queue. */
    // The neighbour written is the last node, and nothing when the queue is empty: named as
    // tail.next it was null.next there, which the accessible clause of every other empty queue
    // holds (head.prev and tail.next), so no other queue's invariant was known to survive.
    // The second case states that every other queue keeps its invariant, which a caller holding
    // several queues (RunQueue's levels) must show after the call.
    /*@ public normal_behavior
      @ requires !t.queued;
      @ requires count < Integer.MAX_VALUE;
      @ ensures t.queued && t.inQueue == this && tail == t && count == \old(count) + 1;
      @ ensures nodes == \seq_concat(\old(nodes), \seq_singleton(t));
      @ assignable head, tail, count, nodes, t.next, t.prev, t.queued, t.inQueue,
      @     \infinite_union(int k; 0 < count && k == count - 1; \locset(((Tcb) nodes[k]).next));
      @ also public normal_behavior
      @ requires !t.queued;
      @ requires count < Integer.MAX_VALUE;
      @ ensures (\forall ThreadQueue o; o != this && \old(\invariant_for(o)); \invariant_for(o));
      @ assignable head, tail, count, nodes, t.next, t.prev, t.queued, t.inQueue,
      @     \infinite_union(int k; 0 < count && k == count - 1; \locset(((Tcb) nodes[k]).next));
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
        //@ set t.inQueue = this;
        //@ set nodes = \seq_concat(nodes, \seq_singleton(t));
        count++;
    }

    /** Puts {@code t}, which must be in no queue, at the front. */
    // The neighbour written is the first node (see append).
    /*@ public normal_behavior
      @ requires !t.queued;
      @ requires count < Integer.MAX_VALUE;
      @ ensures t.queued && t.inQueue == this && head == t && count == \old(count) + 1;
      @ ensures nodes == \seq_concat(\seq_singleton(t), \old(nodes));
      @ assignable head, tail, count, nodes, t.next, t.prev, t.queued, t.inQueue,
      @     \infinite_union(int k; 0 < count && k == 0; \locset(((Tcb) nodes[k]).prev));
      @ also public normal_behavior
      @ requires !t.queued;
      @ requires count < Integer.MAX_VALUE;
      @ ensures (\forall ThreadQueue o; o != this && \old(\invariant_for(o)); \invariant_for(o));
      @ assignable head, tail, count, nodes, t.next, t.prev, t.queued, t.inQueue,
      @     \infinite_union(int k; 0 < count && k == 0; \locset(((Tcb) nodes[k]).prev));
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
        //@ set t.inQueue = this;
        //@ set nodes = \seq_concat(\seq_singleton(t), nodes);
        count++;
    }

    /** Unlinks {@code t}, which must be in this queue. */
    // The node is named with the cast the invariant uses: KeY does not equate (Tcb) nodes[0] with
    // nodes[0], so poll, which knows head == (Tcb) nodes[0], could not show the uncast form.
    // The proof of this method needs two facts it lacks. The links in the invariant: the new head
    // is t.next and the new tail t.prev, which only next/prev walking nodes in order makes nodes'
    // new ends. And t's index as a term of its own: the rule defining \seq_indexOf is never
    // applied by KeY's automatic strategy, so \seq_indexOf(nodes, t) is not known to be the k above.
    /*@ public normal_behavior
      @ requires (\exists int k; 0 <= k && k < count; (Tcb) nodes[k] == t);
      @ ensures !t.queued && t.inQueue == null && count == \old(count) - 1;
      @ ensures nodes == \seq_concat(\seq_sub(\old(nodes), 0, \old(\seq_indexOf(nodes, t))),
      @     \seq_sub(\old(nodes), \old(\seq_indexOf(nodes, t)) + 1, \old(count)));
      @ assignable head, tail, count, nodes, t.next, t.prev, t.queued, t.inQueue, t.prev.next,
      @     t.next.prev;
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
        //@ set t.inQueue = null;
        /*@ set nodes = \seq_concat(\seq_sub(nodes, 0, \seq_indexOf(nodes, t)),
          @     \seq_sub(nodes, \seq_indexOf(nodes, t) + 1, count));
          @*/
        count = count > 0 ? count - 1 : 0;
    }

    /** Removes and returns the first thread, or null when empty. */
    // head.prev is null (the invariant), so head.prev.next is the location null.next: remove's
    // frame names t.prev.next, and a frame that leaves it out cannot cover that call.
    /*@ public normal_behavior
      @ ensures \result == \old(head);
      @ ensures \result != null ==> !\result.queued;
      @ assignable head, tail, count, nodes, head.next, head.prev, head.queued, head.inQueue,
      @     head.next.prev, head.prev.next;
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
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ boolean contains(Tcb t) {
        Tcb at = head;
        // At most count + 1 steps, counted down so the counter cannot overflow.
        /*@ loop_invariant -1 <= left && left <= count;
          @ decreases left + 1;
          @ assignable \strictly_nothing;
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
