package dev.keel.proofs;

import java.util.ArrayList;
import java.util.List;

/**
 * Which classes to prove: empty means all; otherwise a comma-separated list of simple or qualified
 * class names ({@code Rights} or {@code dev.keel.kernel.cap.Rights}) or packages ending in {@code .*}.
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

    boolean accepts(String qualifiedClass) {
        if (names.isEmpty()) {
            return true;
        }
        for (String n : names) {
            if (n.endsWith(".*")) {
                if (qualifiedClass.startsWith(n.substring(0, n.length() - 1))) {
                    return true;
                }
            } else if (qualifiedClass.equals(n) || qualifiedClass.endsWith("." + n)) {
                return true;
            }
        }
        return false;
    }
}
