package dev.keel.spec;

/** Running totals over a batch of TLC runs, rendered as the one-line summary of the build. */
final class Tally {

    private int models;
    private int failedModels;
    private long distinct;
    private int mutants;
    private int killed;

    /** Counts one run: models add their distinct states, mutants count as killed or surviving. */
    void add(ModelEntry e, TlcRunner.Outcome o) {
        if (e.isMutant()) {
            mutants++;
            if (o.verdict().ok()) {
                killed++;
            }
            return;
        }
        models++;
        if (o.verdict().ok()) {
            distinct += Math.max(0, o.result().distinct());
        } else {
            failedModels++;
        }
    }

    /** For example {@code TLC: 6 models, 123,456 distinct states, 0 violations; mutants 9/9 killed; 74 s}. */
    String line(long seconds) {
        return String.format("TLC: %d models, %,d distinct states, %d violations; mutants %d/%d killed; %d s",
            models, distinct, failedModels, killed, mutants, seconds);
    }
}
