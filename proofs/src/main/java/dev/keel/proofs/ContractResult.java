package dev.keel.proofs;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of one proof attempt: which contract, whether its proof closed, and what it cost.
 *
 * @param id        KeY's name of the contract; stable across runs while the method and its spec order stay
 * @param className the class that declares the contract's target
 * @param method    the target: a method, a constructor, or {@code <inv>} for a class invariant
 * @param kind      "operation" for a method contract, "dependency" for an accessible clause
 * @param closed    true when every goal of the proof closed
 * @param steps     proof nodes when the prover stopped
 * @param millis    wall-clock time of the auto mode
 * @param openGoals goals left open (0 when closed)
 * @param reason    for an open proof, why it stopped; empty when closed
 * @param delayedAxioms true when the proof ran with class axioms delayed (see {@link KeySettings#strategy})
 */
public record ContractResult(String id, String className, String method, String kind, boolean closed,
                             int steps, long millis, int openGoals, String reason, boolean delayedAxioms) {

    /** A result of a proof with class axioms free, KeY's default. */
    public ContractResult(String id, String className, String method, String kind, boolean closed,
                          int steps, long millis, int openGoals, String reason) {
        this(id, className, method, kind, closed, steps, millis, openGoals, reason, false);
    }

    public ContractResult {
        if (id.isBlank()) {
            throw new IllegalArgumentException("contract id must not be blank");
        }
        if (closed && openGoals != 0) {
            throw new IllegalArgumentException("closed contract " + id + " cannot have open goals");
        }
    }

    public String status() {
        return closed ? "closed" : "open";
    }

    /** The class-axiom setting the proof ran with, as the report and the baseline name it. */
    public String axioms() {
        return delayedAxioms ? KeySettings.DELAYED_AXIOMS : KeySettings.FREE_AXIOMS;
    }

    /** One tab-separated line; tabs and line breaks inside fields become spaces. */
    public String toLine() {
        return String.join("\t", clean(id), clean(className), clean(method), clean(kind), status(),
                Integer.toString(steps), Long.toString(millis), Integer.toString(openGoals), clean(reason), axioms());
    }

    public static ContractResult fromLine(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 10) {
            throw new IllegalArgumentException("result line needs 10 tab-separated fields, has " + f.length + ": " + line);
        }
        boolean delayed;
        if (f[9].equals(KeySettings.DELAYED_AXIOMS)) {
            delayed = true;
        } else if (f[9].equals(KeySettings.FREE_AXIOMS)) {
            delayed = false;
        } else {
            throw new IllegalArgumentException("result class-axiom setting must be '" + KeySettings.FREE_AXIOMS
                    + "' or '" + KeySettings.DELAYED_AXIOMS + "', is '" + f[9] + "': " + line);
        }
        boolean closed;
        if (f[4].equals("closed")) {
            closed = true;
        } else if (f[4].equals("open")) {
            closed = false;
        } else {
            throw new IllegalArgumentException("result status must be closed or open, is '" + f[4] + "': " + line);
        }
        return new ContractResult(f[0], f[1], f[2], f[3], closed, Integer.parseInt(f[5]), Long.parseLong(f[6]),
                Integer.parseInt(f[7]), f[8], delayed);
    }

    public static List<ContractResult> parseAll(List<String> lines) {
        List<ContractResult> results = new ArrayList<>();
        for (String line : lines) {
            if (!line.isBlank() && !line.startsWith("#")) {
                results.add(fromLine(line));
            }
        }
        return results;
    }

    private static String clean(String s) {
        return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
