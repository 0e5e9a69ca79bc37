package dev.keel.spec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Model-checks every manifest entry with TLC, one forked JVM per model (TLC calls System.exit),
 * and fails when a model is violated, deadlocks, changes its state count, or a mutant survives.
 *
 * <p>Arguments as {@code key=value}: {@code manifest}, {@code specs} (the folder of .tla and .cfg
 * files), {@code work} (scratch folder, one sub-folder per model), {@code tags} (comma list),
 * {@code timeout} (seconds per model), {@code summary} (file for the one-line summary),
 * {@code workers} (TLC worker threads) and {@code heap} (TLC's -Xmx). TLC comes from this JVM's class path.
 */
public final class TlcRunner {

    private static final int TRACE_TAIL_LINES = 30;

    private final Map<String, String> args;
    private final Path specs;
    private final Path work;

    private TlcRunner(Map<String, String> args) {
        this.args = args;
        this.specs = Path.of(need("specs")).toAbsolutePath();
        this.work = Path.of(need("work")).toAbsolutePath();
    }

    /** Entry point; exits 1 if any model fails its expectation, 2 on bad arguments. */
    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new LinkedHashMap<>();
        for (String a : argv) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                System.err.println("TlcRunner: arguments are key=value, found: " + a);
                System.exit(2);
            }
            args.put(a.substring(0, eq), a.substring(eq + 1));
        }
        int failures;
        try {
            failures = new TlcRunner(args).runAll();
        } catch (IllegalArgumentException e) {
            System.err.println("TlcRunner: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(failures == 0 ? 0 : 1);
    }

    private int runAll() throws IOException, InterruptedException {
        List<ModelEntry> all = Manifest.read(Path.of(need("manifest")));
        Set<String> tags = Set.of(args.getOrDefault("tags", "small").split(","));
        List<ModelEntry> chosen = Manifest.select(all, tags);
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("no manifest entry carries tags " + tags);
        }
        long start = System.nanoTime();
        Tally tally = new Tally();
        List<String> failures = new ArrayList<>();
        for (ModelEntry e : chosen) {
            Outcome o = runOne(e);
            tally.add(e, o);
            if (!o.verdict().ok()) {
                failures.add(e.name() + ": " + o.verdict().message());
            }
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        String summary = tally.line(seconds);
        System.out.println(summary);
        writeSummary(summary, failures);
        for (String f : failures) {
            System.out.println("[tlc] FAILED " + f);
        }
        return failures.size();
    }

    /** Runs TLC on one entry and prints its figures, or its counterexample when it fails. */
    private Outcome runOne(ModelEntry e) throws IOException, InterruptedException {
        Path dir = work.resolve(e.name());
        deleteTree(dir);
        Files.createDirectories(dir.resolve("tmp"));
        Path cfg = writeConfig(e, dir);
        Path log = dir.resolve("tlc.log");
        List<String> cmd = command(e, dir, cfg);
        Files.writeString(dir.resolve("command.txt"), String.join(" ", cmd) + "\n");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).directory(specs.toFile())
            .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // If the build is interrupted, do not leave TLC running.
        Thread reaper = new Thread(p::destroyForcibly);
        Runtime.getRuntime().addShutdownHook(reaper);
        long timeout = Long.parseLong(args.getOrDefault("timeout", "300"));
        boolean finished = p.waitFor(timeout, TimeUnit.SECONDS);
        if (!finished) {
            p.destroyForcibly();
            p.waitFor();
        }
        Runtime.getRuntime().removeShutdownHook(reaper);
        double secs = (System.nanoTime() - t0) / 1e9;
        TlcResult r = TlcResult.parse(finished ? p.exitValue() : -1, Files.readString(log, StandardCharsets.UTF_8));
        Verdict v = Verdict.judge(e, r, !finished);
        report(e, r, v, secs, log);
        return new Outcome(r, v, secs);
    }

    private List<String> command(ModelEntry e, Path dir, Path cfg) {
        List<String> cmd = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:+UseParallelGC", "-Xmx" + args.getOrDefault("heap", "1g"),
            "-Djava.io.tmpdir=" + dir.resolve("tmp"),
            "-cp", System.getProperty("java.class.path"),
            "tlc2.TLC", "-workers", args.getOrDefault("workers", "2"),
            "-metadir", dir.resolve("meta").toString(), "-cleanup", "-nowarning"));
        if (e.allowsDeadlock()) {
            cmd.add("-deadlock");
        }
        cmd.addAll(List.of("-config", cfg.toString(), e.module()));
        return cmd;
    }

    /** Copies the entry's configuration, switching on its mutant if it names one. */
    private Path writeConfig(ModelEntry e, Path dir) throws IOException {
        Path source = specs.resolve(e.config());
        if (!Files.isRegularFile(source)) {
            throw new IllegalArgumentException(e.name() + ": no config file " + source);
        }
        if (!Files.isRegularFile(specs.resolve(e.module() + ".tla"))) {
            throw new IllegalArgumentException(e.name() + ": no module " + specs.resolve(e.module() + ".tla"));
        }
        String text = Files.readString(source);
        if (e.isMutant()) {
            text = MutantSwitch.apply(text, e.mutant());
        }
        Path cfg = dir.resolve(e.name() + ".cfg");
        Files.writeString(cfg, text);
        return cfg;
    }

    private void report(ModelEntry e, TlcResult r, Verdict v, double secs, Path log) {
        System.out.printf("[tlc] %-34s %-9s generated %,11d  distinct %,10d  depth %4d  %6.1f s  %s%n",
            e.name(), e.isMutant() ? "mutant" : "model", r.generated(), r.distinct(), r.depth(), secs,
            v.ok() ? v.message() : "FAILED: " + v.message());
        if (!v.ok()) {
            System.out.println("[tlc]   log: " + log);
            for (String line : r.traceTail(TRACE_TAIL_LINES)) {
                System.out.println("[tlc]   | " + line);
            }
        }
    }

    private void writeSummary(String summary, List<String> failures) throws IOException {
        String file = args.get("summary");
        if (file == null) {
            return;
        }
        StringBuilder sb = new StringBuilder(summary).append('\n');
        for (String f : failures) {
            sb.append("TLC FAILED ").append(f).append('\n');
        }
        Path p = Path.of(file);
        Files.createDirectories(p.toAbsolutePath().getParent());
        Files.writeString(p, sb.toString());
    }

    private String need(String key) {
        String v = args.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing argument " + key + "=...");
        }
        return v;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** One run's parsed output, verdict and wall time. */
    record Outcome(TlcResult result, Verdict verdict, double seconds) {
    }
}
