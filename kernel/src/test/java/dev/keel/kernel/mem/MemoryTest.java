package dev.keel.kernel.mem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.keel.hw.sim.SimMachine;
import dev.keel.kernel.Boot;
import dev.keel.kernel.Entry;
import dev.keel.kernel.Sim;
import dev.keel.kernel.abi.Errors;
import dev.keel.kernel.abi.MetricKinds;
import dev.keel.kernel.abi.Syscalls;
import dev.keel.kernel.proc.Process;
import dev.keel.kernel.proc.ProcessManager;

class MemoryTest {

    static final long VA = 0x30000000L;

    @Test
    void frameAllocatorHandsOutOnlyUsableFramesOfTheMemoryMap() {
        SimMachine m = new SimMachine(1, Sim.RAM);
        FrameAllocator fa = new FrameAllocator(m.memory(), m.memoryMap());
        int expected = (Sim.RAM - SimMachine.LOW_RESERVED - SimMachine.MODULE_AREA) / 4096;
        assertEquals(expected, fa.freeCount());
        for (int i = 0; i < expected; i++) {
            long pa = fa.allocate();
            assertTrue(pa >= SimMachine.LOW_RESERVED && pa < Sim.RAM - SimMachine.MODULE_AREA, "pa " + pa);
        }
        assertEquals(0, fa.allocate(), "exhausted");
    }

    @Test
    void sharedFrameIsFreedOnlyByTheLastRelease() {
        SimMachine m = new SimMachine(1, Sim.RAM);
        FrameAllocator fa = new FrameAllocator(m.memory(), m.memoryMap());
        long pa = fa.allocate();
        fa.retain(pa);
        fa.release(pa);
        assertFalse(fa.isFree(pa));
        fa.release(pa);
        assertTrue(fa.isFree(pa));
    }

    @Test
    void pageTablesUseTheX86FourLevelFormatInPhysicalMemory() {
        SimMachine m = new SimMachine(1, Sim.RAM);
        FrameAllocator fa = new FrameAllocator(m.memory(), m.memoryMap());
        PageTable pt = new PageTable(m.memory(), fa);
        long root = pt.newRoot();
        long va = 0x0000123456789000L;
        long at = pt.entryAddress(root, va, true);
        long frame = fa.allocate();
        pt.store(at, Pte.leaf(frame, true, false, false));
        long pml4e = m.memory().load64(root + 8L * ((va >> 39) & 511));
        assertEquals(0x7, pml4e & 0x7, "present, writable, user");
        long pdpt = pml4e & Pte.FRAME_MASK;
        long pdpte = m.memory().load64(pdpt + 8L * ((va >> 30) & 511));
        long pde = m.memory().load64((pdpte & Pte.FRAME_MASK) + 8L * ((va >> 21) & 511));
        long pte = m.memory().load64((pde & Pte.FRAME_MASK) + 8L * ((va >> 12) & 511));
        assertEquals(frame, pte & Pte.FRAME_MASK);
        assertEquals(pte, pt.lookup(root, va));
        assertEquals(0, pt.lookup(root, va + (1L << 39)), "other PML4 slot has no table");
    }

    @Test
    void mmapTakesNoFrameUntilTouchedThenDemandPagesAZeroedFrame() {
        Sim s = new Sim();
        Process init = s.init();
        long free = s.k.memory.frames().freeCount();
        assertEquals(VA, s.sys(0, Syscalls.MMAP, Boot.SLOT_MEMORY, VA, 16, 1));
        assertEquals(free, s.k.memory.frames().freeCount(), "lazy");
        Entry.pageFault(s.k, 0, VA + 5 * 4096 + 8, true);
        assertTrue(Pte.present(s.k.memory.entry(init.space, VA + 5 * 4096)));
        assertEquals(1, s.k.metrics.read(MetricKinds.PAGE_FAULTS, 0), "one demand fault");
        assertArrayEquals(new byte[16], s.peek(init, VA + 5 * 4096, 16));
        s.assertHealthy();
    }

