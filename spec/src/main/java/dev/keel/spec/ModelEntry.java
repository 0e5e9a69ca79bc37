package dev.keel.spec;

import java.util.List;
import java.util.Set;

/**
 * One line of the model manifest: which TLA+ module to check with which configuration, which
 * mutant switch to set, what TLC must conclude, and how many distinct states a passing run finds.
 *
 * <p>Line format (whitespace separated, '#' starts a comment):
 * {@code name module config mutant expect distinct tags}. {@code mutant} is {@code -} for the spec
 * itself; {@code distinct} is {@code -} where the count is not deterministic (violations);
 * {@code tags} is a comma list: {@code small} or {@code deep}, and {@code nodeadlock} to let TLC
 * accept states without successors.
 */
public record ModelEntry(String name, String module, String config, String mutant,
                         Expectation expect, long distinct, Set<String> tags) {

    /** Marks an unknown or unchecked distinct-state count. */
    public static final long ANY_COUNT = -1;

    /** Parses one non-comment manifest line; {@code lineNo} is used in the error message. */
    public static ModelEntry parse(String line, int lineNo) {
        String[] f = line.trim().split("\\s+");
        if (f.length != 7) {
            throw new IllegalArgumentException("manifest line " + lineNo + ": expected 7 fields "
                + "(name module config mutant expect distinct tags), found " + f.length + ": " + line);
        }
        long distinct = f[5].equals("-") ? ANY_COUNT : parseCount(f[5], lineNo);
        Set<String> tags = Set.copyOf(List.of(f[6].split(",")));
        if (!tags.contains("small") && !tags.contains("deep")) {
            throw new IllegalArgumentException("manifest line " + lineNo + ": tags must include small or deep: " + f[6]);
        }
        String mutant = f[3].equals("-") ? null : f[3];
        Expectation expect = Expectation.parse(f[4], lineNo);
        if (mutant != null && expect.passes()) {
            throw new IllegalArgumentException("manifest line " + lineNo + ": mutant " + mutant + " must expect a violation");
        }
        return new ModelEntry(f[0], f[1], f[2], mutant, expect, distinct, tags);
    }

    private static long parseCount(String s, int lineNo) {
        try {
            return Long.parseLong(s.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("manifest line " + lineNo + ": bad distinct-state count: " + s);
        }
    }

    /** True for a vacuity mutant: a run that must end in the expected violation. */
    public boolean isMutant() {
        return mutant != null;
    }

    /** True if TLC should not report states without successors as deadlock. */
    public boolean allowsDeadlock() {
        return tags.contains("nodeadlock");
    }
}
