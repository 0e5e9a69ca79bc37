package dev.keel.hw.x86;

/** The time-stamp counter, readable in ring 3. Intrinsic. */
public final class Cpu {
    private Cpu() {
    }

    public static native long rdtsc();
}
