package dev.keel.kernel.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.hw.Mmu;
import dev.keel.hw.sim.SimMmu;
import dev.keel.kernel.Sim;
import dev.keel.kernel.abi.Syscalls;
import org.junit.jupiter.api.Test;

/** No CPU is left translating through a root the kernel has freed. */
class RootSwitchTest {

    @Test
    void theLastProcessExitingLeavesTheCpuOnTheKernelsOwnTables() {
        Sim s = new Sim();
        Process init = s.init();
        long root = init.space.root();
        assertEquals(root, s.machine.mmu(0).currentRoot(), "init's space is loaded");
        s.as(init, Syscalls.EXIT, 3);
        assertEquals(0, init.space.root(), "space freed");
        assertNotEquals(root, s.machine.mmu(0).currentRoot());
        assertEquals(Mmu.KERNEL_ROOT, s.machine.mmu(0).currentRoot());
    }

    @Test
    void execSwitchesAwayFromTheOldRootBeforeFreeingIt() {
        Sim s = new Sim();
        Process init = s.init();
        long oldRoot = init.space.root();
        SimMmu mmu = s.machine.simMmu(0);
        long loads = mmu.rootLoads();
        s.poke(init, Sim.BUF, Sim.bytes("server"));
        s.as(init, Syscalls.EXEC, Sim.BUF, 6, Sim.BUF, 0, Sim.BUF, 0);
        assertEquals(init.space.root(), mmu.currentRoot(), "the new space is loaded");
        // Via the kernel's tables and back, even when the new root reuses the old root's frame.
        assertTrue(mmu.rootLoads() >= loads + 2, "root loads " + (mmu.rootLoads() - loads));
        assertTrue(oldRoot != 0);
        s.assertHealthy();
    }
}
