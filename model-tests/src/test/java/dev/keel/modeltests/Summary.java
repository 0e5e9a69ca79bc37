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

    static synchronized void put(String key, String line) {
        Path file = Path.of(System.getProperty("modeltests.summary", "target/summary.txt"));
        Path parts = file.resolveSibling("summary-parts");
        try {
            Files.createDirectories(parts);
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
