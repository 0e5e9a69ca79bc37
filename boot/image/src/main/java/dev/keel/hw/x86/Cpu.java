package dev.keel.hw.x86;

/** x86 processor control. Intrinsics: each method is one instruction. */
public final class Cpu {
    private Cpu() {
    }

    public static native long rdtsc();

    public static native void pause();
}
