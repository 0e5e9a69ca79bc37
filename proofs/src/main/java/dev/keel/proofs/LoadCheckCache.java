package dev.keel.proofs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Remembers, under target/, which files KeY could not read, keyed by a digest of every source file
 * KeY loads. A run on unchanged sources then skips the KeY loads that found them.
 */
final class LoadCheckCache {

    private LoadCheckCache() {
    }

    /** A digest of the relative paths and contents of the .java files under the roots, in order. */
    static String key(List<Path> roots) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(("key.core 2.12.3; " + SourceCopy.KEY_KEYWORDS).getBytes(StandardCharsets.UTF_8));
            for (Path root : roots) {
                if (!Files.isDirectory(root)) {
                    continue;
                }
                for (Path rel : SourceCopy.javaFiles(root)) {
                    md.update(rel.toString().getBytes(StandardCharsets.UTF_8));
                    md.update((byte) 0);
                    md.update(Files.readAllBytes(root.resolve(rel)));
                    md.update((byte) 0);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** The cached files and errors when the cache was written for {@code key}; otherwise empty. */
    static Map<String, String> read(Path cache, String key) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (!Files.exists(cache)) {
            return out;
        }
        List<String> lines = Files.readAllLines(cache, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals("# " + key)) {
            return out;
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", 2);
            if (f.length == 2) {
                out.put(f[0], f[1]);
            }
        }
        return out;
    }

    static void write(Path cache, String key, Map<String, String> unreadable) throws IOException {
        StringBuilder sb = new StringBuilder("# ").append(key).append('\n');
        unreadable.forEach((f, e) -> sb.append(f).append('\t').append(e).append('\n'));
        Files.writeString(cache, sb.toString(), StandardCharsets.UTF_8);
    }
}
