package dev.keel.hw.x86;

/** The time-stamp counter, readable in ring 3, and the undefined instruction. Intrinsics. */
public final class Cpu {
    private Cpu() {
    }

    public static native long rdtsc();

    /** Executes {@code ud2}: an invalid-opcode exception (#UD, vector 6); never returns. */
    public static native void ud2();
}
