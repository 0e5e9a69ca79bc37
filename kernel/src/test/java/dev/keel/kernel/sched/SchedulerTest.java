package dev.keel.kernel.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.keel.kernel.Boot;
import dev.keel.kernel.Sim;
import dev.keel.kernel.abi.Errors;
import dev.keel.kernel.abi.MetricKinds;
import dev.keel.kernel.abi.Syscalls;
import dev.keel.kernel.proc.Process;

class SchedulerTest {

    @Test
    void aHigherPriorityThreadPreemptsAtOnce() {
        Sim s = new Sim();
        Process init = s.init();
        Process hi = s.spawn(init, "child", new long[0], 20, -1);
        assertEquals(Sim.main(hi), s.current(0), "created at priority 20 > init's 10");
        assertEquals(Tcb.READY, Sim.main(init).state);
        s.assertHealthy();
    }

    @Test
    void aLowerPriorityThreadWaitsWhileAHigherOneRuns() {
        Sim s = new Sim();
        Process init = s.init();
        Process lo = s.spawn(init, "child", new long[0], 3, -1);
        for (int i = 0; i < 20; i++) {
            s.tick(0);
            assertEquals(Sim.main(init), s.current(0));
        }
        assertEquals(Tcb.READY, Sim.main(lo).state);
    }

    @Test
    void roundRobinWithinAPriorityAfterEachTimeslice() {
        Sim s = new Sim();
        Process init = s.init();
        Process a = s.spawn(init, "child", new long[0], 10, -1);
        Process b = s.spawn(init, "child", new long[0], 10, -1);
        int slice = s.k.config.timeslice;
        Tcb[] order = new Tcb[6];
        for (int i = 0; i < order.length; i++) {
            order[i] = s.current(0);
            for (int t = 0; t < slice; t++) {
                s.tick(0);
            }
        }
        assertEquals(Sim.main(init), order[0]);
        assertEquals(Sim.main(a), order[1]);
        assertEquals(Sim.main(b), order[2]);
        assertEquals(Sim.main(init), order[3]);
        s.assertHealthy();
    }

    @Test
    void unblockingAHigherPriorityThreadOnAnotherCpuSendsAnIpi() {
        Sim s = new Sim(2);
        Process init = s.init();
        assertEquals(0, s.as(init, Syscalls.PORT_CREATE, 20, 1));
        Process server = s.spawn(init, "child", new long[] {Boot.SLOT_MEMORY, 20}, 25, -1);
        Tcb st = Sim.main(server);
        assertEquals(1, st.cpu, "new thread goes to the idle CPU");
        s.mapScratch(server, 0);
        s.as(server, Syscalls.RECEIVE, 1, Sim.BUF, 8);
        assertTrue(s.cpu(1).isIdle());
        s.as(init, Syscalls.SEND, 20, 0, Sim.BUF, 0, -1);
        assertEquals(st, s.current(1), "woken on its own CPU after the IPI");
        assertTrue(s.cpu(1).wakeups >= 1);
        s.assertHealthy();
    }

    @Test
    void idleHaltsTheCpuAndCountsEntries() {
        Sim s = new Sim(2);
        assertTrue(s.cpu(1).isIdle());
        long halts = s.machine.simCpu(1).halts();
        dev.keel.kernel.Entry.timer(s.k, 1);
        assertTrue(s.machine.simCpu(1).halts() > halts, "idle CPU halts instead of spinning");
        Process init = s.init();
        assertEquals(0, s.as(init, Syscalls.PORT_CREATE, 20, 1));
        s.as(init, Syscalls.RECEIVE, 20, Sim.BUF, 8);
        assertTrue(s.cpu(0).isIdle());
        assertTrue(s.cpu(0).idleEntries >= 1);
        assertEquals(s.cpu(0).idleEntries + s.cpu(1).idleEntries, sumIdle(s));
    }

    private static long sumIdle(Sim s) {
        return dev.keel.kernel.sys.MiscCalls.metricsRead(s.k, MetricKinds.IDLE_ENTRIES, -1);
    }

