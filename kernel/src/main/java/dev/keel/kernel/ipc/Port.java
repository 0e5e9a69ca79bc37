package dev.keel.kernel.ipc;

import org.checkerframework.checker.nullness.qual.Nullable;

import dev.keel.kernel.sched.ThreadQueue;
import dev.keel.kernel.sched.Tcb;

/**
 * An IPC port: a bounded FIFO of messages (spec/Ipc.tla {@code queue[port]}), the threads blocked
 * sending into it (each holding its message) and the threads blocked receiving from it.
 *
 * Invariants: QueueBounded (count <= capacity); NoWaitersBothSides (receivers wait only on an
 * empty queue; senders only on a full one); NoMessageLost (sent == received + dropped + count).
 * {@link Ipc} keeps them; the port's own methods are helpers: they neither need nor keep an
 * invariant of the port (its only one is that the final thread queues are there), so a caller
 * does not have to show it.
 */
public final class Port {

    public final int id;
    public boolean live;
    public int capacity;

    // The queue, linked through Message.next.
    /*@ nullable @*/ public @Nullable Message head;
    /*@ nullable @*/ public @Nullable Message tail;
    public int count;

    public final ThreadQueue senders = new ThreadQueue();
    public final ThreadQueue receivers = new ThreadQueue();

    // Accounting for NoMessageLost.
    public long sent;
    public long received;
    public long dropped;

    /*@ public normal_behavior
      @ ensures this.id == id && !live;
      @ assignable \nothing;
      @*/
    public Port(int id) {
        this.id = id;
    }

    // The counters through getters: the prover knows the range of a long a method returns, not
    // of a long field.
    /*@ public normal_behavior
      @ ensures \result == sent;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public long sentCount() {
        return sent;
    }

    /*@ public normal_behavior
      @ ensures \result == received;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public long receivedCount() {
        return received;
    }

    /*@ public normal_behavior
      @ ensures \result == dropped;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public long droppedCount() {
        return dropped;
    }

    /*@ public normal_behavior
      @ ensures \result == (count >= capacity);
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public boolean isFull() {
        return count >= capacity;
    }

    /** Appends {@code m} to the queue. */
    // The prover knows no range for an int field: the bounds on count are spelled out.
    /*@ public normal_behavior
      @ requires 0 <= count && count < capacity && count < Integer.MAX_VALUE && m.next == null;
      @ ensures count == \old(count) + 1 && tail == m;
      @ assignable head, tail, count, tail.next;
      @*/
    /*@ helper @*/ public void append(Message m) {
        Message last = tail;
        m.next = null;
        if (last == null) {
            head = m;
        } else {
            last.next = m;
        }
        tail = m;
        count++;
    }

    /** Puts {@code m} back at the front (a delivery that could not complete). */
    /*@ public normal_behavior
      @ requires m.next == null;
      @ requires 0 <= count && count < Integer.MAX_VALUE;
      @ ensures head == m && count == \old(count) + 1;
      @ assignable head, tail, count, m.next;
      @*/
    /*@ helper @*/ public void prepend(Message m) {
        m.next = head;
        head = m;
        if (tail == null) {
            tail = m;
        }
        count++;
    }

    /** Removes and returns the first message, or null. */
    /*@ public normal_behavior
      @ requires 0 <= count && count <= Integer.MAX_VALUE;
      @ ensures \result == \old(head);
      @ assignable head, tail, count, head.next;
      @*/
    /*@ nullable helper @*/ public @Nullable Message poll() {
        Message m = head;
        if (m == null) {
            return null;
        }
        head = m.next;
        if (head == null) {
            tail = null;
        }
        m.next = null;
        count--;
        return m;
    }

    /**
     * Unlinks {@code m} from the queue when it is there; true if it was. It writes the link of
     * the message before {@code m} and {@code m}'s own, both messages: the frame names the link
     * field of every message, as the port keeps no ghost list of its nodes to name them by.
     */
    /*@ public normal_behavior
      @ requires 0 <= count && count <= Integer.MAX_VALUE;
      @ ensures \result ==> count == \old(count) - 1;
      @ ensures !\result ==> count == \old(count);
      @ assignable head, tail, count, \infinite_union(Message x; x.next);
      @*/
    /*@ helper @*/ public boolean unlink(Message m) {
        Message prev = null;
        Message at = head;
        /*@ loop_invariant 0 <= i && i <= count;
          @ assignable \nothing;
          @ decreases count - i;
          @*/
        for (int i = 0; i < count && at != null; i++) {
            if (at == m) {
                Message n = at.next;
                if (prev == null) {
                    head = n;
                } else {
                    prev.next = n;
                }
                if (tail == at) {
                    tail = prev;
                }
                at.next = null;
                count--;
                return true;
            }
            prev = at;
            at = at.next;
        }
        return false;
    }

    /** Resets the counters and queues for a new life. */
    /*@ public normal_behavior
      @ ensures live && this.capacity == capacity && count == 0 && sent == 0;
      @ ensures received == 0 && dropped == 0 && head == null && tail == null;
      @ assignable live, this.capacity, head, tail, count, sent, received, dropped;
      @*/
    /*@ helper @*/ public void open(int capacity) {
        live = true;
        this.capacity = capacity;
        head = null;
        tail = null;
        count = 0;
        sent = 0;
        received = 0;
        dropped = 0;
    }
}
