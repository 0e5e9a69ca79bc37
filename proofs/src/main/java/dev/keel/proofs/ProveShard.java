package dev.keel.proofs;

import de.uka.ilkd.key.control.KeYEnvironment;
import de.uka.ilkd.key.java.abstraction.KeYJavaType;
import de.uka.ilkd.key.java.JavaTools;
import de.uka.ilkd.key.java.SourceElement;
import de.uka.ilkd.key.java.statement.LoopStatement;
import de.uka.ilkd.key.logic.SequentFormula;
import de.uka.ilkd.key.logic.Term;
import de.uka.ilkd.key.logic.op.IObserverFunction;
import de.uka.ilkd.key.pp.LogicPrinter;
import de.uka.ilkd.key.proof.Goal;
import de.uka.ilkd.key.proof.Proof;
import de.uka.ilkd.key.proof.init.ProofOblInput;
import de.uka.ilkd.key.proof.io.ProblemLoaderException;
import de.uka.ilkd.key.proof.mgt.SpecificationRepository;
import de.uka.ilkd.key.settings.StrategySettings;
import de.uka.ilkd.key.speclang.Contract;
import de.uka.ilkd.key.speclang.DependencyContract;
import de.uka.ilkd.key.strategy.StrategyProperties;
import de.uka.ilkd.key.util.KeYTypeUtil;
import de.uka.ilkd.key.util.ProofStarter;

