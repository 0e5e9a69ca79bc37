package dev.keel.proofs;

/**
 * One line of baseline.txt: a contract that must close, or one known to stay open and why.
 *
 * @param id     KeY's contract name, as in the report
 * @param closed true when the contract must close
 * @param reason why an open contract stays open; empty for a closed one
 */
public record BaselineEntry(String id, boolean closed, String reason) {

    static final String SEPARATOR = " | ";

    public BaselineEntry {
        if (id.isBlank()) {
            throw new IllegalArgumentException("baseline contract id must not be blank");
        }
        if (id.contains("|")) {
            throw new IllegalArgumentException("baseline contract id must not contain '|': " + id);
        }
        if (!closed && reason.isBlank()) {
            throw new IllegalArgumentException("open contract needs a reason in the baseline: " + id);
        }
    }

    /** The class of the contract: KeY names a contract {@code pkg.Class[pkg.Class::m(..)].kind.n}. */
    public String className() {
        int bracket = id.indexOf('[');
        return bracket < 0 ? id : id.substring(0, bracket);
    }

    public String toLine() {
        return closed ? id + SEPARATOR + "closed" : id + SEPARATOR + "open" + SEPARATOR + reason.replace('|', '/');
    }
}
