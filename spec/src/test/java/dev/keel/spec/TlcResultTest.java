package dev.keel.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TlcResultTest {

    static final String PASS = String.join("\n",
        "TLC2 Version 2.18 of 20 March 2023",
        "Model checking completed. No error has been found.",
        "  Estimates of the probability that TLC did not check all reachable states",
        "1234 states generated, 567 distinct states found, 0 states left on queue.",
        "The depth of the complete state graph search is 9.",
        "Finished in 01s at (2026-11-25 16:31:12)");

    static final String INVARIANT = String.join("\n",
        "Error: Invariant Inv2 is violated.",
        "Error: The behavior up to this point is:",
        "State 1: <Initial predicate>",
        "x = 0",
        "",
        "State 2: <Next line 5, col 9 to line 5, col 27 of module T>",
        "x = 1",
        "",
        "5 states generated, 5 distinct states found, 3 states left on queue.",
        "The depth of the complete state graph search is 2.");

    @Test
    void passingRunGivesCountsAndDepth() {
        TlcResult r = TlcResult.parse(0, PASS);
        assertEquals(Expectation.Kind.PASS, r.outcome());
        assertEquals(1234, r.generated());
        assertEquals(567, r.distinct());
        assertEquals(9, r.depth());
    }

    @Test
    void invariantViolationNamesTheInvariantAndKeepsTheTrace() {
        TlcResult r = TlcResult.parse(12, INVARIANT);
        assertEquals(Expectation.Kind.INVARIANT, r.outcome());
        assertEquals("Inv2", r.property());
        assertEquals(List.of("State 2: <Next line 5, col 9 to line 5, col 27 of module T>", "x = 1"), r.traceTail(2));
        assertEquals(5, r.distinct());
    }

    @Test
    void actionPropertyTemporalAndDeadlockAreRecognised() {
        assertEquals("Refines", TlcResult.parse(13, "Error: Action property Refines is violated.").property());
        assertEquals(Expectation.Kind.TEMPORAL, TlcResult.parse(13, "Error: Temporal properties were violated.").outcome());
        assertEquals(Expectation.Kind.DEADLOCK, TlcResult.parse(11, "Error: Deadlock reached.").outcome());
    }

    @Test
    void actionPropertyOfAnInstanceIsNamedByItsLocation() {
        TlcResult r = TlcResult.parse(13,
            "Error: Action property line 223, col 23 to line 223, col 35 of module Scheduler is violated.");
        assertEquals(Expectation.Kind.PROPERTY, r.outcome());
        assertEquals("line 223, col 23 to line 223, col 35 of module Scheduler", r.property());
    }

    @Test
    void exitCodeThatContradictsTheMessagesIsAnError() {
        TlcResult r = TlcResult.parse(0, "Error: Invariant Inv1 is violated.");
        assertNull(r.outcome());
        TlcResult s = TlcResult.parse(12, PASS);
        assertNull(s.outcome());
    }

    @Test
    void runCutShortKeepsTheLastProgressFigures() {
        TlcResult r = TlcResult.parse(-1, "Progress(13) at 2026-11-25 17:36:38: 6,066,920 states generated "
            + "(418,016 s/min), 2,372,107 distinct states found (156,413 ds/min), 1,605,112 states left on queue.");
        assertNull(r.outcome());
        assertEquals(6_066_920, r.generated());
        assertEquals(2_372_107, r.distinct());
        assertEquals(13, r.depth());
    }

    @Test
    void parseErrorKeepsTheFirstErrorLine() {
        TlcResult r = TlcResult.parse(150, "Starting...\nError: Parsing or semantic analysis failed.\n");
        assertNull(r.outcome());
        assertTrue(r.error().contains("Parsing or semantic analysis failed"));
    }
}
