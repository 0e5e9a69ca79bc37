package dev.keel.kernel.proc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.keel.kernel.Boot;
import dev.keel.kernel.Sim;
import dev.keel.kernel.abi.Errors;
import dev.keel.kernel.abi.ProcessSpec;
import dev.keel.kernel.abi.Syscalls;
import dev.keel.kernel.cap.CapType;
import dev.keel.kernel.sched.Tcb;

class ProcessTest {

    @Test
    void createProcessLoadsTheExecutableWithArgsEnvAndInitialCaps() {
        Sim s = new Sim();
        Process init = s.init();
        assertEquals(0, s.as(init, Syscalls.PORT_CREATE, Boot.SLOT_MEMORY, 20, 1));
        Process c = s.spawn(init, "child", new long[] {20, Boot.SLOT_MEMORY}, 10, 21);
        assertEquals(init, c.parent);
        assertArrayEquals(Sim.image(2 * 4096, 3), s.peek(c, ProcessSpec.IMAGE_BASE, 2 * 4096));
        Tcb t = Sim.main(c);
        assertEquals(ProcessSpec.IMAGE_BASE, t.pc);
        assertArrayEquals(Sim.bytes("a\0b"), s.peek(c, t.reg(0), (int) t.reg(1)), "args");
        assertArrayEquals(Sim.bytes("K=V"), s.peek(c, t.reg(2), (int) t.reg(3)), "env");
        assertEquals(CapType.PORT, s.as(c, Syscalls.CAP_IDENTIFY, 0));
        assertEquals(CapType.MEMORY, s.as(c, Syscalls.CAP_IDENTIFY, 1));
        assertEquals(Errors.EMPTY_SLOT, s.as(c, Syscalls.CAP_IDENTIFY, 2), "no ambient authority");
        assertEquals(CapType.PROCESS, s.as(init, Syscalls.CAP_IDENTIFY, 21));
        s.assertHealthy();
    }

    @Test
    void createProcessRejectsUnknownExecutablesAndCapsWithoutGrant() {
        Sim s = new Sim();
        Process init = s.init();
        assertEquals(Errors.NOT_FOUND, s.spawnRaw(init, "nope", "", "", new long[0], 10, -1, 0));
        assertEquals(0, s.as(init, Syscalls.CAP_MINT, Boot.SLOT_IO_PORTS, 22, 1, 1, 0, 0));
        assertEquals(Errors.NO_RIGHTS, s.spawnRaw(init, "child", "", "", new long[] {22}, 10, -1, 0));
        assertEquals(Errors.WRONG_TYPE, s.spawnRaw(init, "child", "", "", new long[0], 10, -1, 1));
        assertEquals(Errors.BAD_ARGUMENT, s.spawnRaw(init, "child", "", "", new long[0], 99, -1, 0));
        assertEquals(Errors.SLOT_FULL, s.spawnRaw(init, "child", "", "", new long[0], 10, 0, 0));
        assertEquals(1, count(s), "nothing was created");
        s.assertHealthy();
    }

    @Test
    void createProcessNeedsQuotaForTheImageAndItsStackToTheLastPage() {
        Sim s = new Sim();
        // The two image pages of "child" fit, its stack lacks one page.
        long used = fillQuota(s, 2 + s.k.config.stackPages - 1);
        assertEquals(Errors.NO_MEMORY, s.spawnRaw(s.init(), "child", "", "", new long[0], 10, -1, Boot.SLOT_MEMORY));
        assertEquals(used, s.k.memory.quotas().used(s.init().memory), "nothing stays charged");
        assertEquals(1, count(s), "nothing was created");
        s.assertHealthy();

        Sim t = new Sim();
        fillQuota(t, 2 + t.k.config.stackPages);
        assertTrue(t.spawnRaw(t.init(), "child", "", "", new long[0], 10, -1, Boot.SLOT_MEMORY) > 0,
                "one more page and it fits");
        t.assertHealthy();
    }

