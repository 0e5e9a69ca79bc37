package dev.keel.kernel.cap;

/** Test-only: detached copies of capability slots. */
public final class CapabilitySnapshots {

    private CapabilitySnapshots() {
    }

    public static Capability copy(Capability c) {
        Capability x = new Capability();
        x.set(c);
        return x;
    }
}
