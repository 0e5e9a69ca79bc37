package dev.keel.proofs;

import java.util.ArrayList;
import java.util.List;

/**
 * Which contracts to prove: empty means all; otherwise a comma-separated list of simple or
 * qualified class names ({@code Rights} or {@code dev.keel.kernel.cap.Rights}), packages ending in
 * {@code .*}, or one method of a class ({@code Ipc#send}: every contract of every {@code send}
 * overload, the way one works on a single proof without re-proving the whole class).
 */
record ClassFilter(List<String> names) {

    static ClassFilter parse(String spec) {
        List<String> names = new ArrayList<>();
        for (String s : spec.split(",")) {
            String t = s.trim();
            if (!t.isEmpty()) {
                names.add(t);
            }
        }
        return new ClassFilter(List.copyOf(names));
    }

    boolean isAll() {
        return names.isEmpty();
    }

    /** Whether some contract of {@code qualifiedClass} may be proved. */
    boolean accepts(String qualifiedClass) {
        if (names.isEmpty()) {
            return true;
        }
        for (String n : names) {
            if (classMatches(classPart(n), qualifiedClass)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the contract {@code contractId} of {@code qualifiedClass} is to be proved. */
    boolean acceptsContract(String qualifiedClass, String contractId) {
        if (names.isEmpty()) {
            return true;
        }
        for (String n : names) {
            int hash = n.indexOf('#');
            if (classMatches(classPart(n), qualifiedClass)
                    && (hash < 0 || contractId.contains("::" + n.substring(hash + 1) + "("))) {
                return true;
            }
        }
        return false;
    }

    private static String classPart(String name) {
        int hash = name.indexOf('#');
        return hash < 0 ? name : name.substring(0, hash);
    }

    private static boolean classMatches(String n, String qualifiedClass) {
        if (n.endsWith(".*")) {
            return qualifiedClass.startsWith(n.substring(0, n.length() - 1));
        }
        return qualifiedClass.equals(n) || qualifiedClass.endsWith("." + n);
    }
}
