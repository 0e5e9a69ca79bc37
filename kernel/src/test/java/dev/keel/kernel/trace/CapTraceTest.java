package dev.keel.kernel.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.keel.hw.sim.SimMachine;
import dev.keel.hw.sim.SimTraceSink;
import dev.keel.kernel.Boot;
import dev.keel.kernel.Kernel;
import dev.keel.kernel.Sim;
import dev.keel.kernel.abi.Errors;
import dev.keel.kernel.abi.Syscalls;
import dev.keel.kernel.proc.Process;
import dev.keel.kernel.sched.Tcb;

class CapTraceTest {

    private static final String ROOT_MEMORY =
        "[type |-> \"Memory\", obj |-> \"Memory0\", rights |-> {\"read\", \"write\", \"grant\"}, badge |-> 0]";

    private SimMachine machine;
    private Kernel k;

    private void boot(boolean trace) {
        machine = new SimMachine(1, Sim.RAM);
        k = Sim.bootInitOnly(machine, trace);
    }

    private List<String> lines() {
        return Sim.traceLines(machine, "");
    }

    private Process init() {
        Process p = k.processes.init();
        assertNotNull(p);
        return p;
    }

    private long sys(int n, long... a) {
        long[] w = new long[6];
        System.arraycopy(a, 0, w, 0, a.length);
        Tcb t = k.scheduler.cpu(0).current;
        assertEquals(init(), t.owner);
        return dev.keel.kernel.Entry.syscall(k, 0, n, w[0], w[1], w[2], w[3], w[4], w[5]);
    }

    private String p() {
        return "\"p" + init().index + "\"";
    }

    @Test
    void nothingIsWrittenUnlessTheMachineSwitchesTracingOn() {
        boot(false);
        assertEquals(Errors.OK, sys(Syscalls.CAP_COPY, Boot.SLOT_MEMORY, 30));
        assertEquals(0, machine.simTrace().length());
        assertTrue(!k.caps.trace().on);
    }

    @Test
    void theRootMemoryCapabilityIsTheFirstEventAndTheInitialState() {
        boot(true);
        String first = lines().get(0);
        assertEquals("@cap <<\"CreateObject\", <<" + p() + ", 0, 1, \"Memory0\">>, {<<<<" + p() + ", 1>>, "
            + ROOT_MEMORY + ", <<\"none\", 0>>>>}, {\"Memory0\"}>>", first);
        assertTrue(lines().get(1).startsWith("@cap <<\"CreateObject\", <<" + p() + ", 1, 2, \"IoPort0\">>"),
            "the I/O port capability is created from the untyped in slot 1: " + lines().get(1));
    }

    @Test
    void aMintShowsTheMintedCapabilityAndItsParent() {
        boot(true);
        int before = lines().size();
        assertEquals(Errors.OK, sys(Syscalls.CAP_MINT, Boot.SLOT_MEMORY, 30, 1, 0, 0, 5));
        List<String> l = lines();
        assertEquals(before + 1, l.size());
        String last = l.get(l.size() - 1);
        assertTrue(last.startsWith("@cap <<\"Mint\", <<" + p() + ", 1, " + p() + ", 31>>, {"), last);
        assertTrue(last.contains("<<<<" + p() + ", 31>>, [type |-> \"Memory\", obj |-> \"Memory0\", rights |-> "
            + "{\"read\"}, badge |-> 5], <<" + p() + ", 1>>>>"), last);
    }

    @Test
    void deletingTheLastCapabilityToAPortTakesThePortOutOfObjects() {
        boot(true);
        assertEquals(Errors.OK, sys(Syscalls.PORT_CREATE, Boot.SLOT_MEMORY, 30, 4));
        String created = lines().get(lines().size() - 1);
        assertTrue(created.startsWith("@cap <<\"CreateObject\", <<" + p() + ", 1, 31, \"Port0\">>"), created);
        assertTrue(created.endsWith(", \"Port0\"}>>"), created);
        assertEquals(Errors.OK, sys(Syscalls.CAP_DELETE, 30));
        String deleted = lines().get(lines().size() - 1);
        assertTrue(deleted.startsWith("@cap <<\"Delete\", <<" + p() + ", 31>>"), deleted);
        assertTrue(!deleted.contains("\"Port0\""), deleted);
    }

    @Test
    void numbersAreWrittenInDecimal() {
        SimTraceSink s = new SimTraceSink();
        TraceText.number(s, -1234567890123L);
        TraceText.word(s, " ");
        TraceText.number(s, 0);
        TraceText.word(s, " ");
        TraceText.number(s, Long.MIN_VALUE);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            b.append((char) s.at(i));
        }
        assertEquals("-1234567890123 0 -9223372036854775808", b.toString());
    }
}
