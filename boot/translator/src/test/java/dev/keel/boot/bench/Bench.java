package dev.keel.boot.bench;

import dev.keel.boot.translate.Console;
import dev.keel.boot.translate.EntryPoint;
import dev.keel.boot.translate.Gcc;
import dev.keel.boot.translate.Translator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The translator benchmark (prints figures; not a test). Run with
 * {@code mvn -B -o -pl boot/translator test-compile exec:java@bench}.
 *
 * <ol>
 *   <li>translation time of the corpus and the benchmark program (median of 5);</li>
 *   <li>for each kernel of {@link BenchKernels}: native time per operation (gcc -O2, hosted; the
 *       difference of two round counts, so process start-up cancels out) against HotSpot in
 *       steady state (after warm-up, best of 5), both with the same checksum;</li>
 *   <li>instructions per operation under callgrind, when valgrind is installed.</li>
 * </ol>
 */
public final class Bench {

    private static final Path TARGET = Path.of(System.getProperty("keel.translator.target", "boot/translator/target"));

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Path target = (Files.isDirectory(TARGET) ? TARGET : Path.of("target")).toAbsolutePath();
        List<Path> cp = List.of(target.resolve("test-classes"), target.resolve("classes"));
        List<EntryPoint> entries = List.of(EntryPoint.of("dev.keel.boot.bench.BenchKernels", "run", "([J)V", "bench"));
        List<EntryPoint> corpus = new ArrayList<>();
        for (String p : List.of("IntArith", "LongArith", "Conversions", "Branches", "Arrays", "Objects", "Dispatch",
                "Interfaces", "StaticInit", "Strings", "Panics", "MathLib", "CapTable", "RunQueue", "PageTable")) {
            corpus.add(EntryPoint.of("dev.keel.boot.corpus." + p, "run", "([J)V", "c_" + p));
        }
        long[] times = new long[5];
        String c = null;
        for (int i = 0; i < times.length; i++) {
            long t0 = System.nanoTime();
            Translator.translate(cp, corpus, true);
            times[i] = System.nanoTime() - t0;
        }
        Arrays.sort(times);
        System.out.printf("translation: corpus of %d programs in %.1f ms (median of 5, first run %s)%n",
                corpus.size(), times[2] / 1e6, "included");
        c = Translator.translate(cp, entries, true);
        Path dir = target.resolve("bench-c");
        Files.createDirectories(dir);
        Path src = dir.resolve("bench.c");
        Files.writeString(src, c);
        Path exe = dir.resolve("bench");
        long g0 = System.nanoTime();
        Gcc.Result r = Gcc.hosted(dir, src, exe, true, List.of());
        if (!r.ok()) {
            throw new IllegalStateException(r.output());
        }
        System.out.printf("gcc -O2 hosted build: %.0f ms, %d lines of C%n", (System.nanoTime() - g0) / 1e6,
                c.lines().count());
        boolean valgrind = Files.isExecutable(Path.of("/usr/bin/valgrind"));
        System.out.println();
        System.out.printf("%-18s %12s %12s %8s %14s%n", "kernel", "native ns/op", "HotSpot ns/op", "ratio",
                "callgrind Ir/op");
        for (int k = 0; k < BenchKernels.NAMES.length; k++) {
            int small = k == 1 ? 200_000 : 2_000;
            int large = k == 1 ? 20_000_000 : 200_000;
            long ops = (long) (large - small) * BenchKernels.OPS_PER_ROUND[k];
            double nat = nativeSeconds(exe, k, small, large, dir) * 1e9 / ops;
            double hot = hotspotSeconds(k, small, large) * 1e9 / ops;
            String ir = "-";
            if (valgrind) {
                int a = k == 1 ? 20_000 : 200;
                int b = k == 1 ? 120_000 : 1_200;
                double irs = (callgrind(exe, k, b, dir) - callgrind(exe, k, a, dir))
                        / (double) ((long) (b - a) * BenchKernels.OPS_PER_ROUND[k]);
                ir = String.format("%.1f", irs);
            }
            System.out.printf("%-18s %12.2f %12.2f %8.2f %14s%n", BenchKernels.NAMES[k], nat, hot, nat / hot, ir);
        }
        System.out.println("(ratio = native / HotSpot; below 1 means the translated code is faster)");
    }

    private static String runNative(Path exe, int k, int rounds, Path dir) {
        Gcc.Result r = runCmd(List.of(exe.toString(), "bench", Integer.toString(k), Integer.toString(rounds)), dir);
        return r.output().trim();
    }

    private static Gcc.Result runCmd(List<String> cmd, Path dir) {
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            p.waitFor();
            return new Gcc.Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Seconds for (large - small) rounds natively: best of 3 of each, subtracted. */
    private static double nativeSeconds(Path exe, int k, int small, int large, Path dir) {
        double ts = Double.MAX_VALUE;
        double tl = Double.MAX_VALUE;
        String expect = Long.toString(BenchKernels.work(k, large));
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            runNative(exe, k, small, dir);
            long t1 = System.nanoTime();
            String out = runNative(exe, k, large, dir);
            long t2 = System.nanoTime();
            if (!out.equals(expect)) {
                throw new IllegalStateException("native checksum " + out + " differs from the JVM's " + expect);
            }
            ts = Math.min(ts, (t1 - t0) / 1e9);
            tl = Math.min(tl, (t2 - t1) / 1e9);
        }
        return Math.max(tl - ts, 1e-9);
    }

    /** Seconds for (large - small) rounds on HotSpot after warm-up: best of 5. */
    private static double hotspotSeconds(int k, int small, int large) {
        long sink = 0;
        for (int i = 0; i < 5; i++) {
            sink += BenchKernels.work(k, large);
        }
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            sink += BenchKernels.work(k, large);
            long t1 = System.nanoTime();
            sink += BenchKernels.work(k, small);
            long t2 = System.nanoTime();
            best = Math.min(best, ((t1 - t0) - (t2 - t1)) / 1e9);
        }
        if (sink == 42) {
            System.out.print("");
        }
        return Math.max(best, 1e-9);
    }

    private static long callgrind(Path exe, int k, int rounds, Path dir) {
        Gcc.Result r = runCmd(List.of("valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                exe.toString(), "bench", Integer.toString(k), Integer.toString(rounds)), dir);
        Matcher m = Pattern.compile("Collected : (\\d+)").matcher(r.output());
        if (!m.find()) {
            throw new IllegalStateException("no callgrind total in:\n" + r.output());
        }
        return Long.parseLong(m.group(1));
    }

    static String captureJvm(Runnable run) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = Console.sink;
        Console.sink = new PrintStream(buf, true, StandardCharsets.UTF_8);
        try {
            run.run();
        } finally {
            Console.sink = old;
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
