package dev.keel.proofs.mutation;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs one external command with a wall-clock bound; output goes to a log file. */
final class Command {

    /** How a command ended: its exit code, or timedOut when the bound was hit. */
    record Outcome(int exitCode, boolean timedOut, long millis, Path log) {
        boolean ok() {
            return !timedOut && exitCode == 0;
        }
    }

    private Command() {
    }

    static Outcome run(List<String> command, Path dir, Path log, long timeoutSeconds)
            throws IOException, InterruptedException {
        long start = System.currentTimeMillis();
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Process p = pb.start();
        boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!done) {
            // Maven and the prover fork JVMs of their own: stop the whole tree, children first.
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            return new Outcome(-1, true, System.currentTimeMillis() - start, log);
        }
        return new Outcome(p.exitValue(), false, System.currentTimeMillis() - start, log);
    }
}
