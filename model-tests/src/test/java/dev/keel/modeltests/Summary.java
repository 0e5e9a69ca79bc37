package dev.keel.modeltests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The module's lines for target/summary.txt. Each check stores its line under a key; the file is
 * rewritten from all stored lines, in key order, so it is whole whichever tests ran.
 */
final class Summary {

    private Summary() {
    }

    /**
     * Records the figures of one check (traces, steps, seconds; covered and reachable states, or
     * -1) and rewrites the first line of the summary: the totals over every check that ran.
     */
    static synchronized void figures(String key, long traces, long steps, double seconds, long covered,
            long reachable, String what) {
        Path file = Path.of(System.getProperty("modeltests.summary", "target/summary.txt"));
        Path dir = file.resolveSibling("summary-figures");
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(key), traces + " " + steps + " " + seconds + " " + covered + " "
                + reachable + " " + what + "\n", StandardCharsets.UTF_8);
            long t = 0;
            long n = 0;
            double secs = 0;
            List<String> coverage = new ArrayList<>();
            try (Stream<Path> s = Files.list(dir).sorted()) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    String[] f = Files.readString(p, StandardCharsets.UTF_8).trim().split(" ");
                    t += Long.parseLong(f[0]);
                    n += Long.parseLong(f[1]);
                    secs += Double.parseDouble(f[2]);
                    long cov = Long.parseLong(f[3]);
                    long reach = Long.parseLong(f[4]);
                    if (cov >= 0) {
                        coverage.add(String.format("%,d of %s reachable %s states", cov,
                            reach < 0 ? "?" : String.format("%,d", reach), f[5]));
                    }
                }
            }
            String cov = coverage.isEmpty() ? "" : "; covered " + String.join(", ", coverage);
            put("0-total", String.format("Conformance: %,d traces, %,d steps checked against the specs%s; %.0f s",
                t, n, cov, secs));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized void put(String key, String line) {
        Path file = Path.of(System.getProperty("modeltests.summary", "target/summary.txt"));
        Path parts = file.resolveSibling("summary-parts");
        try {
            Files.createDirectories(parts);
            if (!key.contains("-known-")) {
                // A check's known-discrepancy lines follow its figures line: drop those of an
                // earlier run, which may list discrepancies fixed since.
                try (Stream<Path> old = Files.list(parts)) {
                    for (Path p : (Iterable<Path>) old::iterator) {
                        if (p.getFileName().toString().startsWith(key + "-known-")) {
                            Files.delete(p);
                        }
                    }
                }
            }
            Files.writeString(parts.resolve(key), line + "\n", StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>();
            try (Stream<Path> s = Files.list(parts).sorted()) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    lines.add(Files.readString(p, StandardCharsets.UTF_8).strip());
                }
            }
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("[model-tests] " + line);
    }
}
