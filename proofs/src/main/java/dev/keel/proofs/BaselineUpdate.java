package dev.keel.proofs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the next baseline from the results. It records every contract as it came out, with one
 * exception: it refuses to turn a contract the baseline lists as closed into an open one. A closed
 * entry only leaves the baseline when its contract is gone from the sources.
 *
 * @param baseline the new baseline; null when refused
 * @param refused  the closed contracts that did not close; the update is refused when non-empty
 * @param dropped  entries removed because their contracts no longer exist
 */
public record BaselineUpdate(Baseline baseline, List<ContractResult> refused, List<BaselineEntry> dropped) {

    public static BaselineUpdate of(Baseline old, List<ContractResult> results, ClassFilter scope) {
        Map<String, BaselineEntry> next = new HashMap<>();
        List<ContractResult> refused = new ArrayList<>();
        for (ContractResult r : results) {
            BaselineEntry e = old.get(r.id());
            if (r.closed()) {
                next.put(r.id(), new BaselineEntry(r.id(), true, "", r.delayedAxioms()));
            } else if (e != null && e.closed()) {
                refused.add(r);
            } else if (e != null && r.reason().startsWith("not attempted")) {
                // A run that did not get to the contract knows nothing new about it.
                next.put(r.id(), e);
            } else {
                String reason = r.reason().isBlank() ? "open" : r.reason();
                next.put(r.id(), new BaselineEntry(r.id(), false, reason));
            }
        }
        List<BaselineEntry> dropped = new ArrayList<>();
        for (BaselineEntry e : old.entries()) {
            if (next.containsKey(e.id()) || refused.stream().anyMatch(r -> r.id().equals(e.id()))) {
                continue;
            }
            if (scope.acceptsContract(e.className(), e.id())) {
                dropped.add(e);
            } else {
                next.put(e.id(), e);
            }
        }
        if (!refused.isEmpty()) {
            return new BaselineUpdate(null, List.copyOf(refused), List.copyOf(dropped));
        }
        return new BaselineUpdate(new Baseline(next.values()), List.of(), List.copyOf(dropped));
    }

    public boolean isRefused() {
        return baseline == null;
    }
}
