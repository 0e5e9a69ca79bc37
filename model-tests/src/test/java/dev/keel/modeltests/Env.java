package dev.keel.modeltests;

import java.nio.file.Files;
import java.nio.file.Path;

import dev.keel.modeltests.trace.Tlc;

/** Where the specs, the trace specs and the scratch folder are (set by the pom). */
final class Env {

    private Env() {
    }

    static Path specs() {
        return Path.of(System.getProperty("modeltests.specs", "../spec/tla"));
    }

    static Path tla() {
        return Path.of(System.getProperty("modeltests.tla", "src/test/tla"));
    }

    static Path work() {
        return Path.of(System.getProperty("modeltests.work", "target/tlc"));
    }

    static Tlc tlc() {
        return new Tlc(specs(), Long.parseLong(System.getProperty("modeltests.tlc.timeout", "120")));
    }

    static boolean hasSpec(String name) {
        return Files.isRegularFile(specs().resolve(name + ".tla"));
    }
}
