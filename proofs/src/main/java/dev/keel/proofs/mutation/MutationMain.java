package dev.keel.proofs.mutation;

import dev.keel.proofs.Baseline;
import dev.keel.proofs.BaselineEntry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The mutation check of the whole chain. Copies the repository to a scratch folder, checks that
 * every stage passes there unmutated, then applies each mutant of the manifest alone, runs the
 * stages one after the other (Checker compile, KeY on the mutated class, kernel tests,
 * conformance tests), restores the file, and writes the kill matrix to
 * {@code <out>/mutation-report.md}. The working tree is never written.
 *
 * <p>System properties: {@code mutation.repo} (repository root), {@code mutation.manifest},
 * {@code mutation.out}, {@code mutation.scratch} (default: a folder under java.io.tmpdir),
 * {@code mutation.only} (comma-separated mutant names), {@code mutation.keyBudgetSeconds} (per KeY
 * run, default 150), {@code mutation.stageTimeoutSeconds} (per Maven stage, default 900),
 * {@code mutation.skipKey}, {@code mutation.mvn} (the Maven command, default mvn).
 *
 * <p>Exit code 0 when every mutant is killed, 1 when one survives, 2 on a usage or baseline error.
 */
public final class MutationMain {

    private MutationMain() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run();
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            System.err.println("mutation: " + e.getMessage());
            code = 2;
        } catch (InterruptedException e) {
            System.err.println("mutation: interrupted");
            code = 2;
        }
        System.exit(code);
    }

    static int run() throws IOException, InterruptedException {
        long start = System.currentTimeMillis();
        Path repo = Path.of(prop("mutation.repo", "..")).toAbsolutePath().normalize();
        Path manifest = Path.of(prop("mutation.manifest", repo.resolve("proofs/mutation/mutants.txt").toString()));
        Path out = Path.of(prop("mutation.out", repo.resolve("proofs/target").toString())).toAbsolutePath();
        Path work = out.resolve("mutation");
        Path scratchDir = Path.of(prop("mutation.scratch",
                Path.of(System.getProperty("java.io.tmpdir"), "keel-mutation-" + ProcessHandle.current().pid()).toString()));
        int keyBudget = Integer.parseInt(prop("mutation.keyBudgetSeconds", "150"));
        long stageTimeout = Long.parseLong(prop("mutation.stageTimeoutSeconds", "900"));
        boolean skipKey = Boolean.parseBoolean(prop("mutation.skipKey", "false"));
        String mvn = prop("mutation.mvn", "mvn");

        List<Mutant> mutants = select(Manifest.parse(Files.readAllLines(manifest, StandardCharsets.UTF_8)),
                prop("mutation.only", ""));
        // Every mutant must apply to the current sources before anything runs.
        for (Mutant m : mutants) {
            Path f = m.path(repo);
            if (!Files.isRegularFile(f)) {
                throw new IllegalArgumentException("mutant " + m.name() + ": no such file " + f);
            }
            m.apply(Files.readString(f, StandardCharsets.UTF_8));
        }
        if (Files.exists(work)) {
            ScratchTree.delete(work);
        }
        Files.createDirectories(work);
        System.out.println("mutation: " + mutants.size() + " mutants; scratch copy of " + repo + " in " + scratchDir);
        ScratchTree tree = ScratchTree.copyOf(repo, scratchDir);
        try {
            MavenStages maven = new MavenStages(tree.root(), work, mvn, stageTimeout);
            KeyStage key = new KeyStage(tree.root(), work, keyBudget);
            Baseline baseline = Baseline.read(tree.root().resolve("proofs/baseline.txt"));
            checkBaseline(maven);
            List<KillMatrix.Row> rows = new ArrayList<>();
            Path file = out.resolve("mutation-report.md");
            String report = "";
            for (Mutant m : mutants) {
                rows.add(runMutant(m, tree, maven, key, skipKey ? null : baseline));
                // Written after every mutant, so that a run cut short still leaves its results.
                long minutes = Math.round((System.currentTimeMillis() - start) / 60000.0);
                String header = "# Mutation check: kill matrix\n\n"
                        + "Run " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ", " + minutes + " min, "
                        + rows.size() + " of " + mutants.size() + " mutants from `proofs/mutation/mutants.txt`"
                        + (rows.size() < mutants.size() ? " (run in progress)" : "") + "; KeY budget " + keyBudget
                        + " s per run (one prover JVM), Maven stages bounded at " + stageTimeout + " s.\n";
                report = KillMatrix.markdown(rows, header);
                Files.writeString(file, report, StandardCharsets.UTF_8);
            }
            long minutes = Math.round((System.currentTimeMillis() - start) / 60000.0);
            System.out.println(report);
            System.out.println("mutation: report in " + file + "; logs in " + work);
            long survivors = rows.stream().filter(r -> !r.killed()).count();
            Files.writeString(out.resolve("mutation-summary.txt"), "Mutation: " + (rows.size() - survivors) + " of "
                    + rows.size() + " seeded kernel bugs killed, " + minutes + " min\n", StandardCharsets.UTF_8);
            return survivors == 0 ? 0 : 1;
        } finally {
            ScratchTree.delete(tree.root());
        }
    }

    /** Every stage must pass on the unmutated copy, or its verdicts on mutants would mean nothing. */
    private static void checkBaseline(MavenStages maven) throws IOException, InterruptedException {
        System.out.println("mutation: baseline (no mutant)");
        StageResult[] r = maven.run("baseline");
        for (int i = 0; i < r.length; i++) {
            if (r[i].verdict() != StageResult.Verdict.SURVIVED) {
                throw new IllegalStateException("the unmutated tree fails stage " + STAGE_OF_MAVEN[i] + ": " + r[i].cell());
            }
        }
    }

    private static final String[] STAGE_OF_MAVEN = {"Checker", "unit/property tests", "conformance"};

    private static KillMatrix.Row runMutant(Mutant m, ScratchTree tree, MavenStages maven, KeyStage key,
            Baseline baseline) throws IOException, InterruptedException {
        long t0 = System.currentTimeMillis();
        String cls = m.className();
        List<String> mustClose = baseline == null ? List.of() : closedContracts(baseline, cls, m.method());
        String original = tree.read(m.file());
        StageResult proof;
        StageResult[] mvn;
        System.out.println("mutation: " + m.name() + ": " + m.description());
        tree.write(m.file(), m.apply(original));
        try {
            mvn = maven.run(m.name());
            if (baseline == null) {
                proof = new StageResult(StageResult.Verdict.SKIPPED, "");
            } else if (mustClose.isEmpty()) {
                proof = new StageResult(StageResult.Verdict.SKIPPED, "no closed contract of " + m.method());
            } else {
                proof = KeyStage.judge(mustClose, key.prove(cls, m.name()));
            }
        } finally {
            tree.write(m.file(), original);
        }
        List<StageResult> results = List.of(mvn[0], proof, mvn[1], mvn[2]);
        long seconds = (System.currentTimeMillis() - t0) / 1000;
        KillMatrix.Row row = new KillMatrix.Row(m, results, seconds);
        System.out.println("mutation: " + m.name() + " -> " + (row.killed() ? "killed by " + row.killers() : "SURVIVED")
                + " (" + seconds + " s)");
        return row;
    }

    /** The baseline's closed contracts of {@code cls.method}: only these can kill a change in that method. */
    static List<String> closedContracts(Baseline baseline, String cls, String method) {
        String marker = "[" + cls + "::" + method + "(";
        List<String> ids = new ArrayList<>();
        for (BaselineEntry e : baseline.entries()) {
            if (e.closed() && e.id().contains(marker)) {
                ids.add(e.id());
            }
        }
        return ids;
    }

    static List<Mutant> select(List<Mutant> all, String only) {
        if (only.isBlank()) {
            return all;
        }
        List<String> names = Arrays.stream(only.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        List<Mutant> chosen = new ArrayList<>();
        for (String n : names) {
            Mutant m = all.stream().filter(x -> x.name().equals(n)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("mutation.only names an unknown mutant: " + n));
            chosen.add(m);
        }
        return chosen;
    }

    private static String prop(String key, String dflt) {
        String v = System.getProperty(key);
        return v == null || v.isBlank() ? dflt : v.trim();
    }
}
