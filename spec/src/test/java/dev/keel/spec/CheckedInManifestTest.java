package dev.keel.spec;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checked-in manifest names files that exist and mutants that the specs define. */
class CheckedInManifestTest {

    static final Path SPECS = Path.of("tla");

    @Test
    void everyEntryNamesAnExistingModuleAndConfig() throws IOException {
        List<ModelEntry> entries = Manifest.read(Path.of("models.txt"));
        assertFalse(entries.isEmpty());
        for (ModelEntry e : entries) {
            assertTrue(Files.isRegularFile(SPECS.resolve(e.module() + ".tla")), e.name() + ": module");
            assertTrue(Files.isRegularFile(SPECS.resolve(e.config())), e.name() + ": config");
        }
    }

    @Test
    void everyMutantIsDeclaredBySomeSpecAndSwitchable() throws IOException {
        StringBuilder specs = new StringBuilder();
        try (var files = Files.list(SPECS)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".tla")).toList()) {
                specs.append(Files.readString(p));
            }
        }
        for (ModelEntry e : Manifest.read(Path.of("models.txt"))) {
            if (e.isMutant()) {
                assertTrue(specs.indexOf("\"" + e.mutant() + "\"") >= 0, e.name() + ": mutant not in any spec");
                MutantSwitch.apply(Files.readString(SPECS.resolve(e.config())), e.mutant());
            }
        }
    }
}
