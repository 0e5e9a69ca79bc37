package dev.keel.kernel;

/**
 * One heap location for the frame tests: an object (by identity) and a field name or an array
 * index written {@code [i]}. Two locations are equal when they name the same object and field,
 * whatever the objects' own {@code equals} says.
 */
public final class Loc {
    public final Object o;
    public final String f;

    public Loc(Object o, String f) {
        this.o = o;
        this.f = f;
    }

    @Override
    public boolean equals(Object x) {
        return x instanceof Loc l && l.o == o && l.f.equals(f);
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(o) * 31 + f.hashCode();
    }

    @Override
    public String toString() {
        return o.getClass().getSimpleName() + "@" + Integer.toHexString(System.identityHashCode(o)) + "." + f;
    }
}
