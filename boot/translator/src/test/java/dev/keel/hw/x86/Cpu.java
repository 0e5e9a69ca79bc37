package dev.keel.hw.x86;

/** Test double of the hw processor-control intrinsics (the translator replaces every method). */
public final class Cpu {
    private Cpu() {
    }

    public static native void cli();

    public static native void sti();

    public static native void hlt();

    public static native long rdtsc();

    public static native void pause();
}
