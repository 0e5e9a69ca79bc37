package dev.keel.proofs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Results held against the baseline. Only a regression fails the build: a contract the baseline
 * lists as closed whose proof did not close. New contracts, improvements and contracts that are
 * gone are reported so that the baseline can be brought up to date.
 */
public record BaselineComparison(List<ContractResult> regressions, List<ContractResult> newContracts,
                                 List<ContractResult> improvements, List<ContractResult> stillOpen,
                                 List<BaselineEntry> gone, int confirmed) {

    /**
     * @param scope the classes that were proved; baseline entries of other classes are not expected
     *              in the results and are neither checked nor reported as gone
     */
    public static BaselineComparison compare(Baseline baseline, List<ContractResult> results, ClassFilter scope) {
        List<ContractResult> regressions = new ArrayList<>();
        List<ContractResult> added = new ArrayList<>();
        List<ContractResult> improvements = new ArrayList<>();
        List<ContractResult> stillOpen = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int confirmed = 0;
        for (ContractResult r : results) {
            seen.add(r.id());
            BaselineEntry e = baseline.get(r.id());
            if (e == null) {
                added.add(r);
            } else if (e.closed() && !r.closed()) {
                regressions.add(r);
            } else if (!e.closed() && r.closed()) {
                improvements.add(r);
            } else if (!e.closed()) {
                stillOpen.add(r);
            } else {
                confirmed++;
            }
        }
        List<BaselineEntry> gone = new ArrayList<>();
        for (BaselineEntry e : baseline.entries()) {
            if (!seen.contains(e.id()) && scope.acceptsContract(e.className(), e.id())) {
                gone.add(e);
            }
        }
        return new BaselineComparison(List.copyOf(regressions), List.copyOf(added), List.copyOf(improvements),
                List.copyOf(stillOpen), List.copyOf(gone), confirmed);
    }

    public boolean failed() {
        return !regressions.isEmpty();
    }

    /** The lines printed after the proofs: what failed, what is new, what improved, what is gone. */
    public List<String> report() {
        List<String> out = new ArrayList<>();
        for (ContractResult r : regressions) {
            out.add("REGRESSION: contract " + r.id() + " is listed closed in the baseline but did not close ("
                    + r.openGoals() + " open goal(s), " + r.steps() + " steps, " + r.millis() + " ms: " + r.reason() + ")");
        }
        for (ContractResult r : newContracts) {
            out.add("NEW: contract " + r.id() + " is not in the baseline (" + r.status()
                    + (r.closed() ? "" : ": " + r.reason()) + ")");
        }
        for (ContractResult r : improvements) {
            out.add("IMPROVED: contract " + r.id() + " now closes but the baseline lists it open;"
                    + " run with -Dproofs.updateBaseline=true to record it");
        }
        for (BaselineEntry e : gone) {
            out.add("GONE: baseline contract " + e.id() + " was not found in the sources;"
                    + " run with -Dproofs.updateBaseline=true to drop it");
        }
        return out;
    }
}
