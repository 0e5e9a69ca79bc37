package dev.keel.hw.x86;

/**
 * x86 processor control, for the kernel and the user programs. Intrinsics: the translator
 * replaces each call with a C function of one instruction or a short sequence.
 */
public final class Cpu {
    private Cpu() {
    }

    public static native long rdtsc();

    public static native void pause();

    /**
     * Kernel only: loads an unmapped kernel stack pointer and pushes, a double fault on purpose
     * for the boot tests (keel.fault=df). Implemented by the trap glue; never returns.
     */
    public static native void stackFault();

    /**
     * User programs only: executes {@code ud2}, an invalid-opcode exception (#UD, vector 6).
     * Implemented by the user runtime; never returns.
     */
    public static native void ud2();
}
