package dev.keel.proofs;

import dev.keel.proofs.ContractCoverage.PublicMethod;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the KeY proofs of the kernel in forked prover JVMs (shards), then writes the reports under
 * target/, compares the results with baseline.txt and fails (exit code 1) when a contract that the
 * baseline lists as closed did not close. Configured by system properties (see {@link Options});
 * arguments, if any, are class names that replace {@code proofs.class}.
 */
public final class ProofsMain {

    /** Time a shard may take after the run's deadline to finish its last proof and exit. */
    private static final long GRACE_MILLIS = 90_000L;

    private ProofsMain() {
    }

    public static void main(String[] args) {
        int code;
        try {
            Options o = Options.fromSystemProperties();
            if (args.length > 0) {
                o = o.withClassFilter(String.join(",", args));
            }
            code = run(o);
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("proofs: " + e.getMessage());
            code = 2;
        } catch (InterruptedException e) {
            System.err.println("proofs: interrupted");
            code = 2;
        }
        System.exit(code);
    }

    static int run(Options o) throws IOException, InterruptedException {
        long start = System.currentTimeMillis();
        Path src = Path.of(o.kernelSrc());
        if (!Files.isDirectory(src)) {
            throw new IllegalArgumentException("kernel sources not found: " + src);
        }
        Path out = Path.of(o.out());
        Path work = out.resolve("proofs");
        Files.createDirectories(work);
        ClassFilter filter = ClassFilter.parse(o.classFilter());
        Baseline baseline = Baseline.read(Path.of(o.baseline()));
        String settings = "Settings: " + String.join(", ", KeySettings.SOUND_CHOICES.values())
                + "; method contracts, loop invariants, dependency contracts on; class axioms free or delayed"
                + " as the baseline records per contract" + (o.bothAxioms() ? " (this run: both, cheaper kept)" : "")
                + "; at most " + o.maxSteps()
                + " steps and " + o.timeoutSeconds() + " s per proof; " + o.shards() + " prover JVM(s); budget "
                + o.budgetSeconds() + " s" + (filter.isAll() ? "" : "; classes: " + o.classFilter());
        System.out.println("proofs: " + settings);

        long deadline = start + o.budgetSeconds() * 1000L;
        // KeY must resolve every annotation type; it gets source stubs of those it cannot read.
        Path stubs = work.resolve("key-stubs");
        List<Path> roots = new ArrayList<>(List.of(src));
        for (String p : o.classPath().split(File.pathSeparator)) {
            if (!p.isBlank()) {
                roots.add(Path.of(p));
            }
        }
        AnnotationStubs.write(stubs, AnnotationStubs.referenced(roots));
        String keyClassPath = o.classPath() + File.pathSeparator + stubs;

        List<String> failures = new ArrayList<>();
        List<ContractResult> results = new ArrayList<>();
        // KeY reads a copy of the sources in which identifiers that KeY reserves are renamed, and in
        // which the JML of files with constructs KeY is known to reject is switched off.
        Map<String, String> unreadable = new TreeMap<>();
        Map<Path, String> lint = JmlLint.checkTree(src);
        lint.forEach((f, p) -> unreadable.put(f.toString(), p));
        // Files found unreadable by loading, from an earlier run on the same sources, are switched off
        // at once: finding them again costs KeY loads.
        Path cache = work.resolve("load-check-cache.tsv");
        String key = LoadCheckCache.key(roots);
        Map<String, String> cached = LoadCheckCache.read(cache, key);
        unreadable.putAll(cached);
        Set<Path> off = new HashSet<>(lint.keySet());
        cached.keySet().forEach(f -> off.add(Path.of(f)));
        Path copy = work.resolve("key-src");
        List<Path> renamed = SourceCopy.write(src, copy, off);
        if (!renamed.isEmpty()) {
            settings = settings + "; KeY keywords renamed ('_' appended) in " + renamed;
            System.out.println("proofs: renamed identifiers that are KeY keywords (" + SourceCopy.KEY_KEYWORDS
                    + ", '_' appended) in " + renamed);
        }
        Round round = prove(o, copy, keyClassPath, work, deadline);
        if (round.loadFailed) {
            System.out.println("proofs: KeY could not load the kernel; finding the files whose JML it cannot read");
            Map<String, String> found = findUnreadable(o, src, keyClassPath, work, deadline, failures, off);
            unreadable.putAll(found);
            if (failures.isEmpty()) {
                found.keySet().forEach(f -> off.add(Path.of(f)));
                SourceCopy.write(src, copy, off);
                round = prove(o, copy, keyClassPath, work, deadline);
                Map<String, String> byLoading = new TreeMap<>(cached);
                byLoading.putAll(found);
                if (!round.loadFailed) {
                    LoadCheckCache.write(cache, key, byLoading);
                }
            }
        } else if (cached.isEmpty()) {
            LoadCheckCache.write(cache, key, Map.of());
        }
        if (round.loadFailed && failures.isEmpty()) {
            failures.add("KeY could not load the kernel even with the JML of " + unreadable.keySet() + " switched off");
        }
        if (failures.isEmpty()) {
            failures.addAll(round.failures);
            results.addAll(round.results);
        }
        // A contract of the baseline whose file KeY cannot read is a contract that was not proved.
        for (BaselineEntry e : baseline.entries()) {
            String file = fileOfClass(e.className(), unreadable.keySet());
            if (file != null && filter.acceptsContract(e.className(), e.id())
                    && results.stream().noneMatch(r -> r.id().equals(e.id()))) {
                int dot = e.className().lastIndexOf('.');
                results.add(new ContractResult(e.id(), e.className(), "?", "operation", false, 0, 0, 1,
                        "not attempted: KeY cannot read the JML of " + file));
            }
        }
        results.sort(Comparator.comparing(ContractResult::className).thenComparing(ContractResult::method)
                .thenComparing(ContractResult::id));
        long seconds = Math.round((System.currentTimeMillis() - start) / 1000.0);

        List<PublicMethod> methods = ContractCoverage.scanTree(src);
        if (!filter.isAll()) {
            methods = methods.stream().filter(m -> filter.accepts(m.pkg() + "." + m.type())).toList();
        }
        long uncovered = methods.stream().filter(m -> !m.hasContract()).count();

        long closed = results.stream().filter(ContractResult::closed).count();
        String keyLine = "KeY: " + results.size() + " contracts, " + closed + " closed, " + (results.size() - closed)
                + " open (baseline: " + baseline.mustClose() + " must close), " + seconds + " s"
                + (filter.isAll() ? "" : " [classes: " + o.classFilter() + "]");
        String byPkg = Reports.coverageByPackage(methods);
        String coverageLine = "KeY coverage: " + uncovered + " of " + methods.size()
                + " public kernel methods without a JML contract" + (byPkg.isEmpty() ? "" : " (" + byPkg + ")");
        String unreadableLine = "";
        if (!unreadable.isEmpty()) {
            List<String> names = new ArrayList<>();
            unreadable.keySet().forEach(f -> names.add(Path.of(f).getFileName().toString()));
            unreadableLine = "KeY cannot read the JML of " + unreadable.size() + " kernel file(s), not proved: "
                    + String.join(", ", names) + " (reasons in proofs-report.txt)\n";
        }

        StringBuilder tsv = new StringBuilder();
        for (ContractResult r : results) {
            tsv.append(r.toLine()).append('\n');
        }
        Files.writeString(work.resolve("results.tsv"), tsv.toString(), StandardCharsets.UTF_8);
        String unreadableText = Reports.unreadable(unreadable);
        Files.writeString(out.resolve("proofs-report.txt"),
                Reports.text(results, settings) + "\n" + unreadableText + keyLine + "\n", StandardCharsets.UTF_8);
        Files.writeString(out.resolve("proofs-report.html"), Reports.html(results, settings, keyLine, unreadable),
                StandardCharsets.UTF_8);
        Files.writeString(out.resolve("coverage.txt"), Reports.coverage(methods, o.kernelSrc()), StandardCharsets.UTF_8);

        System.out.println();
        System.out.print(Reports.text(results, settings));
        System.out.println();
        System.out.print(unreadableText);
        System.out.println(keyLine);
        System.out.println(coverageLine + "; list in " + out.resolve("coverage.txt"));
        System.out.println("Reports: " + out.resolve("proofs-report.txt") + ", " + out.resolve("proofs-report.html"));

        if (!failures.isEmpty()) {
            Files.writeString(out.resolve("summary.txt"), keyLine + " INCOMPLETE\n" + coverageLine + "\n" + unreadableLine,
                    StandardCharsets.UTF_8);
            System.err.println("proofs: FAILED: the KeY run is incomplete:");
            failures.forEach(f -> System.err.println("  " + f));
            return 1;
        }
        Files.writeString(out.resolve("summary.txt"), keyLine + "\n" + coverageLine + "\n" + unreadableLine,
                StandardCharsets.UTF_8);
        if (o.updateBaseline()) {
            int code = update(baseline, results, filter, Path.of(o.baseline()));
            if (code == 0) {
                long mustClose = Baseline.read(Path.of(o.baseline())).mustClose();
                String updated = keyLine.replace("(baseline: " + baseline.mustClose() + " must close)",
                        "(baseline: " + mustClose + " must close)");
                Files.writeString(out.resolve("summary.txt"), updated + "\n" + coverageLine + "\n" + unreadableLine,
                        StandardCharsets.UTF_8);
            }
            return code;
        }
        return check(baseline, results, filter, o.baseline());
    }

