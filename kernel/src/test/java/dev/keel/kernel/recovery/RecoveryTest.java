package dev.keel.kernel.recovery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.keel.kernel.Boot;
import dev.keel.kernel.cap.CapabilityCorrupter;
import dev.keel.kernel.Entry;
import dev.keel.kernel.Panic;
import dev.keel.kernel.SelfCheck;
import dev.keel.kernel.Sim;
import dev.keel.kernel.abi.Errors;
import dev.keel.kernel.abi.MetricKinds;
import dev.keel.kernel.abi.Syscalls;
import dev.keel.kernel.cap.CapType;
import dev.keel.kernel.mem.Pte;
import dev.keel.kernel.proc.Process;
import dev.keel.kernel.sched.Tcb;

class RecoveryTest {

    Process service(Sim s, long procSlot) {
        Process init = s.init();
        assertEquals(0, s.as(init, Syscalls.PORT_CREATE, Boot.SLOT_MEMORY, 20, 2));
        Process svc = s.spawn(init, "server", new long[] {Boot.SLOT_MEMORY, 20}, 10, procSlot);
        assertEquals(0, s.as(init, Syscalls.SERVICE_REGISTER, procSlot));
        return svc;
    }

    Process incarnation(Sim s, int record) {
        return s.k.processes.at(s.k.services.processOf(record));
    }

    @Test
    void aCrashedServiceIsRestartedWithItsInitialCapabilities() {
        Sim s = new Sim();
        Process svc = service(s, 30);
        int record = svc.service;
        int cpu = s.runAs(Sim.main(svc));
        Entry.pageFault(s.k, cpu, 0x60000000L, true);
        assertFalse(svc.isAlive() && s.k.services.processOf(record) == svc.index && svc.service == record);
        Process again = incarnation(s, record);
        assertTrue(again.isAlive());
        assertNotEquals(svc.pid == 0 ? -1 : svc.pid, again.pid);
        assertEquals(CapType.MEMORY, s.as(again, Syscalls.CAP_IDENTIFY, 0));
        assertEquals(CapType.PORT, s.as(again, Syscalls.CAP_IDENTIFY, 1));
        assertEquals(1, s.k.metrics.read(MetricKinds.RESTARTS, 0));
        s.assertHealthy();
    }

    @Test
    void theCheckpointAreaSurvivesTheRestart() {
        Sim s = new Sim();
        Process svc = service(s, 30);
        int record = svc.service;
        s.mapScratch(svc, 0);
        s.poke(svc, Sim.BUF, Sim.bytes("state-17"));
        assertEquals(0, s.as(svc, Syscalls.CHECKPOINT_SAVE, Sim.BUF, 8));
        s.as(svc, Syscalls.EXIT, 1);
        Process again = incarnation(s, record);
        s.mapScratch(again, 0);
        assertEquals(8, s.as(again, Syscalls.CHECKPOINT_RESTORE, Sim.BUF + 64, 100));
        assertArrayEquals(Sim.bytes("state-17"), s.peek(again, Sim.BUF + 64, 8));
        s.assertHealthy();
    }

    @Test
    void checkpointsAreOnlyForServicesAndBounded() {
        Sim s = new Sim();
        assertEquals(Errors.BAD_ARGUMENT, s.sys(0, Syscalls.CHECKPOINT_SAVE, Sim.BUF, 8));
        Process svc = service(s, 30);
        s.mapScratch(svc, 0);
        assertEquals(Errors.BAD_LENGTH, s.as(svc, Syscalls.CHECKPOINT_SAVE, Sim.BUF, 100000));
        assertEquals(Errors.BAD_ADDRESS, s.as(svc, Syscalls.CHECKPOINT_SAVE, 0x10, 8));
        assertEquals(Errors.BAD_LENGTH, s.as(svc, Syscalls.CHECKPOINT_RESTORE, Sim.BUF, -1));
    }

    @Test
    void aServiceThatKeepsCrashingIsEventuallyLeftDead() {
        Sim s = new Sim();
        Process svc = service(s, 30);
        int record = svc.service;
        for (int i = 0; i <= ServiceTable.MAX_RESTARTS; i++) {
            Process p = incarnation(s, record);
            assertTrue(p.isAlive(), "round " + i);
            s.as(p, Syscalls.EXIT, 1);
        }
        assertFalse(s.k.services.isLive(record));
        s.assertHealthy();
    }