    @Test
    void munmapReturnsFramesAndQuota() {
        Sim s = new Sim();
        Process init = s.init();
        long free = s.k.memory.frames().freeCount();
        long used = s.k.memory.quotas().used(init.memory);
        s.sys(0, Syscalls.MMAP, Boot.SLOT_MEMORY, VA, 4, 1);
        s.poke(init, VA, new byte[4 * 4096]);
        assertTrue(s.k.memory.frames().freeCount() < free);
        assertEquals(0, s.sys(0, Syscalls.MUNMAP, VA, 4));
        assertEquals(used, s.k.memory.quotas().used(init.memory));
        assertTrue(s.k.memory.frames().freeCount() >= free - 3, "only page-table frames may stay");
        assertEquals(Errors.BAD_ADDRESS, s.sys(0, Syscalls.MUNMAP, VA, 4), "already gone");
        s.assertHealthy();
    }

    /** Two children of init, each with the memory capability; the victim has {@code data} at VA. */
    private record FaultScene(Sim s, Process victim, Process bystander) {}

    private static FaultScene faultScene(String data) {
        Sim s = new Sim();
        Process init = s.init();
        Process victim = s.spawn(init, "child", new long[] {Boot.SLOT_MEMORY}, 10, -1);
        Process bystander = s.spawn(init, "child", new long[] {Boot.SLOT_MEMORY}, 10, -1);
        s.as(victim, Syscalls.MMAP, 0, VA, 2, 1);
        s.poke(victim, VA, Sim.bytes(data));
        return new FaultScene(s, victim, bystander);
    }

    @Test
    void writeToAReadOnlyMappingKillsOnlyTheFaultingProcess() {
        FaultScene f = faultScene("data");
        Sim s = f.s();
        Process victim = f.victim();
        Process bystander = f.bystander();
        assertEquals(0, s.as(victim, Syscalls.MPROTECT, VA, 2, 0));
        assertFalse(Pte.writable(s.k.memory.entry(victim.space, VA)));
        int cpu = s.runAs(Sim.main(victim));
        Entry.pageFault(s.k, cpu, VA, true);
        assertTrue(victim.state != Process.ALIVE);
        assertEquals(ProcessManager.FAULT_STATUS, victim.exitStatus);
        assertTrue(bystander.isAlive());
        assertEquals(1, s.k.metrics.read(MetricKinds.FAULT_KILLS, 0));
        s.assertHealthy();
    }

    @Test
    void anInstructionFetchFromADataPageKillsOnlyTheFaultingProcessEvenWhenPresent() {
        FaultScene f = faultScene("code?");
        Sim s = f.s();
        Process victim = f.victim();
        Process bystander = f.bystander();
        long e = s.k.memory.entry(victim.space, VA);
        assertTrue(Pte.present(e));
        assertFalse(Pte.executable(e), "an mmap page is NX");
        int cpu = s.runAs(Sim.main(victim));
        Entry.pageFault(s.k, cpu, VA, false, false);
        assertTrue(victim.isAlive(), "a read fault on a present page is spurious");
        Entry.pageFault(s.k, cpu, VA, false, true);
        assertTrue(victim.state != Process.ALIVE, "the fetch is refused, not retried");
        assertEquals(ProcessManager.FAULT_STATUS, victim.exitStatus);
        assertTrue(bystander.isAlive());
        assertEquals(1, s.k.metrics.read(MetricKinds.FAULT_KILLS, 0));
        s.assertHealthy();
    }

    @Test
    void mprotectCannotMakeWritableWhatTheCapabilityMappedReadOnly() {
        Sim s = new Sim();
        assertEquals(0, s.sys(0, Syscalls.CAP_MINT, Boot.SLOT_MEMORY, 30, 1, 0, 0, 0));
        assertEquals(Errors.NO_RIGHTS, s.sys(0, Syscalls.MMAP, 30, VA, 1, 1));
        assertEquals(VA, s.sys(0, Syscalls.MMAP, 30, VA, 1, 0));
        assertEquals(Errors.NO_RIGHTS, s.sys(0, Syscalls.MPROTECT, VA, 1, 1));
    }

