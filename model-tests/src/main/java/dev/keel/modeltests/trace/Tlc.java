package dev.keel.modeltests.trace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs TLC in a forked JVM (TLC ends with System.exit) with one worker, its metadir and temporary
 * files under the work folder, and a wall-clock limit. Specs EXTENDed or INSTANCEd from the spec
 * folder are found through TLA-Library.
 */
public final class Tlc {

    /** TLC's exit code, its whole output, and whether it ran past the limit. */
    public record Result(int exit, String output, boolean timedOut, double seconds) {
        public boolean ok() {
            return exit == 0 && !timedOut;
        }
    }

    private final Path specs;
    private final long timeoutSeconds;

    public Tlc(Path specs, long timeoutSeconds) {
        this.specs = specs.toAbsolutePath();
        this.timeoutSeconds = timeoutSeconds;
    }

    /** Checks {@code module}.tla in {@code dir} with the config file {@code config} there, plus extra TLC options. */
    public Result run(Path dir, String module, String config, List<String> options) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("tmp"));
        List<String> cmd = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:+UseSerialGC", "-Xmx512m", "-XX:TieredStopAtLevel=1",
            "-Djava.io.tmpdir=" + dir.resolve("tmp"),
            "-DTLA-Library=" + specs,
            "-cp", System.getProperty("java.class.path"),
            "tlc2.TLC", "-workers", "1", "-metadir", dir.resolve("meta").toString(), "-cleanup",
            "-nowarning", "-config", config));
        cmd.addAll(options);
        cmd.add(module);
        Path log = dir.resolve(config.replace(".cfg", "") + ".log");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
            .redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!done) {
            p.destroyForcibly();
            p.waitFor();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        return new Result(done ? p.exitValue() : -1, Files.readString(log, StandardCharsets.UTF_8), !done, secs);
    }
}
