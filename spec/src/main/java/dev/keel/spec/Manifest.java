package dev.keel.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The checked-in list of models: parsing, duplicate detection and selection by tag. */
public final class Manifest {

    private Manifest() {
    }

    /** Reads every entry of the manifest file. */
    public static List<ModelEntry> read(Path file) throws IOException {
        return parse(Files.readAllLines(file));
    }

    /** Parses manifest lines; blank lines and '#' comments are skipped, names must be unique. */
    public static List<ModelEntry> parse(List<String> lines) {
        List<ModelEntry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = stripComment(lines.get(i));
            if (line.isBlank()) {
                continue;
            }
            ModelEntry e = ModelEntry.parse(line, i + 1);
            if (!names.add(e.name())) {
                throw new IllegalArgumentException("manifest line " + (i + 1) + ": duplicate model name " + e.name());
            }
            entries.add(e);
        }
        return entries;
    }

    /** The entries carrying at least one of the given tags, in manifest order. */
    public static List<ModelEntry> select(List<ModelEntry> entries, Set<String> tags) {
        List<ModelEntry> out = new ArrayList<>();
        for (ModelEntry e : entries) {
            for (String t : tags) {
                if (e.tags().contains(t)) {
                    out.add(e);
                    break;
                }
            }
        }
        return out;
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }
}