import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * One prover JVM: loads the kernel sources into KeY and proves contracts within the step and time
 * bounds until none is left. The prover JVMs of a run share one work list: each walks the same
 * ordered list and proves a contract only if it is the first to claim it (see {@link Claims}), so a
 * JVM that draws cheap proofs simply takes more of them and the JVMs finish at about the same time.
 * Each result is written as soon as it is known, so a shard that is killed still leaves its results.
 *
 * Contracts the baseline lists as closed come first, then new ones and those no run has reached yet,
 * then those known to stay open, so
 * that when the run's time budget is short the contracts that must close are the ones proved.
 *
 * Arguments: kernelSrc classPath maxSteps timeoutSeconds deadlineEpochMillis shardIndex claimsDir
 * resultFile classFilter baselineFile (classPath uses the platform path separator; classFilter may be empty;
 * claimsDir is an empty folder shared by the run's prover JVMs).
 */
public final class ProveShard {

    /** Last line of a result file whose shard went through all its contracts. */
    static final String COMPLETE = "# complete";

    /** System property naming the folder for open goals; empty: not printed. */
    static final String OPEN_GOALS = "proofs.openGoalsDir";

    /**
     * System property: "true" proves every contract with both class-axiom settings and keeps the
     * closed proof, or the one of fewer steps when both close; with the baseline update this records
     * the cheaper setting for each contract. By default only a contract that must close, or is new,
     * and did not close gets the other setting, as a second try.
     */
    static final String BOTH_AXIOMS = "proofs.bothAxioms";

    /** At most this many open goals of one proof are printed. */
    static final int GOALS_PRINTED = 5;

    private final int maxSteps;
    private final long timeoutMillis;
    private final long deadlineMillis;

    private ProveShard(int maxSteps, long timeoutMillis, long deadlineMillis) {
        this.maxSteps = maxSteps;
        this.timeoutMillis = timeoutMillis;
        this.deadlineMillis = deadlineMillis;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 10) {
            System.err.println("usage: ProveShard kernelSrc classPath maxSteps timeoutSeconds deadlineEpochMillis"
                    + " shardIndex claimsDir resultFile classFilter baselineFile");
            System.exit(2);
        }
        File src = new File(args[0]);
        List<File> classPath = new ArrayList<>();
        for (String p : args[1].split(File.pathSeparator)) {
            if (!p.isBlank()) {
                classPath.add(new File(p));
            }
        }
        int maxSteps = Integer.parseInt(args[2]);
        long timeoutMillis = Long.parseLong(args[3]) * 1000L;
        long deadline = Long.parseLong(args[4]);
        int shard = Integer.parseInt(args[5]);
        Claims claims = new Claims(Path.of(args[6]));
        Path out = Path.of(args[7]);
        ClassFilter filter = ClassFilter.parse(args[8]);
        Baseline baseline = Baseline.read(Path.of(args[9]));

        Map<String, String> choices = KeySettings.applySoundChoices();
        KeySettings.disableOriginLabels();
        System.out.println("[shard " + shard + "] taclet options: intRules=" + choices.get("intRules")
                + ", runtimeExceptions=" + choices.get("runtimeExceptions"));
        KeYEnvironment<?> env;
        try {
            env = KeYEnvironment.load(src, classPath, null, null);
        } catch (ProblemLoaderException e) {
            System.err.println("[shard " + shard + "] KeY could not load the sources in " + src + ":");
            for (Throwable t = e; t != null; t = t.getCause()) {
                System.err.println("    " + t.getClass().getSimpleName() + ": " + t.getMessage());
            }
            System.exit(3);
            return;
        }
        try {
            List<Contract> all = kernelContracts(env, filter);
            all.sort(Comparator.comparingInt((Contract c) -> priority(baseline, c.getName()))
                    .thenComparing(Contract::getName));
            int done = new ProveShard(maxSteps, timeoutMillis, deadline).proveAll(env, all, claims, out, shard, baseline);
            System.out.println("[shard " + shard + "] proved " + done + " of " + all.size() + " contracts");
        } finally {
            env.dispose();
        }
        // KeY leaves non-daemon threads behind; the results are on disk, so end the JVM here.
        System.exit(0);
    }

    /** Every contract whose class is kernel source (not a library or class-path class), in id order. */
    static List<Contract> kernelContracts(KeYEnvironment<?> env, ClassFilter filter) {
        SpecificationRepository specs = env.getSpecificationRepository();
        List<Contract> result = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (KeYJavaType type : env.getJavaInfo().getAllKeYJavaTypes()) {
            if (KeYTypeUtil.isLibraryClass(type) || !filter.accepts(type.getFullName())) {
                continue;
            }
            for (IObserverFunction target : specs.getContractTargets(type)) {
                for (Contract c : specs.getContracts(type, target)) {
                    if (filter.acceptsContract(type.getFullName(), c.getName()) && seen.add(c.getName())) {
                        result.add(c);
                    }
                }
            }
        }
        result.sort(Comparator.comparing(Contract::getName));
        return result;
    }

    /** 0: must close; 1: new, or never reached before; 2: known to stay open. */
    static int priority(Baseline baseline, String id) {
        BaselineEntry e = baseline.get(id);
        if (e == null || (!e.closed() && e.reason().startsWith("not attempted"))) {
            return 1;
        }
        return e.closed() ? 0 : 2;
    }

    /**
     * Proves the contracts in order, each with the class-axiom setting the baseline records for it
     * (free when it records none). A contract that must close but hit the time bound (not the step
     * bound) is tried once more at once, with twice the time: on a loaded machine the time bound is
     * the one that is not repeatable. A contract that must close, or is new, and still did not close
     * is tried once with the other class-axiom setting; either proof is a proof, and
     * {@code -Dproofs.updateBaseline=true} records the setting that closed it. See {@link #BOTH_AXIOMS}.
     */
    private int proveAll(KeYEnvironment<?> env, List<Contract> contracts, Claims claims, Path out, int shard,
                         Baseline baseline) throws IOException {
        boolean bothAxioms = Boolean.getBoolean(BOTH_AXIOMS);
        int done = 0;
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (int i = 0; i < contracts.size(); i++) {
                if (!claims.claim(i)) {
                    continue;
                }
                Contract c = contracts.get(i);
                done++;
                int priority = priority(baseline, c.getName());
                BaselineEntry e = baseline.get(c.getName());
                boolean delayed = e != null && e.delayedAxioms();
                ContractResult r = prove(env, c, timeoutMillis, delayed);
                if (!r.closed() && r.reason().startsWith("time bound") && priority == 0) {
                    System.out.println("[shard " + shard + "] time bound hit, trying again with twice the time: " + r.id());
                    r = prove(env, c, 2 * timeoutMillis, delayed);
                    if (!r.closed()) {
                        r = new ContractResult(r.id(), r.className(), r.method(), r.kind(), false, r.steps(), r.millis(),
                                r.openGoals(), r.reason() + " (second try)", delayed);
                    }
                }
                if (!r.reason().startsWith("not attempted") && (bothAxioms || (!r.closed() && priority < 2))) {
                    ContractResult other = prove(env, c, timeoutMillis, !delayed);
                    System.out.println("[shard " + shard + "] with " + other.axioms() + ": " + other.status()
                            + "  " + other.steps() + " steps  " + other.millis() + " ms  " + r.id()
                            + (other.closed() ? "" : "  (" + other.reason() + ")"));
                    if (other.closed() && (!r.closed() || other.steps() < r.steps())) {
                        r = other;
                    }
                }
                record(w, r, shard);
            }
            w.write(COMPLETE);
            w.newLine();
        }
        return done;
    }

    private static void record(BufferedWriter w, ContractResult r, int shard) throws IOException {
        w.write(r.toLine());
        w.newLine();
        w.flush();
        System.out.println("[shard " + shard + "] " + r.status() + "  " + r.steps() + " steps  "
                + r.millis() + " ms  " + (r.delayedAxioms() ? "(" + r.axioms() + ")  " : "") + r.id()
                + (r.closed() ? "" : "  (" + r.reason() + ")"));
    }

    private ContractResult prove(KeYEnvironment<?> env, Contract c, long timeoutMillis, boolean delayed) {
        String className = c.getKJT().getFullName();
        String method = c.getTarget().name().toString();
        int colon = method.lastIndexOf("::");
        if (colon >= 0) {
            method = method.substring(colon + 2);
        }
        String kind = c instanceof DependencyContract ? "dependency" : "operation";
        long left = deadlineMillis - System.currentTimeMillis();
        if (left < 1000) {
            return new ContractResult(c.getName(), className, method, kind, false, 0, 0, 1,
                    "not attempted: the run's time budget was used up", delayed);
        }
        long bound = Math.min(timeoutMillis, left);
        Proof proof = null;
        long start = System.nanoTime();
        try {
            ProofOblInput po = c.createProofObl(env.getInitConfig(), c);
            proof = env.createProof(po);
            StrategySettings ss = proof.getSettings().getStrategySettings();
            ss.setMaxSteps(maxSteps);
            ss.setTimeout(bound);
            StrategyProperties sp = KeySettings.strategy(delayed);
            ss.setActiveStrategyProperties(sp);
            proof.setActiveStrategy(proof.getServices().getProfile().getDefaultStrategyFactory().create(proof, sp));
            runAutoMode(proof);
            long ms = (System.nanoTime() - start) / 1_000_000L;
            int steps = proof.countNodes();
            if (proof.closed()) {
                return new ContractResult(c.getName(), className, method, kind, true, steps, ms, 0, "", delayed);
            }
            int open = proof.openGoals().size();
            printOpenGoals(c.getName(), proof);
            return new ContractResult(c.getName(), className, method, kind, false, steps, ms, open,
                    whyOpen(proof, steps, ms, bound), delayed);
        } catch (Exception | StackOverflowError e) {
            long ms = (System.nanoTime() - start) / 1_000_000L;
            return new ContractResult(c.getName(), className, method, kind, false, 0, ms, 1,
                    "prover error: " + e, delayed);
        } finally {
            if (proof != null) {
                proof.dispose();
            }
        }
    }

    /**
     * Runs KeY's automatic strategy on the proof in this thread, with the proof's step and time
     * bounds and strategy: what the auto mode of {@code ProofControl} does, without its extra thread,
     * which the caller can only wait for by polling every 100 ms (on average 50 ms lost per proof).
     */
    private static void runAutoMode(Proof proof) {
        ProofStarter starter = new ProofStarter(false);
        starter.init(proof);
        starter.start();
    }

    /**
     * With {@code -Dproofs.openGoals=true} (given to the shard as a folder), an open proof's goals (the sequents the prover could not
     * close, at most {@link #GOALS_PRINTED}) go to one text file per contract: the one-line reason of
     * the report says where a proof stopped, the sequents say which fact was missing.
     */
    private static void printOpenGoals(String contract, Proof proof) {
        String dir = System.getProperty(OPEN_GOALS, "");
        if (dir.isEmpty()) {
            return;
        }
        StringBuilder b = new StringBuilder(contract).append('\n');
        int n = 0;
        for (Goal g : proof.openGoals()) {
            if (n++ == GOALS_PRINTED) {
                b.append("\n... ").append(proof.openGoals().size() - GOALS_PRINTED).append(" more open goals\n");
                break;
            }
            b.append("\n---- open goal ").append(n).append(" (node ").append(g.node().serialNr()).append(")\n");
            b.append(LogicPrinter.quickPrintSequent(g.sequent(), proof.getServices())).append('\n');
        }
        try {
            Path d = Path.of(dir);
            Files.createDirectories(d);
            Files.writeString(d.resolve(contract.replaceAll("[^A-Za-z0-9.#_-]+", "_") + ".txt"), b.toString());
        } catch (IOException e) {
            System.err.println("could not print the open goals of " + contract + ": " + e.getMessage());
        }
    }

    private String whyOpen(Proof proof, int steps, long ms, long bound) {
        String stop;
        if (steps >= maxSteps) {
            stop = "step bound " + maxSteps + " reached";
        } else if (ms >= bound) {
            stop = "time bound " + (bound / 1000) + " s reached";
        } else {
            stop = "no rule applies";
        }
        // Where the open goals stand: a goal that still holds code shows where symbolic execution
        // got stuck (a loop without an invariant, or a statement whose exception or overflow could not
        // be excluded); goals without code are first-order conditions the prover could not show.
        String loop = null;
        String stuck = null;
        for (Goal g : proof.openGoals()) {
            for (SequentFormula f : g.sequent()) {
                String w = stuckAt(f.formula());
                if (w == null) {
                    continue;
                }
                if (w.startsWith("loop") && loop == null) {
                    loop = w;
                } else if (stuck == null) {
                    stuck = w;
                }
            }
        }
        if (loop != null) {
            return stop + "; " + loop;
        }
        if (stuck != null) {
            return stop + "; " + stuck;
        }
        return stop + "; open goals are first-order (a postcondition, invariant or safety condition not shown)";
    }

    /** Where the first program in {@code t} is stuck, or null when {@code t} holds no program. */
    private static String stuckAt(Term t) {
        if (!t.javaBlock().isEmpty()) {
            SourceElement active = JavaTools.getActiveStatement(t.javaBlock());
            int line = active.getStartPosition().line();
            String at = line > 0 ? " (line " + line + ")" : "";
            if (active instanceof LoopStatement) {
                return "loop without invariant" + at;
            }
            String text = active.toString().replaceAll("\\s+", " ").trim();
            if (text.length() > 60) {
                text = text.substring(0, 57) + "...";
            }
            return "stuck at '" + text + "'" + at;
        }
        for (Term sub : t.subs()) {
            String w = stuckAt(sub);
            if (w != null) {
                return w;
            }
        }
        return null;
    }
}
