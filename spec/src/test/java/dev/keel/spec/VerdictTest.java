package dev.keel.spec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VerdictTest {

    static ModelEntry entry(String line) {
        return ModelEntry.parse(line, 1);
    }

    static final ModelEntry MODEL = entry("caps MCCapabilities MCCapabilities.cfg - pass 567 small");
    static final ModelEntry MUTANT = entry("caps.x MCCapabilities MCCapabilities.cfg noRightsCheck invariant:Inv2 - small");

    @Test
    void modelPassesWithTheRecordedCount() {
        assertTrue(Verdict.judge(MODEL, TlcResult.parse(0, TlcResultTest.PASS), false).ok());
    }

    @Test
    void modelFailsWhenTheCountDrifts() {
        ModelEntry other = entry("caps MCCapabilities MCCapabilities.cfg - pass 568 small");
        Verdict v = Verdict.judge(other, TlcResult.parse(0, TlcResultTest.PASS), false);
        assertFalse(v.ok());
        assertTrue(v.message().contains("568"));
    }

    @Test
    void modelFailsOnAViolation() {
        Verdict v = Verdict.judge(MODEL, TlcResult.parse(12, TlcResultTest.INVARIANT), false);
        assertFalse(v.ok());
        assertTrue(v.message().contains("invariant:Inv2"));
    }

    @Test
    void mutantKilledByItsInvariant() {
        assertTrue(Verdict.judge(MUTANT, TlcResult.parse(12, TlcResultTest.INVARIANT), false).ok());
    }

    @Test
    void mutantThatSurvivesFails() {
        Verdict v = Verdict.judge(MUTANT, TlcResult.parse(0, TlcResultTest.PASS), false);
        assertFalse(v.ok());
        assertTrue(v.message().contains("survived"));
    }

    @Test
    void mutantKilledByAnotherInvariantFails() {
        Verdict v = Verdict.judge(MUTANT, TlcResult.parse(12, "Error: Invariant Inv3 is violated."), false);
        assertFalse(v.ok());
    }

    @Test
    void timeoutAlwaysFails() {
        assertFalse(Verdict.judge(MODEL, TlcResult.parse(0, TlcResultTest.PASS), true).ok());
    }
}
