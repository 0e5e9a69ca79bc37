package dev.keel.hw.x86;

/**
 * Raw memory access. Intrinsics: in the kernel a volatile access through the direct map of
 * physical memory (KEEL_PHYS_BASE + pa); in a user program, built with KEEL_PHYS_BASE 0, an
 * access to the process's own memory at that address.
 */
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

    /** Kernel only: copies {@code len} bytes at {@code pa} into {@code dst[off..]} (a copy loop in the trap glue). */
    public static native void read(long pa, byte[] dst, int off, int len);

    /** Kernel only: copies {@code src[off..off+len)} to {@code pa}. */
    public static native void write(long pa, byte[] src, int off, int len);

    /** Kernel only: copies {@code len} bytes from {@code from} to {@code to}. */
    public static native void copy(long to, long from, long len);
}
