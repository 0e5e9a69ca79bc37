package dev.keel.hw.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SimMachineTest {

    @Test
    void physicalMemoryIsLittleEndianAtEveryWidth() {
        SimPhysicalMemory m = new SimPhysicalMemory(4096);
        m.store64(8, 0x0102030405060708L);
        assertEquals(0x08, m.load8(8));
        assertEquals(0x0708, m.load16(8));
        assertEquals(0x05060708, m.load32(8));
        assertEquals(0x01020304, m.load32(12));
        m.store32(16, -2);
        assertEquals(0xfffffffeL, m.load64(16));
        m.store16(24, 0xbeef);
        m.store8(26, 0x7f);
        assertEquals(0x7fbeef, m.load32(24));
        assertEquals(0, m.busErrors());
    }

    @Test
    void outOfRangeOrMisalignedAccessIsABusError() {
        SimPhysicalMemory m = new SimPhysicalMemory(4096);
        assertEquals(-1L, m.load64(4096));
        assertEquals(-1L, m.load64(4));
        m.store64(-8, 1);
        assertEquals(3, m.busErrors());
    }

    @Test
    void memoryMapReservesLowMemoryAndTheModuleArea() {
        SimMachine sm = new SimMachine(2, 4 << 20);
        assertEquals(3, sm.memoryMap().regionCount());
        assertFalse(sm.memoryMap().usable(0));
        assertTrue(sm.memoryMap().usable(1));
        assertEquals(SimMachine.LOW_RESERVED, sm.memoryMap().base(1));
        assertEquals((4 << 20) - SimMachine.MODULE_AREA, sm.memoryMap().base(2));
        assertFalse(sm.memoryMap().usable(2));
    }

    @Test
    void modulesAreCopiedIntoReservedMemoryWithTheirNames() {
        SimMachine sm = new SimMachine(1, 4 << 20);
        assertTrue(sm.addModule(new byte[] {'a', 'b'}, new byte[] {9, 8, 7}));
        assertEquals(1, sm.modules().count());
        long base = sm.modules().base(0);
        assertTrue(base >= sm.memoryMap().base(2));
        assertEquals(9, sm.memory().load8(base));
        assertEquals(7, sm.memory().load8(base + 2));
        assertEquals('b', sm.memory().load8(sm.modules().nameBase(0) + 1));
        assertEquals(2, sm.modules().nameLength(0));
        assertFalse(sm.addModule(new byte[1], new byte[SimMachine.MODULE_AREA]), "does not fit");
    }

    @Test
    void clockNeverGoesBackAndInterruptsKeepMasksAndIpis() {
        SimMachine sm = new SimMachine(2, 4 << 20);
        long a = sm.clock().cycles();
        long b = sm.clock().cycles();
        assertTrue(b > a);
        sm.interrupts().mask(3);
        assertTrue(sm.interrupts().isMasked(3));
        sm.interrupts().unmask(3);
        assertFalse(sm.interrupts().isMasked(3));
        sm.interrupts().sendIpi(1);
        assertTrue(sm.simInterrupts().takeIpi(1));
        assertFalse(sm.simInterrupts().takeIpi(1));
        sm.cpu(1).halt();
        assertEquals(1, sm.simCpu(1).halts());
        sm.mmu(0).loadRoot(0x2000);
        assertEquals(0x2000, sm.mmu(0).currentRoot());
    }

    @Test
    void serialKeepsOutputAndFeedsInput() {
        SimSerial s = new SimSerial();
        s.write('o');
        s.write('k');
        assertEquals(2, s.outputLength());
        assertEquals('k', s.outputAt(1));
        assertEquals(-1, s.read());
        s.feed('x');
        assertEquals('x', s.read());
    }
}
