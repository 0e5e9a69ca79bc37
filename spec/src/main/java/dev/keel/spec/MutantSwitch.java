package dev.keel.spec;

/**
 * Turns a model's configuration into the configuration of one of its mutants. Every spec carries a
 * constant {@code Mutant}; its configurations set {@code Mutant = "none"} exactly once, and a
 * mutant run replaces that value, so mutants are derived from the one spec and never copied.
 */
public final class MutantSwitch {

    private static final String DEFAULT = "Mutant = \"none\"";

    private MutantSwitch() {
    }

    /** The configuration text with the mutant switched on; fails if the switch is not there once. */
    public static String apply(String config, String mutant) {
        if (!mutant.matches("[A-Za-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("mutant name must be an identifier: " + mutant);
        }
        int first = config.indexOf(DEFAULT);
        if (first < 0 || config.indexOf(DEFAULT, first + 1) >= 0) {
            throw new IllegalArgumentException("configuration must set " + DEFAULT + " exactly once");
        }
        return config.replace(DEFAULT, "Mutant = \"" + mutant + "\"");
    }
}
