package dev.keel.hw.x86;

/**
 * The MSR intrinsics, for the hardware corpus. The other x86 intrinsic classes come from the hw
 * module; this one is not there because no Java code of the kernel touches an MSR (the boot code
 * in C sets them). The translator replaces every method.
 */
public final class Msr {
    private Msr() {
    }

    public static native long read(int msr);

    public static native void write(int msr, long value);
}
