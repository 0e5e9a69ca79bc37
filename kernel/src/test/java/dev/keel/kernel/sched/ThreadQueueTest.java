package dev.keel.kernel.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ThreadQueueTest {

    @Test
    void removeFromTheMiddleKeepsTheOthersInOrder() {
        ThreadQueue q = new ThreadQueue();
        Tcb a = new Tcb(1);
        Tcb b = new Tcb(2);
        Tcb c = new Tcb(3);
        q.append(a);
        q.append(b);
        q.append(c);
        q.remove(b);
        assertFalse(b.queued);
        assertFalse(q.contains(b));
        assertEquals(2, q.size());
        assertEquals(a, q.poll());
        assertEquals(c, q.poll());
        assertNull(q.poll());
        assertTrue(q.isEmpty());
    }

    @Test
    void prependPutsAThreadFirst() {
        ThreadQueue q = new ThreadQueue();
        Tcb a = new Tcb(1);
        Tcb b = new Tcb(2);
        q.append(a);
        q.prepend(b);
        assertEquals(b, q.first());
        q.remove(a);
        assertEquals(b, q.poll());
        assertEquals(0, q.size());
    }
}
