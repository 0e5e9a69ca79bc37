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

    /**
     * Copies the labelled and reach modules into the work folder, with configs made from the
     * spec's own small config (spec/tla/MC<Spec>.cfg): its constants and state constraint, with
     * the labelled or the plain Init and Next, so the tests follow the small model as it changes.
     */
    static Path prepare(String spec) throws IOException {
        Path dir = Env.work().resolve(spec + "Generated");
        Files.createDirectories(dir);
        for (String f : List.of(spec + "Labelled.tla", spec + "Reach.tla")) {
            Files.copy(Env.tla().resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        String model = smallConfig(spec);
        Files.writeString(dir.resolve(spec + "Labelled.cfg"), model + "INIT LInit\nNEXT LNext\n");
        Files.writeString(dir.resolve(spec + "Reach.cfg"), model + "INIT Init\nNEXT Next\n");
        return dir;
    }

    /** The CONSTANTS and CONSTRAINT parts of spec/tla/MC<Spec>.cfg. */
    static String smallConfig(String spec) throws IOException {
        List<String> lines = Files.readAllLines(Env.specs().resolve("MC" + spec + ".cfg"), StandardCharsets.UTF_8);
        StringBuilder b = new StringBuilder("\\* From spec/tla/MC" + spec + ".cfg: constants and constraint.\n");
        boolean keep = false;
        for (String l : lines) {
            String first = l.strip().split("\\s+")[0];
            if (first.matches("[A-Z_]{4,}")) {
                keep = first.startsWith("CONSTANT") || first.startsWith("CONSTRAINT");
            }
            if (keep) {
                b.append(l).append('\n');
            }
        }
        return b.toString();
    }

    /** The value of constant {@code name} in spec/tla/MC<Spec>.cfg ("name = value"). */
    static dev.keel.modeltests.tla.Value constant(String spec, String name) throws IOException {
        for (String l : Files.readAllLines(Env.specs().resolve("MC" + spec + ".cfg"), StandardCharsets.UTF_8)) {
            String w = l.strip();
            if (w.startsWith(name + " =") || w.startsWith(name + "=")) {
                return dev.keel.modeltests.tla.ValueParser.parse(w.substring(w.indexOf('=') + 1).strip());
            }
        }
        throw new IllegalArgumentException("MC" + spec + ".cfg gives no value to " + name);
    }

    /** The traces of a seeded simulation, each a list of states (with the act variable). */
    static List<List<TlcOutput.State>> simulate(Path dir, String spec, int traces, long seed, int depth)
            throws IOException, InterruptedException {
        return simulate(dir, "sim", spec, traces, seed, depth);
    }

    /** As above, writing the trace files to {@code dir/folder}. */
    static List<List<TlcOutput.State>> simulate(Path dir, String folder, String spec, int traces, long seed,
            int depth) throws IOException, InterruptedException {
        Path sim = dir.resolve(folder);
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

    /**
     * The number of reachable states of the small model: the figure spec/models.txt records for
     * MC<Spec>.cfg (which the spec module's build checks TLC still finds), else a breadth-first
     * run of {@code <Spec>Reach}; -1 when neither tells.
     */
    static long reachable(Path dir, String spec, List<String> specFiles) throws Exception {
        Path manifest = Env.specs().toAbsolutePath().getParent().resolve("models.txt");
        if (Files.exists(manifest)) {
            for (String l : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
                String[] f = l.strip().split("\\s+");
                if (f.length >= 7 && !f[0].startsWith("#") && f[1].equals("MC" + spec) && f[2].equals("MC" + spec + ".cfg")
                        && f[3].equals("-") && f[4].equals("pass") && f[5].matches("\\d+")) {
                    return Long.parseLong(f[5]);
                }
            }
        }
        return breadthFirst(dir, spec, specFiles);
    }

    /**
     * The reachable states of {@code module} (a module of src/test/tla over the small model of
     * {@code spec}, with next-state relation {@code next}), by a breadth-first TLC run, cached.
     */
    static long reachableOf(Path dir, String spec, String module, String next, List<String> specFiles)
            throws Exception {
        Files.copy(Env.tla().resolve(module + ".tla"), dir.resolve(module + ".tla"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve(module + ".cfg"), smallConfig(spec) + "INIT Init\nNEXT " + next + "\n");
        List<String> files = new ArrayList<>(specFiles);
        return breadthFirst(dir, module, files, module);
    }

    private static long breadthFirst(Path dir, String spec, List<String> specFiles) throws Exception {
        return breadthFirst(dir, spec, specFiles, spec + "Reach");
    }

    private static long breadthFirst(Path dir, String spec, List<String> specFiles, String module) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (String f : specFiles) {
            md.update(Files.readAllBytes(Env.specs().resolve(f)));
        }
        md.update(Files.readAllBytes(dir.resolve(module + ".cfg")));
        md.update(Files.readAllBytes(dir.resolve(module + ".tla")));
        Path cache = dir.resolve("reachable-" + HexFormat.of().formatHex(md.digest()).substring(0, 16));
        if (Files.exists(cache)) {
            return Long.parseLong(Files.readString(cache).trim());
        }
        Tlc.Result r = Env.tlc().run(dir, module, module + ".cfg", List.of("-deadlock"));
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
