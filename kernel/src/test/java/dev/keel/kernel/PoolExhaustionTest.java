package dev.keel.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.keel.kernel.abi.Errors;
import dev.keel.kernel.abi.Syscalls;
import dev.keel.kernel.proc.Process;

/** Every fixed pool runs out with an error code, never a panic, and works again once freed. */
class PoolExhaustionTest {

    @Test
    void forkRunsOutOfProcessEntriesWithNoResources() {
        Sim s = new Sim();
        long r = 0;
        int forks = 0;
        for (int i = 0; i < 40 && r >= 0; i++) {
            s.runAs(Sim.main(s.init()));
            r = s.sys(0, Syscalls.FORK);
            forks += r > 0 ? 1 : 0;
        }
        assertEquals(Errors.NO_RESOURCES, r);
        assertEquals(s.k.config.maxProcesses - 2, forks, "every entry but the kernel's and init's");
        s.assertHealthy();
        s.runAs(Sim.main(s.init()));
        Process child = s.k.processes.byPid(3);
        s.as(child, Syscalls.EXIT, 0);
        s.runAs(Sim.main(s.init()));
        assertEquals(3, s.sys(0, Syscalls.WAIT, 3));
        assertTrue(s.sys(0, Syscalls.FORK) > 0, "a reaped entry is reused");
        s.assertHealthy();
    }

    @Test
    void portsRunOutAndAreReusedAfterTheirLastCapabilityGoes() {
        KernelConfig small = new KernelConfig(16, 32, 48, 4, 4, 64, 256, 8, 16, 32, 5, 900, 4, 256, 4);
        Sim s = new Sim(1, small);
        for (int slot = 20; slot < 24; slot++) {
            assertEquals(0, s.sys(0, Syscalls.PORT_CREATE, slot, 1));
        }
        assertEquals(Errors.NO_RESOURCES, s.sys(0, Syscalls.PORT_CREATE, 24, 1));
        assertEquals(0, s.sys(0, Syscalls.CAP_DELETE, 21));
        assertEquals(0, s.sys(0, Syscalls.PORT_CREATE, 24, 1));
        s.assertHealthy();
    }

    @Test
    void theMessagePoolRunsOutWithNoResources() {
        Sim s = new Sim();
        long r = 0;
        int sent = 0;
        for (int slot = 20; slot < 32 && r == 0; slot++) {
            assertEquals(0, s.sys(0, Syscalls.PORT_CREATE, slot, 6));
            for (int i = 0; i < 6 && r == 0; i++) {
                r = s.sys(0, Syscalls.TRY_SEND, slot, i, Sim.BUF, 0, -1);
                sent += r == 0 ? 1 : 0;
            }
        }
        assertEquals(Errors.NO_RESOURCES, r);
        assertEquals(s.k.config.maxMessages, sent);
        assertEquals(0, s.sys(0, Syscalls.TRY_RECEIVE, 20, Sim.BUF, 8));
        assertEquals(0, s.sys(0, Syscalls.TRY_SEND, 20, 9, Sim.BUF, 0, -1), "a delivered message frees its slot");
        s.assertHealthy();
    }
}