    @Test
    void realtimeThreadIsThrottledWhenItsBudgetRunsOutAndReplenishedNextPeriod() {
        Sim s = new Sim();
        Process init = s.init();
        Process rt = s.spawn(init, "child", new long[0], 20, -1);
        Tcb t = Sim.main(rt);
        assertEquals(0, s.as(rt, Syscalls.SET_REALTIME, 2, 10));
        s.tick(0);
        s.tick(0);
        assertTrue(t.throttled);
        assertNotEquals(t, s.current(0), "throttled thread does not run");
        for (int i = 0; i < 10 && t.throttled; i++) {
            s.tick(0);
        }
        assertFalse(t.throttled);
        assertEquals(t, s.current(0), "replenished and highest priority again");
        s.assertHealthy();
    }

    @Test
    void admissionControlRejectsOverUtilisation() {
        Sim s = new Sim();
        Process init = s.init();
        Process a = s.spawn(init, "child", new long[0], 10, -1);
        assertEquals(0, s.as(init, Syscalls.SET_REALTIME, 5, 10));
        assertEquals(Errors.ADMISSION, s.as(a, Syscalls.SET_REALTIME, 5, 10), "50% + 50% > 90%");
        assertEquals(0, s.as(a, Syscalls.SET_REALTIME, 4, 10));
        assertEquals(Errors.BAD_ARGUMENT, s.as(a, Syscalls.SET_REALTIME, 0, 10));
        assertEquals(Errors.BAD_ARGUMENT, s.as(a, Syscalls.SET_REALTIME, 11, 10));
        assertEquals(Errors.BAD_ARGUMENT, s.as(a, Syscalls.SET_REALTIME, 1, -1));
    }

    @Test
    void threadsAreSpreadOverPerCpuRunQueues() {
        Sim s = new Sim(4);
        Process init = s.init();
        for (int i = 0; i < 3; i++) {
            s.spawn(init, "child", new long[0], 10, -1);
        }
        for (int c = 0; c < 4; c++) {
            assertFalse(s.cpu(c).isIdle(), "cpu " + c + " got a thread");
        }
        s.assertHealthy();
    }

    @Test
    void setPriorityRequeuesAndPreempts() {
        Sim s = new Sim();
        Process init = s.init();
        Process a = s.spawn(init, "child", new long[0], 5, -1);
        assertEquals(0, s.sys(0, Syscalls.SET_PRIORITY, 2));
        assertEquals(Sim.main(a), s.current(0));
        assertEquals(Errors.BAD_ARGUMENT, s.sys(0, Syscalls.SET_PRIORITY, 32));
        s.assertHealthy();
    }

    @Test
    void killingAThreadRunningOnAnotherCpuMakesThatCpuRescheduleAtOnce() {
        Sim s = new Sim(2);
        Process init = s.init();
        Process victim = s.spawn(init, "child", new long[0], 10, 20);
        Process next = s.spawn(init, "child", new long[0], 10, -1);
        Tcb v = Sim.main(victim);
        assertEquals(v, s.current(v.cpu));
        int cpu = v.cpu;
        s.runAs(Sim.main(init));
        assertEquals(0, s.as(init, Syscalls.KILL, 20, 1));
        assertTrue(s.current(cpu) != v, "the dead thread no longer runs");
        assertTrue(s.current(cpu).owner != null || s.cpu(cpu).runQueue.highestPriority() < 0);
        assertEquals(Tcb.FREE, v.state);
        assertTrue(next.isAlive());
        s.assertHealthy();
    }

    @Test
    void runQueueKeepsFifoOrderPerPriority() {
        RunQueue q = new RunQueue(4);
        Tcb a = new Tcb(1);
        Tcb b = new Tcb(2);
        Tcb c = new Tcb(3);
        a.priority = 1;
        b.priority = 1;
        c.priority = 3;
        q.enqueue(a, false);
        q.enqueue(b, false);
        q.enqueue(c, false);
        assertEquals(3, q.highestPriority());
        assertEquals(c, q.pollHighest());
        assertEquals(a, q.pollHighest());
        q.enqueue(a, true);
        assertEquals(a, q.pollHighest(), "front insertion after preemption");
        assertEquals(b, q.pollHighest());
        assertEquals(-1, q.highestPriority());
    }
}
