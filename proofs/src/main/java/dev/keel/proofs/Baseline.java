package dev.keel.proofs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The checked-in list of contracts and their expected result. Format, one contract per line:
 * <pre>
 *   &lt;contract id&gt; | closed
 *   &lt;contract id&gt; | closed | delayed class axioms
 *   &lt;contract id&gt; | open | &lt;reason&gt;
 * </pre>
 * Blank lines and lines starting with '#' are ignored. Entries are kept sorted by id.
 */
public final class Baseline {

    static final String HEADER = """
            # KeY baseline of the kernel's JML contracts, one per line:
            #   <contract id> | closed            the proof must close; the build fails if it does not
            #   <contract id> | closed | delayed class axioms
            #                                     the same, proved with KeY's class axioms delayed
            #   <contract id> | open | <reason>   known to stay open within the default bounds
            # Regenerate with: mvn -B -pl proofs -am verify -Dproofs.updateBaseline=true
            # (regeneration never turns a closed contract into an open one; see proofs/README.md).
            """;

    private final Map<String, BaselineEntry> entries;

    public Baseline(Collection<BaselineEntry> entries) {
        Map<String, BaselineEntry> m = new TreeMap<>();
        for (BaselineEntry e : entries) {
            if (m.put(e.id(), e) != null) {
                throw new IllegalArgumentException("contract listed twice in the baseline: " + e.id());
            }
        }
        this.entries = m;
    }

    public static Baseline parse(List<String> lines, String source) {
        List<BaselineEntry> entries = new ArrayList<>();
        Map<String, Integer> lineOf = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = source + ":" + (i + 1);
            String[] f = line.split("\\s*\\|\\s*", 3);
            if (f.length < 2) {
                throw new IllegalArgumentException(where + ": expected '<id> | closed' or '<id> | open | <reason>', got: " + line);
            }
            String id = f[0].strip();
            String status = f[1].strip();
            if (lineOf.put(id, i + 1) != null) {
                throw new IllegalArgumentException(where + ": contract listed twice (first on line " + lineOf.get(id) + "): " + id);
            }
            if (status.equals("closed")) {
                boolean delayed = f.length == 3 && f[2].strip().equals(KeySettings.DELAYED_AXIOMS);
                if (f.length == 3 && !delayed) {
                    throw new IllegalArgumentException(where + ": a closed contract takes no reason, only '"
                            + KeySettings.DELAYED_AXIOMS + "': " + line);
                }
                entries.add(new BaselineEntry(id, true, "", delayed));
            } else if (status.equals("open")) {
                if (f.length < 3 || f[2].isBlank()) {
                    throw new IllegalArgumentException(where + ": an open contract needs a reason: " + line);
                }
                entries.add(new BaselineEntry(id, false, f[2].strip()));
            } else {
                throw new IllegalArgumentException(where + ": status must be 'closed' or 'open', got '" + status + "'");
            }
        }
        return new Baseline(entries);
    }

    /** Reads the baseline; a missing file is an empty baseline (every contract is then new). */
    public static Baseline read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new Baseline(List.of());
        }
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    public void write(Path file) throws IOException {
        Files.writeString(file, format(), StandardCharsets.UTF_8);
    }

    public String format() {
        StringBuilder sb = new StringBuilder(HEADER);
        for (BaselineEntry e : entries.values()) {
            sb.append(e.toLine()).append('\n');
        }
        return sb.toString();
    }

    public BaselineEntry get(String id) {
        return entries.get(id);
    }

    public Collection<BaselineEntry> entries() {
        return entries.values();
    }

    public long mustClose() {
        return entries.values().stream().filter(BaselineEntry::closed).count();
    }
}
