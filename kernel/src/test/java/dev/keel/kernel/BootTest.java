package dev.keel.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.keel.hw.sim.SimMachine;
import dev.keel.kernel.abi.ProcessSpec;
import dev.keel.kernel.abi.Syscalls;
import dev.keel.kernel.cap.CapType;
import dev.keel.kernel.proc.Process;

class BootTest {

    @Test
    void initRunsWithItsImageLoadedAndRootCapabilities() {
        Sim s = new Sim();
        Process init = s.init();
        assertEquals(1, init.pid);
        assertEquals(s.current(0), Sim.main(init));
        assertArrayEquals(Sim.image(3 * 4096 + 100, 1), s.peek(init, ProcessSpec.IMAGE_BASE, 3 * 4096 + 100));
        assertEquals(CapType.MEMORY, s.sys(0, Syscalls.CAP_IDENTIFY, Boot.SLOT_MEMORY));
        assertEquals(7, s.current(0).reg(1), "all rights");
        assertEquals(CapType.IO_PORT, s.sys(0, Syscalls.CAP_IDENTIFY, Boot.SLOT_IO_PORTS));
        assertEquals(CapType.IRQ, s.sys(0, Syscalls.CAP_IDENTIFY, Boot.SLOT_IRQ_BASE + 3));
        assertEquals(3, s.current(0).reg(3), "irq line");
        s.assertHealthy();
    }

    @Test
    void bootWithoutInitModulePanicsInsteadOfRunning() {
        SimMachine m = new SimMachine(1, Sim.RAM);
        assertNull(Boot.boot(m, KernelConfig.standard(), true));
        String out = serial(m);
        assertTrue(out.startsWith("PANIC corruption"), out);
    }

    private static String serial(SimMachine m) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < m.simSerial().outputLength(); i++) {
            out.append((char) m.simSerial().outputAt(i));
        }
        return out.toString();
    }

    @Test
    void bootRefusesACapabilityTableLargerThanAnInt() {
        SimMachine m = new SimMachine(1, Sim.RAM);
        KernelConfig huge = new KernelConfig(65536, 32768, 48, 4, 32, 64, 256, 8, 16, 32, 5, 900, 4, 256, 4);
        assertTrue(KernelConfig.standard().capabilityTableFits());
        assertFalse(huge.capabilityTableFits());
        assertNull(Boot.boot(m, huge, true));
        String out = serial(m);
        assertTrue(out.startsWith("PANIC corruption") && out.contains("capability table"), out);
    }

    @Test
    void kernelEntryLoadsTheRunningProcessAddressSpace() {
        Sim s = new Sim();
        assertEquals(s.init().space.root(), s.machine.simMmu(0).currentRoot());
    }
}
