package dev.keel.spec;

/**
 * What a TLC run must conclude: {@code pass}, {@code invariant:Name}, {@code property:Name} (an
 * action property, named by TLC), {@code temporal} (a liveness property; TLC does not name which),
 * or {@code deadlock}.
 */
public record Expectation(Kind kind, String property) {

    /** The outcome classes TLC reports. */
    public enum Kind { PASS, INVARIANT, PROPERTY, TEMPORAL, DEADLOCK }

    /** Parses the manifest's expect column. */
    public static Expectation parse(String s, int lineNo) {
        if (s.equals("pass")) {
            return new Expectation(Kind.PASS, null);
        }
        if (s.equals("temporal")) {
            return new Expectation(Kind.TEMPORAL, null);
        }
        if (s.equals("deadlock")) {
            return new Expectation(Kind.DEADLOCK, null);
        }
        if (s.startsWith("invariant:") && s.length() > 10) {
            return new Expectation(Kind.INVARIANT, s.substring(10));
        }
        if (s.startsWith("property:") && s.length() > 9) {
            return new Expectation(Kind.PROPERTY, s.substring(9));
        }
        throw new IllegalArgumentException("manifest line " + lineNo + ": expect must be pass, temporal, deadlock, "
            + "invariant:Name or property:Name, found: " + s);
    }

    /** True if the run must find no error. */
    public boolean passes() {
        return kind == Kind.PASS;
    }

    @Override
    public String toString() {
        return property == null ? kind.name().toLowerCase() : kind.name().toLowerCase() + ":" + property;
    }
}
