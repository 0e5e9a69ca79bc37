package dev.keel.proofs.mutation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the mutant manifest (proofs/mutation/mutants.txt): blocks headed {@code [name]} with the
 * keys file, method, description, find and replace. {@code \n} in find and replace is a line break and
 * {@code \\} a backslash. Errors name the line.
 */
public final class Manifest {

    private static final List<String> KEYS = List.of("file", "method", "description", "find", "replace");

    private Manifest() {
    }

    public static List<Mutant> parse(List<String> lines) {
        List<Mutant> mutants = new ArrayList<>();
        Set<String> names = new HashSet<>();
        String name = null;
        int nameLine = 0;
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int n = i + 1;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (name != null) {
                    mutants.add(build(name, nameLine, fields));
                }
                if (!line.endsWith("]")) {
                    throw new IllegalArgumentException("line " + n + ": a mutant header is [name]: " + line);
                }
                name = line.substring(1, line.length() - 1).trim();
                nameLine = n;
                if (!names.add(name)) {
                    throw new IllegalArgumentException("line " + n + ": mutant " + name + " is defined twice");
                }
                fields = new LinkedHashMap<>();
                continue;
            }
            int colon = line.indexOf(':');
            if (name == null || colon < 0) {
                throw new IllegalArgumentException("line " + n + ": expected [name] or key: value, got: " + line);
            }
            String key = line.substring(0, colon).trim();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("line " + n + ": unknown key '" + key + "' (keys: " + KEYS + ")");
            }
            if (fields.containsKey(key)) {
                throw new IllegalArgumentException("line " + n + ": key '" + key + "' given twice for mutant " + name);
            }
            String value = line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            fields.put(key, value);
        }
        if (name != null) {
            mutants.add(build(name, nameLine, fields));
        }
        if (mutants.isEmpty()) {
            throw new IllegalArgumentException("the manifest defines no mutant");
        }
        return mutants;
    }

    private static Mutant build(String name, int line, Map<String, String> f) {
        for (String k : KEYS) {
            if (!f.containsKey(k)) {
                throw new IllegalArgumentException("mutant " + name + " (line " + line + "): missing key '" + k + "'");
            }
        }
        return new Mutant(name, f.get("file").trim(), f.get("description").trim(), unescape(f.get("find")),
                unescape(f.get("replace")), f.get("method").trim());
    }

    static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char d = s.charAt(i + 1);
                if (d == 'n') {
                    b.append('\n');
                    i++;
                    continue;
                }
                if (d == '\\') {
                    b.append('\\');
                    i++;
                    continue;
                }
            }
            b.append(c);
        }
        return b.toString();
    }
}