    private static int check(Baseline baseline, List<ContractResult> results, ClassFilter filter, String file) {
        BaselineComparison c = BaselineComparison.compare(baseline, results, filter);
        c.report().forEach(System.out::println);
        if (c.failed()) {
            System.err.println("proofs: FAILED: " + c.regressions().size() + " contract(s) listed closed in " + file
                    + " did not close:");
            for (ContractResult r : c.regressions()) {
                System.err.println("  " + r.id());
                System.err.println("      " + r.openGoals() + " open goal(s) after " + r.steps() + " steps, "
                        + r.millis() + " ms: " + r.reason());
            }
            System.err.println("  A closed contract must stay closed: fix the code or its contract."
                    + " See proofs/target/proofs-report.txt.");
            return 1;
        }
        System.out.println("proofs: baseline OK: " + c.confirmed() + " closed as required, "
                + c.stillOpen().size() + " known open, " + c.improvements().size() + " improved, "
                + c.newContracts().size() + " new");
        return 0;
    }

    private static int update(Baseline baseline, List<ContractResult> results, ClassFilter filter, Path file)
            throws IOException {
        BaselineUpdate u = BaselineUpdate.of(baseline, results, filter);
        if (u.isRefused()) {
            System.err.println("proofs: baseline NOT updated: these contracts are listed closed but did not close,"
                    + " and an update never demotes a closed contract:");
            u.refused().forEach(r -> System.err.println("  " + r.id() + "  (" + r.reason() + ")"));
            System.err.println("  Make them close again, or delete the method (its entry is then dropped).");
            return 1;
        }
        for (BaselineEntry e : u.dropped()) {
            System.out.println("proofs: dropped from baseline (contract no longer exists): " + e.id());
        }
        u.baseline().write(file);
        System.out.println("proofs: baseline written to " + file + ": " + u.baseline().entries().size()
                + " contracts, " + u.baseline().mustClose() + " must close");
        return 0;
    }

