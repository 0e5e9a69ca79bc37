package dev.keel.hw.x86;

/** Test double of the hw physical-memory intrinsics (the translator replaces every method). */
public final class PhysicalMemory {
    private PhysicalMemory() {
    }

    public static native int load8(long pa);

    public static native int load16(long pa);

    public static native int load32(long pa);

    public static native long load64(long pa);

    public static native void store8(long pa, int v);

    public static native void store16(long pa, int v);

    public static native void store32(long pa, int v);

    public static native void store64(long pa, long v);
}
