package dev.keel.modeltests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import dev.keel.modeltests.trace.Tlc;
import dev.keel.modeltests.trace.TlcOutput;

/**
 * TLC runs for the spec-generated tests: a seeded simulation of {@code <Spec>Labelled} that
 * writes its traces, and a breadth-first run of {@code <Spec>Reach} that counts the small model's
 * reachable states (cached under target by a hash of the specs it reads).
 */
final class Simulation {

    private Simulation() {
    }

    static Path prepare(String spec) throws IOException {
        Path dir = Env.work().resolve(spec + "Generated");
        Files.createDirectories(dir);
        for (String f : List.of(spec + "Labelled.tla", spec + "Labelled.cfg", spec + "Reach.tla", spec + "Reach.cfg")) {
            Files.copy(Env.tla().resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        return dir;
    }

    /** The traces of a seeded simulation, each a list of states (with the act variable). */
    static List<List<TlcOutput.State>> simulate(Path dir, String spec, int traces, long seed, int depth)
            throws IOException, InterruptedException {
        Path sim = dir.resolve("sim");
        deleteTree(sim);
        Files.createDirectories(sim);
        Tlc.Result r = Env.tlc().run(dir, spec + "Labelled", spec + "Labelled.cfg", List.of("-deadlock",
            "-simulate", "file=" + sim.resolve("trace") + ",num=" + traces, "-seed", Long.toString(seed),
            "-depth", Integer.toString(depth)));
        assertTrue(r.ok() && TlcOutput.violations(r.output()).isEmpty(),
            "TLC simulation of " + spec + " failed:\n" + TlcOutput.errors(r.output()));
        List<Path> files;
        try (Stream<Path> s = Files.list(sim)) {
            files = s.sorted().toList();
        }
        List<List<TlcOutput.State>> out = new ArrayList<>();
        for (Path f : files) {
            List<TlcOutput.State> states = TlcOutput.states(Files.readString(f, StandardCharsets.UTF_8));
            if (!states.isEmpty()) {
                out.add(states);
            }
        }
        assertFalse(out.isEmpty(), "TLC wrote no traces for " + spec);
        return out;
    }

    /** The number of reachable states of {@code <Spec>Reach}, or -1 when TLC could not tell. */
    static long reachable(Path dir, String spec, List<String> specFiles) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (String f : specFiles) {
            md.update(Files.readAllBytes(Env.specs().resolve(f)));
        }
        md.update(Files.readAllBytes(dir.resolve(spec + "Reach.cfg")));
        Path cache = dir.resolve("reachable-" + HexFormat.of().formatHex(md.digest()).substring(0, 16));
        if (Files.exists(cache)) {
            return Long.parseLong(Files.readString(cache).trim());
        }
        Tlc.Result r = Env.tlc().run(dir, spec + "Reach", spec + "Reach.cfg", List.of("-deadlock"));
        long n = r.ok() ? TlcOutput.distinctStates(r.output()) : -1;
        if (n >= 0) {
            Files.writeString(cache, n + "\n");
        }
        return n;
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