    @Test
    void killingAProcessReclaimsItsMemoryAndOthersGoOn() {
        Sim s = new Sim();
        Process init = s.init();
        s.poke(init, Sim.BUF, new byte[2048]);
        long free = s.k.memory.frames().freeCount();
        int threadsBefore = s.k.threads.inUse();
        Process p = s.spawn(init, "child", new long[] {Boot.SLOT_MEMORY}, 10, 30);
        s.mapScratch(p, 0);
        s.poke(p, Sim.BUF, new byte[4 * 4096]);
        assertEquals(0, s.as(init, Syscalls.KILL, 30, 9));
        assertEquals(9, p.exitStatus);
        assertEquals(free, s.k.memory.frames().freeCount());
        assertEquals(threadsBefore, s.k.threads.inUse());
        assertEquals(init.pid, s.as(init, Syscalls.GETPID), "init goes on");
        s.assertHealthy();
    }

    @Test
    void hardwareFaultPanicsAndStopsTheKernel() {
        Sim s = new Sim();
        Entry.hardwareFault(s.k, 0, 0xdead);
        assertTrue(s.k.panic.panicked());
        assertEquals(Panic.HARDWARE, s.k.panic.reason());
        assertTrue(s.serial().startsWith("PANIC hardware"));
        assertEquals(Errors.BAD_SYSCALL, s.sys(0, Syscalls.GETPID), "no kernel entry after a panic");
    }

    @Test
    void selfCheckPanicsOnAFrameBothFreeAndMapped() {
        Sim s = new Sim();
        Process init = s.init();
        s.poke(init, Sim.BUF, new byte[8]);
        long frame = Pte.frame(s.k.memory.entry(init.space, Sim.BUF));
        s.k.memory.frames().release(frame);
        assertFalse(SelfCheck.run(s.k));
        assertEquals(Panic.CORRUPTION, s.k.panic.reason());
    }

    @Test
    void selfCheckPanicsOnASecurityViolationInTheCapabilityTree() {
        Sim s = new Sim();
        assertEquals(0, s.sys(0, Syscalls.CAP_MINT, Boot.SLOT_MEMORY, 30, 1, 0, 0, 0));
        assertEquals(0, s.sys(0, Syscalls.CAP_COPY, 30, 31));
        CapabilityCorrupter.grantWrite(s.k, s.init().index, 31);
        assertFalse(SelfCheck.run(s.k));
        assertEquals(Panic.SECURITY, s.k.panic.reason());
    }

    @Test
    void selfCheckPanicsOnAProcessCapabilityNamingNoProcess() {
        Sim s = new Sim();
        int init = s.init().index;
        assertEquals(0, s.k.caps.checkEmpty(init, 30));
        s.k.caps.createObject(init, 30, CapType.PROCESS, s.k.processes.count() - 1, true, true, true);
        assertTrue(SelfCheck.run(s.k), "the last row of the table is a row");
        s.k.caps.createObject(init, 31, CapType.PROCESS, s.k.processes.count(), true, true, true);
        assertFalse(SelfCheck.run(s.k));
        assertEquals(Panic.CORRUPTION, s.k.panic.reason());
        assertEquals(7, s.k.panic.detail());
    }

    @Test
    void selfCheckPanicsOnACycleOfCallsInsideTheKernel() {
        Sim s = new Sim();
        Tcb a = s.k.threads.at(5);
        Tcb b = s.k.threads.at(6);
        a.state = Tcb.BLOCKED;
        b.state = Tcb.BLOCKED;
        a.blockedOn = Tcb.ON_REPLY;
        b.blockedOn = Tcb.ON_REPLY;
        a.replyHolder = b;
        b.replyCap = a;
        b.replyHolder = a;
        a.replyCap = b;
        assertFalse(SelfCheck.run(s.k));
        assertTrue(s.k.panic.panicked());
    }

    @Test
    void userInputNeverPanics() {
        Sim s = new Sim();
        for (int n = -3; n < Syscalls.COUNT + 3; n++) {
            if (n == Syscalls.EXIT || n == Syscalls.EXEC || n == Syscalls.FORK) {
                continue;
            }
            s.runAs(Sim.main(s.init()));
            s.sys(0, n, -1, -1, -1, -1, -1, -1);
            s.runAs(Sim.main(s.init()));
            s.sys(0, n, 0x7fffffffffffffffL, 1L << 40, -5, 3, 0, 0);
        }
        s.assertHealthy();
    }
}
