package dev.keel.proofs;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BaselineComparisonTest {

    static final String A = "p.A[p.A::f()].JML normal_behavior operation contract.0";
    static final String B = "p.B[p.B::g(int)].JML normal_behavior operation contract.0";
    static final String C = "p.C[p.C::h()].JML normal_behavior operation contract.0";

    static ContractResult closed(String id) {
        return new ContractResult(id, id.substring(0, id.indexOf('[')), "m", "operation", true, 10, 5, 0, "");
    }

    static ContractResult open(String id) {
        return new ContractResult(id, id.substring(0, id.indexOf('[')), "m", "operation", false, 20000, 9, 2,
                "step bound 20000 reached");
    }

    static Baseline baseline(String... lines) {
        return Baseline.parse(List.of(lines), "test");
    }

    @Test
    void closedContractThatStaysClosedPasses() {
        BaselineComparison c = BaselineComparison.compare(baseline(A + " | closed"), List.of(closed(A)),
                ClassFilter.parse(""));
        assertFalse(c.failed());
        assertEquals(1, c.confirmed());
        assertTrue(c.report().isEmpty());
    }

    @Test
    void closedContractThatOpensFailsAndIsNamed() {
        BaselineComparison c = BaselineComparison.compare(baseline(A + " | closed", B + " | closed"),
                List.of(open(A), closed(B)), ClassFilter.parse(""));
        assertTrue(c.failed());
        assertEquals(List.of(open(A)), c.regressions());
        assertTrue(c.report().get(0).startsWith("REGRESSION: contract " + A));
    }

    @Test
    void newContractIsReportedAndDoesNotFail() {
        BaselineComparison c = BaselineComparison.compare(baseline(A + " | closed"),
                List.of(closed(A), open(B)), ClassFilter.parse(""));
        assertFalse(c.failed());
        assertEquals(List.of(open(B)), c.newContracts());
        assertTrue(c.report().get(0).startsWith("NEW: contract " + B));
    }

    @Test
    void openContractThatClosesIsAnImprovement() {
        BaselineComparison c = BaselineComparison.compare(baseline(A + " | open | loop without invariant"),
                List.of(closed(A)), ClassFilter.parse(""));
        assertFalse(c.failed());
        assertEquals(List.of(closed(A)), c.improvements());
        assertTrue(c.report().get(0).startsWith("IMPROVED: contract " + A));
    }

    @Test
    void openContractThatStaysOpenIsNeitherFailureNorImprovement() {
        BaselineComparison c = BaselineComparison.compare(baseline(A + " | open | timeout"),
                List.of(open(A)), ClassFilter.parse(""));
        assertFalse(c.failed());
        assertEquals(1, c.stillOpen().size());
        assertTrue(c.report().isEmpty());
    }

    @Test
    void goneContractIsReportedOnlyWithinTheProvedClasses() {
        Baseline b = baseline(A + " | closed", B + " | closed");
        BaselineComparison all = BaselineComparison.compare(b, List.of(closed(A)), ClassFilter.parse(""));
        assertEquals(1, all.gone().size());
        assertEquals(B, all.gone().get(0).id());
        assertFalse(all.failed());
        BaselineComparison onlyA = BaselineComparison.compare(b, List.of(closed(A)), ClassFilter.parse("A"));
        assertTrue(onlyA.gone().isEmpty());
    }

    @Test
    void methodFilterScopesTheComparisonToThatMethod() {
        String a2 = "p.A[p.A::g(long)].JML normal_behavior operation contract.0";
        Baseline b = baseline(A + " | closed", a2 + " | closed");
        ClassFilter onlyF = ClassFilter.parse("A#f");
        assertTrue(onlyF.accepts("p.A"));
        assertFalse(onlyF.accepts("p.B"));
        assertTrue(onlyF.acceptsContract("p.A", A));
        assertFalse(onlyF.acceptsContract("p.A", a2));
        BaselineComparison c = BaselineComparison.compare(b, List.of(closed(A)), onlyF);
        assertTrue(c.gone().isEmpty());
        assertFalse(c.failed());
        BaselineComparison wholeClass = BaselineComparison.compare(b, List.of(closed(A)), ClassFilter.parse("A"));
        assertEquals(1, wholeClass.gone().size());
    }
}