    /** Maps init's memory quota full but for {@code room} pages; returns the pages in use. */
    private static long fillQuota(Sim s, long room) {
        int m = s.init().memory;
        long fill = s.k.memory.quotas().limit(m) - s.k.memory.quotas().used(m) - room;
        long va = 0x30000000L;
        assertEquals(va, s.sys(0, Syscalls.MMAP, Boot.SLOT_MEMORY, va, fill, 1), "mmap returns the address");
        return s.k.memory.quotas().used(m);
    }

    static int count(Sim s) {
        int n = 0;
        for (int i = 1; i < s.k.processes.count(); i++) {
            if (s.k.processes.at(i).state != Process.FREE) {
                n++;
            }
        }
        return n;
    }

    @Test
    void forkReturnsChildPidToParentAndZeroToChild() {
        Sim s = new Sim();
        Process init = s.init();
        long pid = s.sys(0, Syscalls.FORK);
        assertTrue(pid > 1);
        Process child = s.k.processes.byPid(pid);
        assertEquals(init, child.parent);
        assertEquals(0, Sim.main(child).reg(0));
        assertEquals(CapType.MEMORY, s.as(child, Syscalls.CAP_IDENTIFY, Boot.SLOT_MEMORY), "caps inherited");
        assertEquals(pid, s.as(child, Syscalls.GETPID));
        s.assertHealthy();
    }

    @Test
    void whenPidsRunOutNoProcessIsCreatedAndNoPidIsReused() throws ReflectiveOperationException {
        Sim s = new Sim();
        Process init = s.init();
        java.lang.reflect.Field next = ProcessManager.class.getDeclaredField("nextPid");
        next.setAccessible(true);
        next.setInt(s.k.processes, Integer.MAX_VALUE - 1);
        long last = s.sys(0, Syscalls.FORK);
        assertEquals(Integer.MAX_VALUE - 1, last, "the last pid is still handed out");
        assertEquals(Errors.NO_RESOURCES, s.sys(0, Syscalls.FORK));
        assertEquals(Errors.NO_RESOURCES, s.spawnRaw(init, "child", "", "", new long[0], 10, -1, 0));
        assertEquals(2, count(s), "only the last child was created");
        s.assertHealthy();
    }

    @Test
    void execReplacesTheImageKeepsCapsAndPassesArgs() {
        Sim s = new Sim();
        Process init = s.init();
        long pid = s.sys(0, Syscalls.FORK);
        Process child = s.k.processes.byPid(pid);
        s.poke(child, Sim.BUF, Sim.bytes("serverhi"));
        s.as(child, Syscalls.EXEC, Sim.BUF, 6, Sim.BUF + 6, 2, Sim.BUF, 0);
        assertArrayEquals(Sim.image(4096, 2), s.peek(child, ProcessSpec.IMAGE_BASE, 4096));
        Tcb t = Sim.main(child);
        assertArrayEquals(Sim.bytes("hi"), s.peek(child, t.reg(0), 2));
        assertEquals(CapType.MEMORY, s.as(child, Syscalls.CAP_IDENTIFY, Boot.SLOT_MEMORY));
        assertEquals(-1, child.space.regionOf(Sim.BUF), "old mappings gone");
        s.assertHealthy();
    }

    @Test
    void execOfAnUnknownProgramLeavesTheProcessUntouched() {
        Sim s = new Sim();
        Process init = s.init();
        s.poke(init, Sim.BUF, Sim.bytes("missing"));
        assertEquals(Errors.NOT_FOUND, s.sys(0, Syscalls.EXEC, Sim.BUF, 7, 0, 0, 0, 0));
        assertArrayEquals(Sim.bytes("missing"), s.peek(init, Sim.BUF, 7));
    }

