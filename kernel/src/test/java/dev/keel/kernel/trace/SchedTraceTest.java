package dev.keel.kernel.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.keel.hw.sim.SimMachine;
import dev.keel.kernel.Boot;
import dev.keel.kernel.Entry;
import dev.keel.kernel.Kernel;
import dev.keel.kernel.Sim;
import dev.keel.kernel.abi.Syscalls;
import dev.keel.kernel.proc.Process;

class SchedTraceTest {

    private SimMachine machine;
    private Kernel k;

    private void boot(boolean trace) {
        machine = new SimMachine(1, Sim.RAM);
        k = Sim.bootInitOnly(machine, trace);
    }

    private List<String> sched() {
        return Sim.traceLines(machine, "@sched ");
    }

    private String init() {
        Process p = k.processes.init();
        assertNotNull(p);
        return "\"t" + p.threads[0].id + "_1\"";
    }

    @Test
    void nothingIsWrittenUnlessTheMachineSwitchesTracingOn() {
        boot(false);
        Entry.timer(k, 0);
        assertEquals(0, machine.simTrace().length());
    }

    @Test
    void bootAdmitsInitWhichThenRuns() {
        boot(true);
        assertEquals(List.of("@sched <<\"c0\", <<<<\"Admit\", " + init() + ">>>>, {<<" + init()
            + ", \"running\", " + Boot.INIT_PRIORITY + ">>}, " + init() + ", {}>>"), sched());
    }

    @Test
    void aTickAndAYieldAreOneEntryEachAndAnEntryThatChangesNothingWritesNothing() {
        boot(true);
        Entry.timer(k, 0);
        Entry.syscall(k, 0, Syscalls.GETPID, 0, 0, 0, 0, 0, 0);
        Entry.syscall(k, 0, Syscalls.YIELD, 0, 0, 0, 0, 0, 0);
        List<String> l = sched();
        assertEquals(3, l.size(), String.join("\n", l));
        assertTrue(l.get(1).startsWith("@sched <<\"c0\", <<<<\"Tick\", \"c0\">>>>, {"), l.get(1));
        assertTrue(l.get(2).startsWith("@sched <<\"c0\", <<<<\"Yield\", \"c0\">>>>, {"), l.get(2));
        assertTrue(l.get(2).endsWith(", " + init() + ", {}>>"), "init alone runs again: " + l.get(2));
    }
}
