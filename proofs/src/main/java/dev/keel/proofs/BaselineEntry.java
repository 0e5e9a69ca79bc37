package dev.keel.proofs;

/**
 * One line of baseline.txt: a contract that must close, or one known to stay open and why.
 *
 * @param id     KeY's contract name, as in the report
 * @param closed true when the contract must close
 * @param reason why an open contract stays open; empty for a closed one
 * @param delayedAxioms true when the contract's proof runs with class axioms delayed
 */
public record BaselineEntry(String id, boolean closed, String reason, boolean delayedAxioms) {

    static final String SEPARATOR = " | ";

    /** An entry whose proof runs with class axioms free, KeY's default. */
    public BaselineEntry(String id, boolean closed, String reason) {
        this(id, closed, reason, false);
    }

    public BaselineEntry {
        if (id.isBlank()) {
            throw new IllegalArgumentException("baseline contract id must not be blank");
        }
        if (id.contains("|")) {
            throw new IllegalArgumentException("baseline contract id must not contain '|': " + id);
        }
        if (!closed && delayedAxioms) {
            throw new IllegalArgumentException("only a closed contract records its class-axiom setting: " + id);
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
        if (closed) {
            return id + SEPARATOR + "closed" + (delayedAxioms ? SEPARATOR + KeySettings.DELAYED_AXIOMS : "");
        }
        return id + SEPARATOR + "open" + SEPARATOR + reason.replace('|', '/');
    }
}