    @Test
    void exitMakesAZombieThatWaitReapsWithItsStatus() {
        Sim s = new Sim();
        Process init = s.init();
        Process c = s.spawn(init, "child", new long[0], 10, -1);
        s.as(c, Syscalls.EXIT, 42);
        assertEquals(Process.ZOMBIE, c.state);
        assertEquals(0, c.threadCount());
        assertEquals(0, c.space.root());
        long pid = c.pid;
        assertEquals(pid, s.as(init, Syscalls.WAIT, -1));
        assertEquals(42, Sim.main(init).reg(1));
        assertEquals(Process.FREE, c.state);
        assertEquals(Errors.NO_CHILD, s.as(init, Syscalls.WAIT, -1));
        s.assertHealthy();
    }

    @Test
    void waitBlocksUntilTheChildExits() {
        Sim s = new Sim();
        Process init = s.init();
        Process c = s.spawn(init, "child", new long[0], 5, -1);
        long pid = c.pid;
        Tcb parent = Sim.main(init);
        s.as(init, Syscalls.WAIT, pid);
        assertEquals(Tcb.BLOCKED, parent.state);
        s.as(c, Syscalls.EXIT, 7);
        assertEquals(pid, parent.reg(0));
        assertEquals(7, parent.reg(1));
        assertEquals(Process.FREE, c.state, "reaped by the waiting parent");
        assertTrue(parent.state != Tcb.BLOCKED);
        s.assertHealthy();
    }

    @Test
    void orphansAreReparentedToInitAndZombieOrphansReaped() {
        Sim s = new Sim();
        Process init = s.init();
        Process mid = s.spawn(init, "child", new long[] {Boot.SLOT_MEMORY}, 10, -1);
        s.mapScratch(mid, 0);
        long g1 = s.spawnRaw(mid, "child", "", "", new long[0], 10, -1, 0);
        long g2 = s.spawnRaw(mid, "child", "", "", new long[0], 10, -1, 0);
        Process live = s.k.processes.byPid(g1);
        Process dead = s.k.processes.byPid(g2);
        s.as(dead, Syscalls.EXIT, 3);
        assertEquals(Process.ZOMBIE, dead.state);
        s.as(mid, Syscalls.EXIT, 0);
        assertEquals(init, live.parent, "orphan goes to init");
        assertEquals(init, dead.parent);
        assertEquals(g2, s.as(init, Syscalls.WAIT, g2));
        assertEquals(3, Sim.main(init).reg(1));
        s.assertHealthy();
    }

    @Test
    void killNeedsAProcessCapabilityWithWriteRight() {
        Sim s = new Sim();
        Process init = s.init();
        Process c = s.spawn(init, "child", new long[0], 10, 20);
        assertEquals(0, s.as(init, Syscalls.CAP_MINT, 20, 21, 1, 0, 0, 0));
        assertEquals(Errors.NO_RIGHTS, s.as(init, Syscalls.KILL, 21, 9));
        assertEquals(0, s.as(init, Syscalls.KILL, 20, 9));
        assertFalse(c.isAlive());
        assertEquals(Errors.EMPTY_SLOT, s.as(init, Syscalls.KILL, 20, 9), "caps to the dead process are gone");
        s.assertHealthy();
    }

    @Test
    void threadCreateAddsARunnableThreadToTheProcess() {
        Sim s = new Sim();
        Process init = s.init();
        long tid = s.sys(0, Syscalls.THREAD_CREATE, ProcessSpec.IMAGE_BASE, Sim.BUF + 4096, 10);
        assertTrue(tid > 0);
        assertEquals(2, init.threadCount());
        Tcb t = s.k.threads.at((int) tid);
        assertEquals(init, t.owner);
        assertEquals(init.pid, s.as(t, Syscalls.GETPID));
        assertEquals(Errors.BAD_ADDRESS, s.sys(0, Syscalls.THREAD_CREATE, 0, Sim.BUF, 10));
        s.assertHealthy();
    }
}
