package dev.keel.kernel.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.keel.kernel.Sim;
import dev.keel.kernel.abi.Errors;
import dev.keel.kernel.abi.Syscalls;
import dev.keel.kernel.proc.Process;

/**
 * A real-time reservation's bandwidth stays spent until the end of its period (spec/Scheduler.tla:
 * Retire keeps the period running, Admit within it gives no new budget): exiting and coming back,
 * or asking for a reservation again, must not refill a budget.
 */
class RealtimeReadmissionTest {

    /** Admits free Tcb {@code t} as a real-time thread of CPU 0, as thread creation does. */
    private static void admit(Scheduler s, Tcb t, int budget, int period, int priority) {
        t.cpu = 0;
        assertEquals(Errors.OK, s.checkRealtime(t, budget, period));
        s.setRealtime(t, budget, period);
        s.start(t, priority, 0);
    }

    /** Runs the reschedule the kernel does before returning to user mode. */
    private static void settle(Scheduler s) {
        if (s.cpu(0).needResched) {
            s.schedule(s.cpu(0));
        }
    }

    private static Tcb freeTcb(Sim sim) {
        Tcb t = sim.k.threads.allocate();
        assertTrue(t != null, "a free thread block");
        return t;
    }

    @Test
    void exitAndReadmissionWithinAPeriodResumeTheSpentBudget() {
        Sim sim = new Sim();
        sim.init();
        Scheduler s = sim.k.scheduler;
        Tcb t = freeTcb(sim);
        admit(s, t, 3, 10, 30);
        settle(s);
        assertEquals(t, s.cpu(0).current);
        long end = t.releaseAt;
        s.tick(s.cpu(0));
        s.tick(s.cpu(0));
        assertEquals(1, t.remaining);
        s.remove(t);
        sim.k.threads.release(t);
        settle(s);
        assertNotEquals(t, s.cpu(0).current);

        Tcb again = sim.k.threads.allocate();
        assertEquals(t, again, "the pool hands out the same slot again");
        admit(s, t, 3, 10, 30);
        assertEquals(1, t.remaining, "the budget left in the period, not a new one");
        assertEquals(end, t.releaseAt, "the same period goes on");
        settle(s);
        assertEquals(t, s.cpu(0).current);
        s.tick(s.cpu(0));
        assertTrue(t.throttled, "three ticks in the period, as the budget allows");
        settle(s);
        assertNotEquals(t, s.cpu(0).current);
        assertTrue(s.invariantsHold());
    }

    @Test
    void readmissionWithNoBudgetLeftIsThrottledUntilThePeriodEnds() {
        Sim sim = new Sim();
        sim.init();
        Scheduler s = sim.k.scheduler;
        Tcb t = freeTcb(sim);
        admit(s, t, 2, 10, 30);
        settle(s);
        s.tick(s.cpu(0));
        s.remove(t);
        sim.k.threads.release(t);
        settle(s);
        s.tick(s.cpu(0));
        // one unit was left at the exit; spend it after coming back, then come back again
        assertEquals(t, sim.k.threads.allocate());
        admit(s, t, 2, 10, 30);
        settle(s);
        s.tick(s.cpu(0));
        assertTrue(t.throttled);
        settle(s);
        long end = t.releaseAt;
        s.remove(t);
        sim.k.threads.release(t);
        assertEquals(t, sim.k.threads.allocate());
        admit(s, t, 2, 10, 30);
        assertEquals(0, t.remaining);
        assertTrue(t.throttled, "nothing left in the period: not runnable");
        assertFalse(t.queued);
        settle(s);
        assertNotEquals(t, s.cpu(0).current);
        while (s.cpu(0).ticks < end) {
            s.tick(s.cpu(0));
            settle(s);
        }
        assertFalse(t.throttled, "refilled when the period ended");
        assertEquals(t, s.cpu(0).current);
        assertTrue(s.invariantsHold());
    }

    @Test
    void anExitedReservationStaysChargedUntilItsPeriodEnds() {
        Sim sim = new Sim();
        sim.init();
        Scheduler s = sim.k.scheduler;
        Tcb a = freeTcb(sim);
        admit(s, a, 5, 10, 30);
        Tcb b = freeTcb(sim);
        assertNotEquals(a, b);
        settle(s);
        s.tick(s.cpu(0));
        long end = a.releaseAt;
        s.remove(a);
        sim.k.threads.release(a);
        settle(s);
        b.cpu = 0;
        assertEquals(Errors.ADMISSION, s.checkRealtime(b, 5, 10), "50% lingering + 50% > 90%");
        assertEquals(Errors.OK, s.checkRealtime(b, 4, 10), "50% + 40% fits");
        while (s.cpu(0).ticks < end) {
            s.tick(s.cpu(0));
            settle(s);
        }
        assertEquals(0, s.utilisation(0, b));
        assertEquals(Errors.OK, s.checkRealtime(b, 5, 10), "the period is over: the bandwidth is free");
    }

    @Test
    void setRealtimeTwiceDoesNotRefillTheBudget() {
        Sim sim = new Sim();
        Process init = sim.init();
        Process rt = sim.spawn(init, "child", new long[0], 20, -1);
        Tcb t = Sim.main(rt);
        assertEquals(0, sim.as(rt, Syscalls.SET_REALTIME, 2, 10));
        sim.tick(0);
        assertEquals(1, t.remaining);
        assertEquals(Errors.ADMISSION, sim.as(rt, Syscalls.SET_REALTIME, 2, 10));
        assertEquals(Errors.ADMISSION, sim.as(rt, Syscalls.SET_REALTIME, 1, 2));
        assertEquals(1, t.remaining, "still what is left of the first period");
        assertEquals(2, t.budget);
        assertEquals(10, t.period);
        sim.tick(0);
        assertTrue(t.throttled);
        sim.assertHealthy();
    }
}
