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
}
