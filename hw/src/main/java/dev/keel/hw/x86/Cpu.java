package dev.keel.hw.x86;

/**
 * x86 processor control, for the kernel and the user programs. Intrinsics: the translator
 * replaces each call with a C function of one instruction or a short sequence.
 */
public final class Cpu {
    private Cpu() {
    }

    /** cli, sti, hlt: the interrupt flag and the wait for an interrupt (kernel only). */
    public static native void cli();

    public static native void sti();

    public static native void hlt();

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

    /**
     * User programs only: calls the code at {@code address} (an indirect call), for the test that
     * a fetch from a no-execute page kills the program. Implemented by the user runtime.
     */
    public static native void call(long address);
}
