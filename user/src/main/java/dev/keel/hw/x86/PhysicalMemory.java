package dev.keel.hw.x86;

/**
 * Raw memory access. In a user program (built with KEEL_PHYS_BASE 0) these intrinsics read and
 * write the process's own memory at the given address: how a program fills the buffers whose
 * addresses it passes to system calls.
 */
public final class PhysicalMemory {
    private PhysicalMemory() {
    }

    public static native int load8(long pa);

    public static native long load64(long pa);

    public static native void store8(long pa, int v);

    public static native void store64(long pa, long v);
}
