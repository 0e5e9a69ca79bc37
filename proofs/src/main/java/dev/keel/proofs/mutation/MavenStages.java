package dev.keel.proofs.mutation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Maven-run stages on the scratch tree, offline: the kernel compile with the Checker
 * Framework, then one build that runs the kernel's unit and property tests and the conformance
 * tests of model-tests (test failures do not stop it, so both modules report).
 */
final class MavenStages {

    /** A Checker Framework diagnostic: {@code /path/File.java:[line,col] error: [key] message}. */
    private static final Pattern CHECKER_MESSAGE =
            Pattern.compile("([A-Za-z0-9_$]+\\.java):\\[(\\d+),\\d+\\] (?:error: )?(\\[[a-z][a-z.]*\\].*)");

    private final Path repo;
    private final Path out;
    private final String mvn;
    private final long timeoutSeconds;

    MavenStages(Path repo, Path out, String mvn, long timeoutSeconds) {
        this.repo = repo;
        this.out = out;
        this.mvn = mvn;
        this.timeoutSeconds = timeoutSeconds;
    }

    /**
     * All three Maven stages, in as few builds as possible: one build compiles hw and kernel with
     * Nullness and Index, as the default build does, and runs the kernel and conformance tests. Only
     * when the checkers reject the mutant does a second build, without them, run the tests.
     * Returns the Checker, unit/property and conformance results.
     */
    StageResult[] run(String tag) throws IOException, InterruptedException {
        repoDelete("kernel/target/surefire-reports");
        repoDelete("model-tests/target/surefire-reports");
        Path log = out.resolve("log-" + tag + "-checker-and-tests.txt");
        Command.Outcome o = Command.run(List.of(mvn, "-B", "-o", "-pl", "model-tests", "-am", "test",
                "-Dmaven.test.failure.ignore=true"), repo, log, timeoutSeconds);
        String text = Files.readString(log, StandardCharsets.UTF_8);
        boolean kernelCompiled = text.contains("(default-testCompile) @ kernel");
        if (o.ok() || o.timedOut() && kernelCompiled) {
            StageResult[] t = testResults(o, log);
            return new StageResult[] {StageResult.survived(), t[0], t[1]};
        }
        StageResult checker = checkerResult(o, log);
        StageResult[] t = tests(tag);
        return new StageResult[] {checker, t[0], t[1]};
    }

    private StageResult checkerResult(Command.Outcome o, Path log) throws IOException {
        if (o.timedOut()) {
            return new StageResult(StageResult.Verdict.TIMEOUT, "");
        }
        List<String> messages = checkerMessages(Files.readAllLines(log, StandardCharsets.UTF_8));
        if (messages.isEmpty()) {
            return new StageResult(StageResult.Verdict.ERROR, "compile failed without a checker message (see " + log.getFileName() + ")");
        }
        return StageResult.killed(messages.get(0) + (messages.size() > 1 ? " (+" + (messages.size() - 1) + " more)" : ""));
    }

    /** The Checker diagnostics of a build log, each once, as {@code File.java:line [key] message}. */
    static List<String> checkerMessages(List<String> lines) {
        List<String> messages = new ArrayList<>();
        for (String line : lines) {
            Matcher m = CHECKER_MESSAGE.matcher(line);
            if (line.startsWith("[ERROR]") && m.find()) {
                String msg = m.group(1) + ":" + m.group(2) + " " + m.group(3).trim();
                if (!messages.contains(msg)) {
                    messages.add(msg);
                }
            }
        }
        return messages;
    }

    /** Unit/property tests of kernel and conformance tests of model-tests, without the checkers. */
    StageResult[] tests(String tag) throws IOException, InterruptedException {
        repoDelete("kernel/target/surefire-reports");
        repoDelete("model-tests/target/surefire-reports");
        Path log = out.resolve("log-" + tag + "-tests.txt");
        Command.Outcome o = Command.run(List.of(mvn, "-B", "-o", "-pl", "model-tests", "-am", "test",
                "-Dchecker.proc=none", "-Dmaven.test.failure.ignore=true"), repo, log, timeoutSeconds);
        return testResults(o, log);
    }

    private StageResult[] testResults(Command.Outcome o, Path log) throws IOException {
        SurefireResults kernel = SurefireResults.read(repo.resolve("kernel/target/surefire-reports"));
        SurefireResults conformance = SurefireResults.read(repo.resolve("model-tests/target/surefire-reports"));
        if (o.timedOut()) {
            // The module that was running when the bound hit is the one that hangs.
            boolean conformanceStarted = Files.readString(log, StandardCharsets.UTF_8).contains("Building Keel model-tests");
            StageResult t = new StageResult(StageResult.Verdict.TIMEOUT, "");
            if (!conformanceStarted) {
                return new StageResult[] {t, new StageResult(StageResult.Verdict.ERROR, "not reached")};
            }
            return new StageResult[] {judge(kernel), t};
        }
        if (o.exitCode() != 0) {
            String why = "build failed before the tests (see " + log.getFileName() + ")";
            return new StageResult[] {new StageResult(StageResult.Verdict.ERROR, why),
                    new StageResult(StageResult.Verdict.ERROR, why)};
        }
        return new StageResult[] {judge(kernel), judge(conformance)};
    }

    private static StageResult judge(SurefireResults r) {
        if (r.tests() == 0) {
            return new StageResult(StageResult.Verdict.ERROR, "no test ran");
        }
        if (r.failed().isEmpty()) {
            return StageResult.survived();
        }
        List<String> shown = r.failed().subList(0, Math.min(2, r.failed().size()));
        return StageResult.killed(r.failed().size() + " of " + r.tests() + " failed, e.g. " + String.join(", ", shown));
    }

    private void repoDelete(String rel) throws IOException {
        Path p = repo.resolve(rel);
        if (Files.exists(p)) {
            ScratchTree.delete(p);
        }
    }
}
