package dev.keel.modeltests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.keel.modeltests.tla.Value;
import dev.keel.modeltests.trace.CapTraceLog;
import dev.keel.modeltests.trace.SchedTraceLog;
import dev.keel.modeltests.trace.Step;

/** The readers of the kernel's own traces: what they make of a line, and clear errors on bad input. */
class TraceLogTest {

    private static final String MEM = "[type |-> \"Memory\", obj |-> \"Memory0\", rights |-> {\"read\", \"write\", \"grant\"}, badge |-> 0]";
    private static final String PORT = "[type |-> \"Port\", obj |-> \"Port0\", rights |-> {\"read\", \"write\", \"grant\"}, badge |-> 0]";
    private static final String NONE = "<<\"none\", 0>>";

    @Test
    void aCapabilityTraceBecomesStepsWithTheConstantsItMentions() {
        List<String> lines = List.of(
            "console noise is skipped",
            "@cap <<\"CreateObject\", <<\"p1\", 0, 1, \"Memory0\">>, {<<<<\"p1\", 1>>, " + MEM + ", " + NONE + ">>}, {\"Memory0\"}>>",
            "@cap <<\"CreateObject\", <<\"p1\", 1, 3, \"Port0\">>, {<<<<\"p1\", 1>>, " + MEM + ", " + NONE + ">>, <<<<\"p1\", 3>>, "
                + PORT + ", " + NONE + ">>}, {\"Memory0\", \"Port0\"}>>",
            "@cap <<\"Delete\", <<\"p1\", 3>>, {<<<<\"p1\", 1>>, " + MEM + ", " + NONE + ">>}, {\"Memory0\"}>>");
        CapTraceLog.Decoded d = CapTraceLog.decode(CapTraceLog.parse(lines));
        assertEquals(Value.set(Value.str("p1")), d.constants().get("TrProcs"));
        assertEquals(Value.set(Value.of(1), Value.of(3)), d.constants().get("TrSlots"));
        assertEquals(Value.str("Memory0"), d.constants().get("TrUntyped"));
        List<Step> s = d.steps();
        assertEquals(List.of("Init", "CreateObject", "Delete"), s.stream().map(Step::action).toList());
        assertEquals(List.of(Value.str("p1"), Value.of(3), Value.of(true)), s.get(2).args(),
            "the last capability to the port went with the delete: read as DestroyObject");
        assertEquals(Value.set(Value.str("Memory0")), s.get(2).state().get("objects"));
    }

    @Test
    void aTraceThatDoesNotStartWithTheRootMemoryIsRefused() {
        List<String> lines = List.of("@cap <<\"Delete\", <<\"p1\", 1>>, {}, {}>>");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> CapTraceLog.decode(CapTraceLog.parse(lines)));
        assertTrue(e.getMessage().contains("first event must create the root's memory capability"), e.getMessage());
    }

    @Test
    void aLineThatIsNotTlaTextIsReportedWithItsNumber() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> CapTraceLog.parse(List.of("", "@cap <<\"Copy\", <<\"p1\", 1")));
        assertTrue(e.getMessage().startsWith("trace line 2: "), e.getMessage());
    }

    @Test
    void aSchedulerEntryBecomesARecordAndWindowsStartFromTheLoggedState() {
        List<String> lines = List.of(
            "@sched <<\"c0\", <<<<\"Admit\", \"t1_1\">>>>, {<<\"t1_1\", \"running\", 10>>}, \"t1_1\", {}>>",
            "@sched <<\"c0\", <<<<\"Admit\", \"t2_1\">>>>, {<<\"t1_1\", \"running\", 10>>, <<\"t2_1\", \"ready\", 10>>}, \"t1_1\", {<<10, <<\"t2_1\">>>>}>>",
            "@sched <<\"c0\", <<<<\"Yield\", \"c0\">>>>, {<<\"t1_1\", \"ready\", 10>>, <<\"t2_1\", \"running\", 10>>}, \"t2_1\", {<<10, <<\"t1_1\">>>>}>>");
        SchedTraceLog.Decoded d = SchedTraceLog.decode(lines, 2);
        assertEquals(3, d.entries());
        assertEquals(2, d.windows().size());
        assertEquals("Init", d.windows().get(0).get(0).action());
        assertEquals(d.windows().get(0).get(2), d.windows().get(1).get(0), "window 2 starts where window 1 ends");
        Step yield = d.windows().get(1).get(1);
        assertEquals("Yield", yield.action());
        assertEquals(Value.record("c0", Value.tuple(Value.str("t1_1"))), yield.state().get("rq"));
        assertEquals(Value.record("c0", Value.str("t2_1")), yield.state().get("current"));
    }

    @Test
    void aSchedulerEntryThatOverflowedTheKernelsBufferIsRefused() {
        List<String> lines = List.of("@sched <<\"c0\", \"overflow\", {}, {}, \"idle\", {}>>");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SchedTraceLog.decode(lines, 20));
        assertTrue(e.getMessage().contains("more scheduler actions in one kernel entry"), e.getMessage());
    }
}
