package dev.keel.boot.translate;

import java.util.List;

/** The program uses things outside the subset; the message lists every violation found. */
public final class SubsetViolationException extends TranslationException {

    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    public SubsetViolationException(List<Violation> violations) {
        super(format(violations));
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }

    private static String format(List<Violation> vs) {
        StringBuilder s = new StringBuilder(vs.size() + " use(s) outside the kernel Java subset:");
        for (Violation v : vs) {
            s.append("\n  ").append(v);
        }
        return s.toString();
    }
}