    /** One proving round: the shards on one source folder. */
    private record Round(List<ContractResult> results, List<String> failures, boolean loadFailed) {
    }

    private static Round prove(Options o, Path src, String keyClassPath, Path work, long deadline)
            throws IOException, InterruptedException {
        List<Process> procs = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        Path claims = Claims.fresh(work.resolve("claims"));
        for (int s = 0; s < o.shards(); s++) {
            Path f = work.resolve("results-" + s + ".tsv");
            Files.deleteIfExists(f);
            files.add(f);
            procs.add(startJvm(o, s, ProveShard.class, List.of(src.toString(), keyClassPath,
                    Integer.toString(o.maxSteps()), Integer.toString(o.timeoutSeconds()), Long.toString(deadline),
                    Integer.toString(s), claims.toString(), f.toString(), o.classFilter(), o.baseline())));
        }
        List<String> failures = new ArrayList<>();
        List<ContractResult> results = new ArrayList<>();
        boolean loadFailed = false;
        for (int s = 0; s < procs.size(); s++) {
            int code = await(procs.get(s), deadline);
            if (code == LOAD_FAILED) {
                loadFailed = true;
                continue;
            }
            if (code == TIMED_OUT) {
                failures.add("prover JVM " + s + " did not finish within the budget of " + o.budgetSeconds()
                        + " s plus " + GRACE_MILLIS / 1000 + " s and was stopped");
            } else if (code != 0) {
                failures.add("prover JVM " + s + " failed with exit code " + code + " (its error is printed above)");
            }
            List<String> lines = Files.exists(files.get(s))
                    ? Files.readAllLines(files.get(s), StandardCharsets.UTF_8) : List.of();
            if (code == 0 && (lines.isEmpty() || !lines.get(lines.size() - 1).equals(ProveShard.COMPLETE))) {
                failures.add("prover JVM " + s + " ended without finishing its contracts");
            }
            results.addAll(ContractResult.parseAll(lines));
        }
        return new Round(results, failures, loadFailed);
    }

