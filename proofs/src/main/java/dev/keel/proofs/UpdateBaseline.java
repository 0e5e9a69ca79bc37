package dev.keel.proofs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Rewrites the baseline from saved result files (target/proofs/results.tsv) without proving again,
 * with the same rule as -Dproofs.updateBaseline=true: a closed contract is never demoted. Later files
 * win for a contract that appears in several, so a long run can be completed by a run on one class.
 * Only the contracts that appear in the results files are rewritten; every other entry is kept as it
 * is, even in a class that appears: a results file of a run on one method says nothing about the
 * class's other contracts. Entries of contracts gone from the sources are removed by the runner
 * ({@code -Dproofs.updateBaseline=true}), which sees every contract of the classes it proves.
 *
 * Usage: UpdateBaseline baseline.txt results.tsv [more results.tsv ...]
 */
public final class UpdateBaseline {

    private UpdateBaseline() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: UpdateBaseline baseline.txt results.tsv [more results.tsv ...]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        Map<String, ContractResult> results = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            for (ContractResult r : ContractResult.parseAll(Files.readAllLines(Path.of(args[i]), StandardCharsets.UTF_8))) {
                results.put(r.id(), r);
            }
        }
        if (results.isEmpty()) {
            System.err.println("baseline NOT updated: the results files hold no contract");
            System.exit(1);
        }
        BaselineUpdate u = record(Baseline.read(file), List.copyOf(results.values()));
        if (u.isRefused()) {
            System.err.println("baseline NOT updated: listed closed but did not close:");
            u.refused().forEach(r -> System.err.println("  " + r.id() + "  (" + r.reason() + ")"));
            System.exit(1);
        }
        Baseline next = u.baseline();
        next.write(file);
        System.out.println("baseline written to " + file + ": " + next.entries().size() + " contracts, "
                + next.mustClose() + " must close");
    }

    /** The update from saved results: their contracts' rows are rewritten, no other row is dropped. */
    static BaselineUpdate record(Baseline old, List<ContractResult> results) {
        BaselineUpdate u = BaselineUpdate.of(old, results, scopeOf(results));
        if (u.isRefused()) {
            return u;
        }
        List<BaselineEntry> entries = new ArrayList<>(u.baseline().entries());
        entries.addAll(u.dropped());
        return new BaselineUpdate(new Baseline(entries), List.of(), List.of());
    }

    /** The classes the results speak of (callers pass at least one result: no names means every class). */
    static ClassFilter scopeOf(Collection<ContractResult> results) {
        Set<String> classes = new TreeSet<>();
        for (ContractResult r : results) {
            classes.add(r.className());
        }
        return new ClassFilter(List.copyOf(classes));
    }
}
