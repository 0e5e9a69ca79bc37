package dev.keel.proofs.raw;

import java.util.ArrayList;
import java.util.List;

/**
 * Reviewed exceptions to the raw-access rule (proofs/raw-access-exceptions.txt), one a line:
 * {@code <caller class> <target> | <reason>}, where the target is a member ({@code X.m}) or every
 * member of a class ({@code X.*}). The reason is mandatory: an exception is a reviewed decision.
 */
record RawAccessExceptions(List<Entry> entries) {

    record Entry(String caller, String target, String reason, int line) {

        boolean matches(Violation v) {
            if (!v.caller().equals(caller) && !v.caller().startsWith(caller + "$")) {
                return false;
            }
            if (target.endsWith(".*")) {
                String cls = target.substring(0, target.length() - 2);
                return v.target().equals(cls) || v.target().startsWith(cls + ".");
            }
            return v.target().equals(target);
        }
    }

    static RawAccessExceptions parse(List<String> lines) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int bar = line.indexOf('|');
            String[] head = (bar < 0 ? line : line.substring(0, bar)).trim().split("\\s+");
            String reason = bar < 0 ? "" : line.substring(bar + 1).trim();
            if (head.length != 2 || reason.isEmpty()) {
                throw new IllegalArgumentException("raw-access exceptions, line " + (i + 1)
                        + ": expected '<caller class> <target> | <reason>', got: " + line);
            }
            entries.add(new Entry(head[0], head[1], reason, i + 1));
        }
        return new RawAccessExceptions(List.copyOf(entries));
    }

    /** The entry that covers {@code v}, or null. */
    Entry find(Violation v) {
        for (Entry e : entries) {
            if (e.matches(v)) {
                return e;
            }
        }
        return null;
    }
}
