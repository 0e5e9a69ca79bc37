package dev.keel.hw.x86;

/** x86 control registers and the TLB. Intrinsics: each method is one instruction. */
public final class ControlRegisters {
    private ControlRegisters() {
    }

    public static native long readCr0();

    public static native void writeCr0(long v);

    public static native long readCr2();

    public static native long readCr3();

    public static native void writeCr3(long v);

    public static native long readCr4();

    public static native void writeCr4(long v);

    public static native void invlpg(long va);
}
