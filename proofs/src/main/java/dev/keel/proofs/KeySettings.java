package dev.keel.proofs;

import de.uka.ilkd.key.settings.ChoiceSettings;
import de.uka.ilkd.key.settings.ProofIndependentSettings;
import de.uka.ilkd.key.settings.ProofSettings;
import de.uka.ilkd.key.strategy.StrategyProperties;
import de.uka.ilkd.key.util.MiscTools;

import java.util.HashMap;
import java.util.Map;

/**
 * The KeY settings of every proof. They are sound: Java int arithmetic is checked for overflow and
 * every runtime exception is a proof obligation (a contract whose method can throw one does not close).
 */
final class KeySettings {

    /** Taclet options that make the calculus sound for the kernel; applied before any source is loaded. */
    static final Map<String, String> SOUND_CHOICES = Map.of(
            "intRules", "intRules:arithmeticSemanticsCheckingOF",
            "runtimeExceptions", "runtimeExceptions:ban");

    private KeySettings() {
    }

    /**
     * Writes the sound taclet options into KeY's default settings. KeY copies these into the
     * environment when it loads the sources, so this must run before {@code KeYEnvironment.load}.
     */
    static Map<String, String> applySoundChoices() {
        ChoiceSettings choices = ProofSettings.DEFAULT_SETTINGS.getChoiceSettings();
        HashMap<String, String> defaults = new HashMap<>(choices.getDefaultChoices());
        defaults.putAll(MiscTools.getDefaultTacletOptions());
        defaults.putAll(SOUND_CHOICES);
        choices.setDefaultChoices(defaults);
        return Map.copyOf(choices.getDefaultChoices());
    }

    /**
     * Switches off KeY's origin labels. They record, on every term, which part of the source or
     * contract it came from, for the user interface's display; no rule reads them, so a proof closes
     * or stays open the same way without them. Keeping them up to date was a large part of each
     * rule application and of setting up each proof obligation (the term factory and
     * {@code TermLabelManager.removeIrrelevantLabels} led the prover's profile). Must run before
     * {@code KeYEnvironment.load}.
     */
    static void disableOriginLabels() {
        ProofIndependentSettings.DEFAULT_INSTANCE.getTermLabelSettings().setUseOriginLabels(false);
        // KeY keeps a second copy of this setting in the default proof settings, and reads that one
        // while it builds a proof obligation's class-axiom taclets: with it on, every term put into
        // or looked up in a replacement map was first rebuilt without its irrelevant labels, which
        // was about half of setting up each proof.
        ProofSettings.DEFAULT_SETTINGS.getTermLabelSettings().setUseOriginLabels(false);
    }

    /** How the report and the baseline name the two class-axiom settings of {@link #strategy}. */
    static final String FREE_AXIOMS = "free class axioms";
    static final String DELAYED_AXIOMS = "delayed class axioms";

    /**
     * The auto-mode strategy: method calls use their contracts (modular proofs), loops use their
     * invariants (a loop without one stays open rather than being unrolled), queries and dependency
     * contracts are on, and non-linear arithmetic is handled for the defined operators. The prover
     * works on every goal (it does not stop at the first unclosable one), so the open goals it leaves
     * are all the goals it could not close within the bounds.
     *
     * <p>Class axioms (the definitions of invariants, model fields and queries) are either free, KeY's
     * default, which unfolds them wherever they match, or delayed until no cheaper rule applies. Neither
     * is better for every contract: delayed takes some proofs that unfold invariants over and over
     * (the timer entry, the capability calls) from thousands of steps to hundreds, and leaves loops
     * over a class's own arrays open. The baseline records the setting each closed contract is proved
     * with; which setting is used does not change what a closed proof shows.
     */
    static StrategyProperties strategy(boolean delayedAxioms) {
        StrategyProperties sp = new StrategyProperties();
        sp.setProperty(StrategyProperties.METHOD_OPTIONS_KEY, StrategyProperties.METHOD_CONTRACT);
        sp.setProperty(StrategyProperties.LOOP_OPTIONS_KEY, StrategyProperties.LOOP_INVARIANT);
        sp.setProperty(StrategyProperties.BLOCK_OPTIONS_KEY, StrategyProperties.BLOCK_CONTRACT_INTERNAL);
        sp.setProperty(StrategyProperties.DEP_OPTIONS_KEY, StrategyProperties.DEP_ON);
        sp.setProperty(StrategyProperties.QUERY_OPTIONS_KEY, StrategyProperties.QUERY_ON);
        sp.setProperty(StrategyProperties.QUERYAXIOM_OPTIONS_KEY, StrategyProperties.QUERYAXIOM_ON);
        sp.setProperty(StrategyProperties.NON_LIN_ARITH_OPTIONS_KEY, StrategyProperties.NON_LIN_ARITH_DEF_OPS);
        sp.setProperty(StrategyProperties.QUANTIFIERS_OPTIONS_KEY,
                StrategyProperties.QUANTIFIERS_NON_SPLITTING_WITH_PROGS);
        sp.setProperty(StrategyProperties.SPLITTING_OPTIONS_KEY, StrategyProperties.SPLITTING_DELAYED);
        sp.setProperty(StrategyProperties.OSS_OPTIONS_KEY, StrategyProperties.OSS_ON);
        sp.setProperty(StrategyProperties.CLASS_AXIOM_OPTIONS_KEY,
                delayedAxioms ? StrategyProperties.CLASS_AXIOM_DELAYED : StrategyProperties.CLASS_AXIOM_FREE);
        sp.setProperty(StrategyProperties.STOPMODE_OPTIONS_KEY, StrategyProperties.STOPMODE_DEFAULT);
        return sp;
    }
}
