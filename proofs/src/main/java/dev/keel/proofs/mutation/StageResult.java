package dev.keel.proofs.mutation;

/** What one stage did with one mutant. */
record StageResult(Verdict verdict, String detail) {

    enum Verdict {
        /** The stage failed on the mutant and passes on the unmutated tree. */
        KILLED,
        /** The stage passed on the mutant. */
        SURVIVED,
        /** The stage did not finish within its bound (counted as killed: the build would not pass). */
        TIMEOUT,
        /** The stage could not judge the mutant (e.g. the prover produced no results). */
        ERROR,
        /** The stage was switched off for this run. */
        SKIPPED
    }

    boolean kills() {
        return verdict == Verdict.KILLED || verdict == Verdict.TIMEOUT;
    }

    static StageResult killed(String detail) {
        return new StageResult(Verdict.KILLED, detail);
    }

    static StageResult survived() {
        return new StageResult(Verdict.SURVIVED, "");
    }

    /** The table cell: the verdict and, when there is one, the evidence. */
    String cell() {
        String v = switch (verdict) {
            case KILLED -> "**killed**";
            case SURVIVED -> "survived";
            case TIMEOUT -> "**killed** (timeout)";
            case ERROR -> "error";
            case SKIPPED -> "not run";
        };
        return detail.isEmpty() ? v : v + ": " + detail;
    }
}
