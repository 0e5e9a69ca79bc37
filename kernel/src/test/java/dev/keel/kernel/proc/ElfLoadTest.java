package dev.keel.kernel.proc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.kernel.Boot;
import dev.keel.kernel.KernelConfig;
import dev.keel.kernel.Sim;
import dev.keel.kernel.abi.Errors;
import dev.keel.kernel.abi.ProcessSpec;
import dev.keel.kernel.abi.Syscalls;
import dev.keel.kernel.mem.MemoryManager;
import dev.keel.kernel.mem.Pte;
import dev.keel.kernel.sched.Tcb;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** create_process and exec load ELF64 modules segment by segment; malformed modules are refused. */
class ElfLoadTest {

    private static final long CODE = 0x400000;
    private static final long DATA = 0x600000;

    private static byte[] fill(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    /** Text at CODE (read-execute), data with a page and a half of bss at DATA, entry 0x40 into text. */
    private static byte[] program() {
        return new ElfBuilder()
                .load(CODE, ElfImage.PF_R | ElfImage.PF_X, fill(4096 + 10, 1), 4096 + 10)
                .load(DATA, ElfImage.PF_R | ElfImage.PF_W, fill(100, 2), 100 + 6000)
                .entry(CODE + 0x40)
                .build();
    }

    private static Sim sim() {
        byte[] broken = program();
        ElfBuilder.put16(broken, 18, 40);   // EM_ARM
        return new Sim(1, KernelConfig.standard(), Map.of("prog", program(), "broken", broken,
                "short", new byte[] {0x7f, 'E', 'L', 'F'}));
    }

    @Test
    void segmentsAreLoadedWithTheirPermissionsBssZeroedAndTheEntryPointSet() {
        Sim s = sim();
        Process init = s.init();
        Process c = s.spawn(init, "prog", new long[] {Boot.SLOT_MEMORY}, 10, -1);
        assertArrayEquals(fill(4096 + 10, 1), s.peek(c, CODE, 4096 + 10));
        assertArrayEquals(fill(100, 2), s.peek(c, DATA, 100));
        assertArrayEquals(new byte[2 * 4096 - 100], s.peek(c, DATA + 100, 2 * 4096 - 100), "bss zeroed");
        MemoryManager mm = s.k.memory;
        assertFalse(Pte.writable(mm.entry(c.space, CODE)), "text read-only");
        assertFalse(Pte.writable(mm.entry(c.space, CODE + 4096)), "text read-only");
        assertTrue(Pte.writable(mm.entry(c.space, DATA + 4096)), "bss writable");
        assertTrue(Pte.present(mm.entry(c.space, DATA + 4096)), "loaded at once");
        assertFalse(Pte.present(mm.entry(c.space, DATA + 2 * 4096)), "nothing past the segment");
        assertEquals(Errors.BAD_ADDRESS, mm.pageFault(c.space, CODE, true), "a write to text kills");
        Tcb t = Sim.main(c);
        assertEquals(CODE + 0x40, t.pc);
        s.assertHealthy();
    }

    @Test
    void textIsExecutableAndDataBssAndStackAreNoExecute() {
        Sim s = sim();
        Process init = s.init();
        Process c = s.spawn(init, "prog", new long[] {Boot.SLOT_MEMORY}, 10, -1);
        MemoryManager mm = s.k.memory;
        for (long va : new long[] {CODE, CODE + 4096}) {
            assertTrue(Pte.present(mm.entry(c.space, va)));
            assertTrue(Pte.executable(mm.entry(c.space, va)), "text executable");
            assertEquals(0L, mm.entry(c.space, va) & Pte.NX);
            assertTrue(mm.executable(c.space, va));
        }
        for (long va : new long[] {DATA, DATA + 4096}) {
            assertTrue(Pte.present(mm.entry(c.space, va)));
            assertEquals(Pte.NX, mm.entry(c.space, va) & Pte.NX, "data and bss NX");
            assertFalse(mm.executable(c.space, va));
        }
        long argsPage = ProcessSpec.STACK_TOP - 4096;
        assertTrue(Pte.present(mm.entry(c.space, argsPage)), "the arguments' stack page is in");
        assertEquals(Pte.NX, mm.entry(c.space, argsPage) & Pte.NX, "stack NX");
        assertFalse(mm.executable(c.space, argsPage));
        assertFalse(mm.executable(c.space, 0x500000), "no region: no fetch");
        s.assertHealthy();
    }

    @Test
    void pagesPagedInOrCopiedLaterKeepTheirRegionsExecutePermission() {
        Sim s = sim();
        Process init = s.init();
        Process c = s.spawn(init, "prog", new long[] {Boot.SLOT_MEMORY}, 10, -1);
        MemoryManager mm = s.k.memory;
        long below = ProcessSpec.STACK_TOP - 3 * 4096;
        assertEquals(MemoryManager.FAULT_DEMAND, mm.pageFault(c.space, below, true));
        assertEquals(Pte.NX, mm.entry(c.space, below) & Pte.NX, "a demand-paged stack page is NX");
        s.mapScratch(c, 0);
        s.poke(c, Sim.BUF, Sim.bytes("x"));
        assertTrue(Pte.present(mm.entry(c.space, Sim.BUF)));
        assertFalse(Pte.executable(mm.entry(c.space, Sim.BUF)), "an mmap page is NX");
        long child = s.as(c, Syscalls.FORK);
        assertTrue(child > 0);
        assertTrue(Pte.executable(mm.entry(c.space, CODE)), "shared text stays executable");
        assertTrue(Pte.cow(mm.entry(c.space, DATA)));
        assertEquals(MemoryManager.FAULT_COW, mm.pageFault(c.space, DATA, true));
        assertEquals(Pte.NX, mm.entry(c.space, DATA) & Pte.NX, "a private copy of data is NX");
        assertTrue(mm.invariantsHold());
        s.assertHealthy();
    }

    @Test
    void theChargeIsTheSegmentPagesAndTheStack() {
        Sim s = sim();
        Process init = s.init();
        assertEquals(2 + 2, s.k.processes.imagePages(s.k.processes.findModule(Sim.bytes("prog"), 4)));
        Process c = s.spawn(init, "prog", new long[] {Boot.SLOT_MEMORY}, 10, -1);
        assertEquals(2 + 2 + KernelConfig.standard().stackPages, MemoryManager.pagesCharged(c.space, c.memory));
    }

    @Test
    void malformedModulesAreRefusedWithBadExecutableAndNothingIsCreated() {
        Sim s = sim();
        Process init = s.init();
        int before = ProcessTest.count(s);
        s.poke(init, Sim.BUF, new byte[2048]);   // the scratch page the calls' arguments go to
        long free = s.k.memory.frames().freeCount();
        assertEquals(Errors.BAD_EXECUTABLE, s.spawnRaw(init, "broken", "", "", new long[0], 10, -1, Boot.SLOT_MEMORY));
        assertEquals(Errors.BAD_EXECUTABLE, s.spawnRaw(init, "short", "", "", new long[0], 10, -1, Boot.SLOT_MEMORY));
        assertEquals(Errors.NOT_FOUND, s.spawnRaw(init, "absent", "", "", new long[0], 10, -1, Boot.SLOT_MEMORY));
        assertEquals(before, ProcessTest.count(s));
        assertEquals(free, s.k.memory.frames().freeCount());
        s.assertHealthy();
    }

    @Test
    void execOfAMalformedModuleFailsAndTheCallerGoesOn() {
        Sim s = sim();
        Process init = s.init();
        Process c = s.spawn(init, "prog", new long[] {Boot.SLOT_MEMORY}, 10, -1);
        s.mapScratch(c, 0);
        s.poke(c, Sim.BUF, Sim.bytes("broken"));
        assertEquals(Errors.BAD_EXECUTABLE, s.as(c, Syscalls.EXEC, Sim.BUF, 6, Sim.BUF, 0, Sim.BUF, 0));
        assertEquals(Process.ALIVE, c.state);
        assertArrayEquals(fill(100, 2), s.peek(c, DATA, 100), "image untouched");
        s.assertHealthy();
    }
}
