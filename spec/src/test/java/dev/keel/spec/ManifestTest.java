package dev.keel.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ManifestTest {

    @Test
    void parsesEntriesAndSkipsComments() {
        List<ModelEntry> es = Manifest.parse(List.of(
            "# header",
            "",
            "a M M.cfg - pass 1_000 small   # trailing",
            "b M M.cfg mut invariant:Inv1 - small,nodeadlock",
            "c M Deep.cfg - pass - deep"));
        assertEquals(3, es.size());
        assertEquals(1000, es.get(0).distinct());
        assertTrue(es.get(1).isMutant());
        assertTrue(es.get(1).allowsDeadlock());
        assertEquals(List.of("c"), Manifest.select(es, Set.of("deep")).stream().map(ModelEntry::name).toList());
    }

    @Test
    void rejectsMalformedLines() {
        assertThrows(IllegalArgumentException.class, () -> Manifest.parse(List.of("a M M.cfg - pass 1")));
        assertThrows(IllegalArgumentException.class, () -> Manifest.parse(List.of("a M M.cfg - maybe 1 small")));
        assertThrows(IllegalArgumentException.class, () -> Manifest.parse(List.of("a M M.cfg mut pass - small")));
        assertThrows(IllegalArgumentException.class, () -> Manifest.parse(List.of("a M M.cfg - pass x small")));
        assertThrows(IllegalArgumentException.class, () -> Manifest.parse(List.of("a M M.cfg - pass 1 huge")));
        assertThrows(IllegalArgumentException.class, () -> Manifest.parse(List.of(
            "a M M.cfg - pass 1 small", "a M M.cfg - pass 1 small")));
    }

    @Test
    void mutantSwitchReplacesTheDefaultOnce() {
        assertEquals("CONSTANTS\n  Mutant = \"noRightsCheck\"\n",
            MutantSwitch.apply("CONSTANTS\n  Mutant = \"none\"\n", "noRightsCheck"));
        assertThrows(IllegalArgumentException.class, () -> MutantSwitch.apply("CONSTANTS\n", "x"));
        assertThrows(IllegalArgumentException.class, () -> MutantSwitch.apply("Mutant = \"none\"", "a b"));
    }
}