    private static Map<String, String> findUnreadable(Options o, Path src, String keyClassPath, Path work,
                                                      long deadline, List<String> failures, Set<Path> alreadyOff)
            throws IOException, InterruptedException {
        Path list = work.resolve("unreadable.tsv");
        Files.deleteIfExists(list);
        Path offList = work.resolve("lint-off.txt");
        StringBuilder sb = new StringBuilder();
        alreadyOff.forEach(f -> sb.append(f).append('\n'));
        Files.writeString(offList, sb.toString(), StandardCharsets.UTF_8);
        Process p = startJvm(o, 0, LoadCheck.class, List.of(src.toString(), keyClassPath,
                work.resolve("load-check").toString(), list.toString(), "40", offList.toString()));
        int code = await(p, deadline);
        Map<String, String> unreadable = new TreeMap<>();
        if (code != 0 || !Files.exists(list)) {
            failures.add("the search for the files KeY cannot read failed (exit code " + code + ", see above)");
            return unreadable;
        }
        for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] f = line.split("\t", 2);
                unreadable.put(f[0], f.length > 1 ? f[1] : "");
            }
        }
        return unreadable;
    }

    /** The file among {@code files} that declares {@code className} (top-level or nested), or null. */
    static String fileOfClass(String className, Set<String> files) {
        String name = className;
        while (true) {
            String candidate = name.replace('.', '/') + ".java";
            if (files.contains(candidate)) {
                return candidate;
            }
            int dot = name.lastIndexOf('.');
            if (dot < 0) {
                return null;
            }
            name = name.substring(0, dot);
        }
    }

    private static final int LOAD_FAILED = 3;
    private static final int TIMED_OUT = -1;

    private static int await(Process p, long deadline) throws InterruptedException {
        long wait = Math.max(1000L, deadline + GRACE_MILLIS - System.currentTimeMillis());
        if (!p.waitFor(wait, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            return TIMED_OUT;
        }
        return p.exitValue();
    }

    private static Process startJvm(Options o, int shard, Class<?> main, List<String> args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // KeY reads and writes its settings under ~/.key; two JVMs sharing one home race on that file.
        Path home = Path.of(System.getProperty("user.home"), "shard-" + shard);
        Files.createDirectories(home);
        // The throughput collector: the prover JVMs share the machine's cores with each other, and
        // G1's concurrent threads took cycles from the other prover.
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + o.heap(), "-Xss8m", "-XX:+UseParallelGC",
                "-Duser.home=" + home,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                // KeY warns with a stack trace when the isolated home has no settings file; defaults are meant.
                "-Dorg.slf4j.simpleLogger.log.de.uka.ilkd.key.settings.ProofSettings=error",
                "-D" + ProveShard.OPEN_GOALS + "=" + o.openGoalsDir(),
                "-D" + ProveShard.BOTH_AXIOMS + "=" + o.bothAxioms(),
                "-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).inheritIO().start();
    }

    /** The run's configuration, from -Dproofs.* system properties (the pom passes them on). */
    record Options(String kernelSrc, String classPath, String baseline, String out, int maxSteps, int timeoutSeconds,
                   int budgetSeconds, int shards, String heap, String classFilter, boolean updateBaseline,
                   boolean openGoals, boolean bothAxioms) {

        static Options fromSystemProperties() {
            String cp = prop("proofs.classPath", "../hw/src/main/java");
            return new Options(path(prop("proofs.kernelSrc", "../kernel/src/main/java")),
                    cp.replace(',', File.pathSeparatorChar),
                    path(prop("proofs.baseline", "baseline.txt")), path(prop("proofs.out", "target")),
                    positive("proofs.maxSteps", 10000), positive("proofs.timeoutSeconds", 30),
                    positive("proofs.budgetSeconds", 330), positive("proofs.shards", 2),
                    prop("proofs.heap", "2g"), prop("proofs.class", ""),
                    Boolean.parseBoolean(prop("proofs.updateBaseline", "false")),
                    Boolean.parseBoolean(prop("proofs.openGoals", "false")),
                    Boolean.parseBoolean(prop(ProveShard.BOTH_AXIOMS, "false")));
        }

        /** Where each open proof's goals are printed, or "" when they are not. */
        String openGoalsDir() {
            return openGoals ? Path.of(out, "proofs", "open-goals").toString() : "";
        }

        Options withClassFilter(String f) {
            return new Options(kernelSrc, classPath, baseline, out, maxSteps, timeoutSeconds, budgetSeconds, shards,
                    heap, f, updateBaseline, openGoals, bothAxioms);
        }

        private static String path(String p) {
            return Path.of(p).toAbsolutePath().normalize().toString();
        }

        private static String prop(String key, String dflt) {
            String v = System.getProperty(key);
            return v == null ? dflt : v.trim();
        }

        private static int positive(String key, int dflt) {
            String v = prop(key, Integer.toString(dflt));
            try {
                int n = Integer.parseInt(v);
                if (n <= 0) {
                    throw new IllegalArgumentException(key + " must be positive, is " + v);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a positive integer, is '" + v + "'");
            }
        }
    }
}