    @Test
    void forkSharesPagesCopyOnWriteAndCopiesOnFirstWrite() {
        Sim s = new Sim();
        Process parent = s.init();
        s.poke(parent, Sim.BUF, Sim.bytes("original"));
        long pid = s.sys(0, Syscalls.FORK);
        Process child = s.k.processes.byPid(pid);
        long pe = s.k.memory.entry(parent.space, Sim.BUF);
        long ce = s.k.memory.entry(child.space, Sim.BUF);
        assertEquals(Pte.frame(pe), Pte.frame(ce), "shared after fork");
        assertTrue(Pte.cow(pe) && !Pte.writable(pe));
        assertEquals(2, s.k.memory.frames().refCount(Pte.frame(pe)));
        int cpu = s.runAs(Sim.main(child));
        Entry.pageFault(s.k, cpu, Sim.BUF, true);
        long ce2 = s.k.memory.entry(child.space, Sim.BUF);
        assertNotEquals(Pte.frame(pe), Pte.frame(ce2), "child got its own copy");
        assertTrue(Pte.writable(ce2));
        s.poke(child, Sim.BUF, Sim.bytes("changed!"));
        assertArrayEquals(Sim.bytes("original"), s.peek(parent, Sim.BUF, 8));
        assertEquals(1, s.k.metrics.read(MetricKinds.PAGE_FAULTS, 1), "one COW fault");
        s.assertHealthy();
    }

    @Test
    void lastSharerOfACowPageTakesItOverWithoutCopying() {
        Sim s = new Sim();
        Process parent = s.init();
        s.poke(parent, Sim.BUF, Sim.bytes("x"));
        long pid = s.sys(0, Syscalls.FORK);
        Process child = s.k.processes.byPid(pid);
        long frame = Pte.frame(s.k.memory.entry(parent.space, Sim.BUF));
        s.as(child, Syscalls.EXIT, 0);
        s.runAs(Sim.main(parent));
        Entry.pageFault(s.k, 0, Sim.BUF, true);
        assertEquals(frame, Pte.frame(s.k.memory.entry(parent.space, Sim.BUF)));
        s.assertHealthy();
    }

    @Test
    void quotaOfTheMemoryCapabilityBoundsMapping() {
        Sim s = new Sim();
        long limit = s.k.memory.quotas().limit(s.init().memory);
        assertEquals(Errors.NO_MEMORY, s.sys(0, Syscalls.MMAP, Boot.SLOT_MEMORY, VA, limit, 1));
        assertEquals(Errors.BAD_ADDRESS, s.sys(0, Syscalls.MMAP, Boot.SLOT_MEMORY, Sim.BUF, 1, 1), "overlap");
        assertEquals(Errors.BAD_ADDRESS, s.sys(0, Syscalls.MMAP, Boot.SLOT_MEMORY, VA + 1, 1, 1), "unaligned");
        assertEquals(Errors.BAD_ADDRESS, s.sys(0, Syscalls.MMAP, Boot.SLOT_MEMORY, 0, 1, 1), "page zero");
        assertEquals(Errors.BAD_ADDRESS, s.sys(0, Syscalls.MMAP, Boot.SLOT_MEMORY, 0xffff800000000000L, 1, 1));
        assertEquals(Errors.BAD_LENGTH, s.sys(0, Syscalls.MMAP, Boot.SLOT_MEMORY, VA, 0, 1));
        s.assertHealthy();
    }

    @Test
    void faultOutsideAnyRegionKillsAndReclaimsEveryFrame() {
        Sim s = new Sim();
        Process init = s.init();
        s.poke(init, Sim.BUF, new byte[2048]);
        long free = s.k.memory.frames().freeCount();
        Process p = s.spawn(init, "child", new long[] {Boot.SLOT_MEMORY}, 10, -1);
        s.mapScratch(p, 0);
        s.poke(p, Sim.BUF, new byte[3 * 4096]);
        int cpu = s.runAs(Sim.main(p));
        Entry.pageFault(s.k, cpu, 0x50000000L, false);
        assertFalse(p.isAlive());
        assertEquals(free, s.k.memory.frames().freeCount(), "every frame of the dead process is back");
        s.assertHealthy();
    }
}
