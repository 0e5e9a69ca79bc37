package dev.keel.modeltests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.keel.modeltests.trace.TraceChecker;

/**
 * The list of known discrepancies (known-discrepancies.txt): a failure whose key is listed is
 * reported, not fatal; an unlisted failure, or a listed key of the spec that no longer occurs,
 * fails the check.
 */
final class Known {

    private Known() {
    }

    static Map<String, String> read() {
        Path f = Path.of(System.getProperty("modeltests.known", "known-discrepancies.txt"));
        Map<String, String> m = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int bar = line.indexOf('|');
                if (bar < 0) {
                    throw new IllegalArgumentException(f + ": line without '|': " + line);
                }
                m.put(line.substring(0, bar).trim(), line.substring(bar + 1).trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    /** The verdict on {@code failures} of {@code spec}: summary lines, and the problems that fail the build. */
    record Verdict(List<String> lines, List<String> problems) { }

    /** {@code check} is "trace/Capabilities" or "generated/Capabilities": the prefix of its keys. */
    static Verdict judge(String check, List<TraceChecker.Failure> failures) {
        String spec = check;
        Map<String, String> known = read();
        Map<String, List<TraceChecker.Failure>> byKey = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (TraceChecker.Failure f : failures) {
            String key = check.substring(0, check.indexOf('/') + 1) + f.key();
            if (known.containsKey(key)) {
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
            } else {
                problems.add("DISCREPANCY " + f.describe());
            }
        }
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, String> k : known.entrySet()) {
            if (!k.getKey().startsWith(spec + ":")) {
                continue;
            }
            List<TraceChecker.Failure> hits = byKey.get(k.getKey());
            if (hits == null) {
                problems.add("known discrepancy " + k.getKey() + " no longer occurs: remove it from known-discrepancies.txt");
                continue;
            }
            lines.add("KNOWN DISCREPANCY " + k.getKey() + ": " + hits.size() + " trace(s), first: "
                + hits.get(0).describe().strip().replace("\n", " ") + " -- " + k.getValue());
        }
        return new Verdict(lines, problems);
    }
}
