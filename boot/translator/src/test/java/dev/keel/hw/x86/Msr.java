package dev.keel.hw.x86;

/** Test double of the hw MSR intrinsics (the translator replaces every method). */
public final class Msr {
    private Msr() {
    }

    public static native long read(int msr);

    public static native void write(int msr, long value);
}
