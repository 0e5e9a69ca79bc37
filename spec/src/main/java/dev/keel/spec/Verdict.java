package dev.keel.spec;

/**
 * Compares a TLC run with what the manifest expects. A model must pass with exactly the recorded
 * number of distinct states; a mutant must be rejected by the invariant or property it targets.
 */
public record Verdict(boolean ok, String message) {

    /** Judges one run; {@code timedOut} runs and unrecognised outcomes always fail. */
    public static Verdict judge(ModelEntry entry, TlcResult r, boolean timedOut) {
        Expectation want = entry.expect();
        if (timedOut) {
            return fail("TLC did not finish within the time limit");
        }
        if (r.outcome() == null) {
            return fail("TLC failed: " + r.error());
        }
        if (want.passes()) {
            return judgePass(entry, r);
        }
        if (r.outcome() == Expectation.Kind.PASS) {
            return fail("mutant survived: expected " + want + " but TLC found no error");
        }
        if (r.outcome() != want.kind()
            || (want.property() != null && !want.property().equals(r.property()))) {
            return fail("expected " + want + " but TLC reported " + describe(r));
        }
        return new Verdict(true, "killed by " + describe(r));
    }

    private static Verdict judgePass(ModelEntry entry, TlcResult r) {
        if (r.outcome() != Expectation.Kind.PASS) {
            return fail(describe(r) + " violated");
        }
        if (entry.distinct() != ModelEntry.ANY_COUNT && entry.distinct() != r.distinct()) {
            return fail("distinct states changed: manifest records " + entry.distinct() + ", TLC found "
                + r.distinct() + " (update spec/models.txt if the spec change is intended)");
        }
        return new Verdict(true, "no error");
    }

    /** Names an outcome as the manifest would write it. */
    static String describe(TlcResult r) {
        if (r.outcome() == null) {
            return "an error";
        }
        String k = r.outcome().name().toLowerCase();
        return r.property() == null ? k : k + ":" + r.property();
    }

    private static Verdict fail(String message) {
        return new Verdict(false, message);
    }
}
