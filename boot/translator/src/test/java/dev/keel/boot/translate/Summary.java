package dev.keel.boot.translate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * target/summary.txt for the build summary: each test class contributes a part under a key;
 * the parts are kept in target/summary.parts so classes may finish in any order (all test classes
 * run in one forked JVM; parts written by an earlier JVM are dropped).
 */
final class Summary {

    private static final List<String> ORDER = List.of("corpus", "jqwik", "freestanding", "coverage", "kernel", "kernelprops", "timing");

    private Summary() {
    }

    static synchronized void put(String key, String text) {
        try {
            Path parts = Corpus.TARGET.resolve("summary.parts");
            Map<String, String> map = new TreeMap<>();
            String run = Long.toString(java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime());
            if (Files.exists(parts) && Files.readAllLines(parts).contains("run=" + run)) {
                for (String line : Files.readAllLines(parts)) {
                    int eq = line.indexOf('=');
                    if (eq > 0) {
                        map.put(line.substring(0, eq), line.substring(eq + 1));
                    }
                }
            }
            map.put(key, text);
            map.put("run", run); // parts of an earlier test run are dropped
            StringBuilder file = new StringBuilder();
            map.forEach((k, v) -> file.append(k).append('=').append(v).append('\n'));
            Files.writeString(parts, file);
            StringBuilder s = new StringBuilder("Translator: ");
            boolean first = true;
            for (String k : ORDER) {
                if (map.containsKey(k)) {
                    s.append(first ? "" : "; ").append(map.get(k));
                    first = false;
                }
            }
            Files.writeString(Corpus.TARGET.resolve("summary.txt"), s.append('\n').toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
