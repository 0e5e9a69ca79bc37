package dev.keel.boot.translate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Pass 5, compile: runs gcc on the emitted C with the runtime. Hosted builds link a Linux
 * executable; freestanding builds compile objects with the kernel's flags. Both use
 * {@code -std=c11 -Wall -Wextra -O2}; with {@code werror} any warning fails the build.
 */
public final class Gcc {

    public static final List<String> COMMON = List.of("-std=c11", "-Wall", "-Wextra", "-O2", "-fno-strict-aliasing");
    public static final List<String> FREESTANDING = List.of("-ffreestanding", "-nostdlib", "-mgeneral-regs-only",
            "-mno-red-zone", "-fno-pic", "-mcmodel=kernel");
    private static final String[] RUNTIME = {"keel_rt.h", "keel_rt.c", "keel_rt_hosted.c", "keel_rt_free.c"};

    private Gcc() {
    }

    /** Writes the runtime sources into {@code dir}. */
    public static void writeRuntime(Path dir) {
        try {
            Files.createDirectories(dir);
            for (String f : RUNTIME) {
                try (InputStream in = Gcc.class.getResourceAsStream("rt/" + f)) {
                    if (in == null) {
                        throw new IllegalStateException("runtime source missing from the jar: " + f);
                    }
                    Files.write(dir.resolve(f), in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compiles and links a hosted executable from {@code program.c} in {@code dir}. */
    public static Result hosted(Path dir0, Path source0, Path exe0, boolean werror, List<String> extra) {
        Path dir = dir0.toAbsolutePath();
        Path source = source0.toAbsolutePath();
        Path exe = exe0.toAbsolutePath();
        writeRuntime(dir);
        List<String> cmd = new ArrayList<>(List.of("gcc"));
        cmd.addAll(COMMON);
        if (werror) {
            cmd.add("-Werror");
        }
        cmd.addAll(extra);
        cmd.addAll(List.of("-DKEEL_HOSTED", "-I", dir.toString(), "-o", exe.toString(), source.toString(),
                dir.resolve("keel_rt.c").toString(), dir.resolve("keel_rt_hosted.c").toString()));
        return run(cmd, dir);
    }

    /** Compiles {@code source} and the freestanding runtime to objects with the kernel's flags. */
    public static Result freestanding(Path dir0, Path source0, boolean werror) {
        Path dir = dir0.toAbsolutePath();
        Path source = source0.toAbsolutePath();
        writeRuntime(dir);
        Result last = null;
        for (Path src : List.of(source, dir.resolve("keel_rt.c"), dir.resolve("keel_rt_free.c"))) {
            List<String> cmd = new ArrayList<>(List.of("gcc"));
            cmd.addAll(COMMON);
            cmd.addAll(FREESTANDING);
            if (werror) {
                cmd.add("-Werror");
            }
            String name = src.getFileName().toString().replace(".c", ".free.o");
            cmd.addAll(List.of("-I", dir.toString(), "-c", "-o", dir.resolve(name).toString(), src.toString()));
            last = run(cmd, dir);
            if (!last.ok()) {
                return last;
            }
        }
        return last;
    }

    /** The outcome of one gcc run: exit status and everything it printed. */
    public record Result(int exit, String output) {
        public boolean ok() {
            return exit == 0;
        }
    }

    static Result run(List<String> cmd, Path dir) {
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new TranslationException("gcc timed out: " + String.join(" ", cmd));
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run gcc", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TranslationException("interrupted while running gcc");
        }
    }
}
