package dev.keel.boot.translate;

/** One use of something outside the kernel Java subset: where, and which rule it breaks. */
public record Violation(Place place, String rule) {

    @Override
    public String toString() {
        return place + ": " + rule;
    }
}
