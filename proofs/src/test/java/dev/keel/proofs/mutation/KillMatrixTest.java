package dev.keel.proofs.mutation;

import dev.keel.proofs.ContractResult;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KillMatrixTest {

    private static final Mutant M = new Mutant("m", "kernel/src/main/java/dev/keel/kernel/cap/Rights.java", "d", "a", "b", "diminish");

    private static Map<String, ContractResult> results(ContractResult... rs) {
        Map<String, ContractResult> m = new LinkedHashMap<>();
        for (ContractResult r : rs) {
            m.put(r.id(), r);
        }
        return m;
    }

    private static ContractResult closed(String id) {
        return new ContractResult(id, "C", "m", "operation", true, 10, 5, 0, "");
    }

    private static ContractResult open(String id, String reason) {
        return new ContractResult(id, "C", "m", "operation", false, 10, 5, 1, reason);
    }

    @Test
    void keyKillsWhenAContractTheBaselineSaysClosesDoesNotClose() {
        List<String> mustClose = List.of("a");
        assertTrue(KeyStage.judge(mustClose, results(open("a", "first-order goals"), open("b", "step bound"))).kills());
        assertFalse(KeyStage.judge(mustClose, results(closed("a"), open("b", "step bound"))).kills());
        // A contract the budget did not reach is no evidence either way.
        assertEquals(StageResult.Verdict.ERROR,
                KeyStage.judge(mustClose, results(open("a", "not attempted: budget used up"))).verdict());
        assertEquals(StageResult.Verdict.ERROR, KeyStage.judge(mustClose, null).verdict());
    }

    @Test
    void theTableNamesTheKillersAndTheSurvivors() {
        KillMatrix.Row killed = new KillMatrix.Row(M, List.of(StageResult.survived(), StageResult.survived(),
                StageResult.killed("1 of 9 failed, e.g. T.x"), new StageResult(StageResult.Verdict.TIMEOUT, "")), 3);
        KillMatrix.Row survived = new KillMatrix.Row(new Mutant("n", M.file(), "d", "a", "c", "diminish"),
                List.of(StageResult.survived(), StageResult.survived(), StageResult.survived(), StageResult.survived()), 4);
        String md = KillMatrix.markdown(List.of(killed, survived), "# t\n");
        assertTrue(md.contains("**1 of 2 mutants killed.**"), md);
        assertTrue(md.contains("| `m` | unit/property tests, conformance |"), md);
        assertTrue(md.contains("| `n` | **SURVIVED** |"), md);
    }

    @Test
    void checkerDiagnosticsAreTakenFromTheBuildLogOnceEach() {
        String diag = "/tmp/x/kernel/src/main/java/dev/keel/kernel/ipc/Ipc.java:[491,8] error: "
                + "[dereference.of.nullable] dereference of possibly-null reference c";
        List<String> log = List.of("[INFO] Compiling 49 source files", "[ERROR] COMPILATION ERROR : ",
                "[ERROR] " + diag, "[ERROR] Failed to execute goal ...: Compilation failure: ", "[ERROR] " + diag,
                "[ERROR] /tmp/x/A.java:[3,1] error: cannot find symbol");
        assertEquals(List.of("Ipc.java:491 [dereference.of.nullable] dereference of possibly-null reference c"),
                MavenStages.checkerMessages(log));
    }
}
