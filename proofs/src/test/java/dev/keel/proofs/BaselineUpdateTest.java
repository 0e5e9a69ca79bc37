package dev.keel.proofs;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.keel.proofs.BaselineComparisonTest.A;
import static dev.keel.proofs.BaselineComparisonTest.B;
import static dev.keel.proofs.BaselineComparisonTest.C;
import static dev.keel.proofs.BaselineComparisonTest.baseline;
import static dev.keel.proofs.BaselineComparisonTest.closed;
import static dev.keel.proofs.BaselineComparisonTest.open;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BaselineUpdateTest {

    @Test
    void recordsClosedAndOpenResultsWithReasons() {
        BaselineUpdate u = BaselineUpdate.of(baseline(), List.of(closed(A), open(B)), ClassFilter.parse(""));
        assertFalse(u.isRefused());
        assertTrue(u.baseline().get(A).closed());
        assertFalse(u.baseline().get(B).closed());
        assertEquals("step bound 20000 reached", u.baseline().get(B).reason());
    }

    @Test
    void promotesAnOpenContractThatCloses() {
        BaselineUpdate u = BaselineUpdate.of(baseline(A + " | open | timeout"), List.of(closed(A)),
                ClassFilter.parse(""));
        assertTrue(u.baseline().get(A).closed());
    }

    @Test
    void refusesToDemoteAClosedContract() {
        BaselineUpdate u = BaselineUpdate.of(baseline(A + " | closed", B + " | closed"),
                List.of(open(A), closed(B)), ClassFilter.parse(""));
        assertTrue(u.isRefused());
        assertNull(u.baseline());
        assertEquals(List.of(open(A)), u.refused());
    }

    @Test
    void keepsTheKnownReasonOfAContractTheRunDidNotGetTo() {
        ContractResult skipped = new ContractResult(B, "p.B", "g", "operation", false, 0, 0, 1,
                "not attempted: the run's time budget was used up");
        BaselineUpdate u = BaselineUpdate.of(baseline(B + " | open | loop without invariant"), List.of(skipped),
                ClassFilter.parse(""));
        assertEquals("loop without invariant", u.baseline().get(B).reason());
    }

    @Test
    void dropsAClosedContractWhoseMethodIsGone() {
        BaselineUpdate u = BaselineUpdate.of(baseline(A + " | closed", B + " | closed"), List.of(closed(A)),
                ClassFilter.parse(""));
        assertFalse(u.isRefused());
        assertNull(u.baseline().get(B));
        assertEquals(B, u.dropped().get(0).id());
    }

    @Test
    void keepsEntriesOfClassesOutsideAFilteredRun() {
        BaselineUpdate u = BaselineUpdate.of(baseline(A + " | closed", C + " | open | loop without invariant"),
                List.of(closed(A)), ClassFilter.parse("p.A"));
        assertFalse(u.isRefused());
        assertTrue(u.dropped().isEmpty());
        assertEquals("loop without invariant", u.baseline().get(C).reason());
    }

    @Test
    void savedResultsOfOneClassRewriteOnlyThatClass() {
        BaselineUpdate u = BaselineUpdate.of(baseline(A + " | open | timeout", C + " | open | loop without invariant"),
                List.of(closed(A)), UpdateBaseline.scopeOf(List.of(closed(A))));
        assertTrue(u.baseline().get(A).closed());
        assertTrue(u.dropped().isEmpty());
        assertEquals("loop without invariant", u.baseline().get(C).reason());
    }

    @Test
    void savedResultsOfOneMethodKeepTheClassesOtherRows() {
        String a2 = "p.A[p.A::g(long)].JML normal_behavior operation contract.0";
        BaselineUpdate u = UpdateBaseline.record(baseline(A + " | open | timeout", a2 + " | closed"),
                List.of(closed(A)));
        assertFalse(u.isRefused());
        assertTrue(u.baseline().get(A).closed());
        assertTrue(u.baseline().get(a2).closed());
        assertTrue(u.dropped().isEmpty());
    }

    @Test
    void writtenBaselineParsesBackToTheSameEntries() {
        BaselineUpdate u = BaselineUpdate.of(baseline(), List.of(closed(A), open(B)), ClassFilter.parse(""));
        String text = u.baseline().format();
        Baseline back = Baseline.parse(List.of(text.split("\n")), "round-trip");
        assertEquals(List.copyOf(u.baseline().entries()), List.copyOf(back.entries()));
    }

    @Test
    void recordsTheClassAxiomSettingThatClosedAContract() {
        ContractResult delayed = new ContractResult(A, "p.A", "m", "operation", true, 10, 5, 0, "", true);
        BaselineUpdate u = BaselineUpdate.of(baseline(A + " | closed"), List.of(delayed), ClassFilter.parse(""));
        assertTrue(u.baseline().get(A).delayedAxioms());
        BaselineUpdate back = BaselineUpdate.of(u.baseline(), List.of(closed(A)), ClassFilter.parse(""));
        assertFalse(back.baseline().get(A).delayedAxioms());
    }
}
