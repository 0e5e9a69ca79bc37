package dev.keel.proofs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Only the classes that appear in the results files are rewritten (their contracts that are in none of
 * the files are taken to be gone); every other class keeps its entries as they are, so recording a run
 * on one class changes that class's rows only.
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
        BaselineUpdate u = BaselineUpdate.of(Baseline.read(file), List.copyOf(results.values()),
                scopeOf(results.values()));
        if (u.isRefused()) {
            System.err.println("baseline NOT updated: listed closed but did not close:");
            u.refused().forEach(r -> System.err.println("  " + r.id() + "  (" + r.reason() + ")"));
            System.exit(1);
        }
        u.dropped().forEach(e -> System.out.println("dropped (contract no longer exists): " + e.id()));
        u.baseline().write(file);
        System.out.println("baseline written to " + file + ": " + u.baseline().entries().size() + " contracts, "
                + u.baseline().mustClose() + " must close");
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
