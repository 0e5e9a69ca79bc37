package dev.keel.hw.x86;

/** x86 processor control. Intrinsics: each method is one instruction. */
public final class Cpu {
    private Cpu() {
    }

    public static native long rdtsc();

    public static native void pause();

    /**
     * Loads an unmapped kernel stack pointer and pushes: a double fault on purpose, for the boot
     * tests (keel.fault=df). Implemented by the trap glue; never returns.
     */
    public static native void stackFault();
}
