package dev.keel.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < m.simSerial().outputLength(); i++) {
            out.append((char) m.simSerial().outputAt(i));
        }
        assertTrue(out.toString().startsWith("PANIC corruption"), out.toString());
    }

    @Test
    void kernelEntryLoadsTheRunningProcessAddressSpace() {
        Sim s = new Sim();
        assertEquals(s.init().space.root(), s.machine.simMmu(0).currentRoot());
    }
}
