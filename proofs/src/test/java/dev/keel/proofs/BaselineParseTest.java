package dev.keel.proofs;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.keel.proofs.BaselineComparisonTest.A;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BaselineParseTest {

    @Test
    void skipsCommentsAndBlankLines() {
        Baseline b = Baseline.parse(List.of("# header", "", A + " | closed"), "t");
        assertEquals(1, b.entries().size());
        assertEquals(1, b.mustClose());
    }

    @Test
    void openEntryNeedsAReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Baseline.parse(List.of(A + " | open"), "baseline.txt"));
        assertTrue(e.getMessage().startsWith("baseline.txt:1: an open contract needs a reason"), e.getMessage());
    }

    @Test
    void unknownStatusIsRejectedWithItsLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Baseline.parse(List.of("# c", A + " | proved"), "baseline.txt"));
        assertTrue(e.getMessage().startsWith("baseline.txt:2: status must be"), e.getMessage());
    }

    @Test
    void duplicateIdIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> Baseline.parse(List.of(A + " | closed", A + " | open | x"), "t"));
    }

    @Test
    void classNameComesFromTheContractId() {
        assertEquals("p.A", new BaselineEntry(A, true, "").className());
    }

    @Test
    void resultLineRoundTrips() {
        ContractResult r = BaselineComparisonTest.open(A);
        assertEquals(r, ContractResult.fromLine(r.toLine()));
    }

    @Test
    void closedEntryMayNameDelayedClassAxiomsAndRoundTrips() {
        String line = A + " | closed | delayed class axioms";
        Baseline b = Baseline.parse(List.of(line), "t");
        assertTrue(b.get(A).delayedAxioms());
        assertEquals(line, b.get(A).toLine());
        assertEquals(A + " | closed", new BaselineEntry(A, true, "").toLine());
    }

    @Test
    void closedEntryTakesNoOtherText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Baseline.parse(List.of(A + " | closed | fast"), "baseline.txt"));
        assertTrue(e.getMessage().startsWith("baseline.txt:1: a closed contract takes no reason"), e.getMessage());
    }

    @Test
    void resultLineKeepsItsClassAxiomSetting() {
        ContractResult r = new ContractResult(A, "p.A", "m", "operation", true, 10, 5, 0, "", true);
        assertEquals(r, ContractResult.fromLine(r.toLine()));
        assertTrue(r.toLine().endsWith("\tdelayed class axioms"));
    }
}
