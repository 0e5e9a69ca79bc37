package dev.keel.proofs.mutation;

import dev.keel.proofs.ContractResult;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Proves the contracts of one kernel class with the project's KeY runner (ProofsMain, in a child JVM
 * on this JVM's class path) over the scratch tree, with one prover JVM and a bounded budget.
 */
final class KeyStage {

    private final Path repo;
    private final Path out;
    private final int budgetSeconds;

    KeyStage(Path repo, Path out, int budgetSeconds) {
        this.repo = repo;
        this.out = out;
        this.budgetSeconds = budgetSeconds;
    }

    /** The results by contract id, or null when the run produced none (the log says why). */
    Map<String, ContractResult> prove(String className, String tag) throws IOException, InterruptedException {
        Path dir = out.resolve("key-" + tag);
        if (Files.exists(dir)) {
            ScratchTree.delete(dir);
        }
        Files.createDirectories(dir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx2g", "-Xss8m",
                "-Duser.home=" + dir.resolve("key-home"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dproofs.kernelSrc=" + repo.resolve("kernel/src/main/java"),
                "-Dproofs.classPath=" + repo.resolve("hw/src/main/java"),
                "-Dproofs.baseline=" + repo.resolve("proofs/baseline.txt"),
                "-Dproofs.out=" + dir,
                "-Dproofs.maxSteps=10000", "-Dproofs.timeoutSeconds=30",
                "-Dproofs.budgetSeconds=" + budgetSeconds, "-Dproofs.shards=1", "-Dproofs.heap=2g",
                "-Dproofs.class=" + className, "-Dproofs.updateBaseline=false",
                "-cp", System.getProperty("java.class.path"), "dev.keel.proofs.ProofsMain"));
        // The runner stops itself at the budget plus a grace period for the last proof.
        Command.Outcome o = Command.run(cmd, repo, out.resolve("log-" + tag + "-key.txt"), budgetSeconds + 240L);
        Path tsv = dir.resolve("proofs/results.tsv");
        if (o.timedOut() || !Files.exists(tsv)) {
            return null;
        }
        Map<String, ContractResult> byId = new LinkedHashMap<>();
        for (ContractResult r : ContractResult.parseAll(Files.readAllLines(tsv, StandardCharsets.UTF_8))) {
            byId.put(r.id(), r);
        }
        return byId;
    }

    /**
     * Killed when a contract that the baseline lists as closed does not close on the mutant. A
     * contract the run did not reach (its budget ran out) is no evidence either way.
     */
    static StageResult judge(List<String> mustClose, Map<String, ContractResult> mutant) {
        if (mutant == null) {
            return new StageResult(StageResult.Verdict.ERROR, "no KeY results (see the log)");
        }
        List<String> lost = new ArrayList<>();
        int reached = 0;
        for (String id : mustClose) {
            ContractResult now = mutant.get(id);
            if (now == null || now.reason().startsWith("not attempted")) {
                continue;
            }
            reached++;
            if (!now.closed()) {
                lost.add(now.method() + " (" + now.openGoals() + " open goal" + (now.openGoals() == 1 ? "" : "s") + ")");
            }
        }
        if (!lost.isEmpty()) {
            return StageResult.killed(String.join(", ", lost));
        }
        if (reached == 0) {
            return new StageResult(StageResult.Verdict.ERROR, "the budget did not reach the contracts of the mutated method");
        }
        return StageResult.survived();
    }
}
