package dev.keel.hw.x86;

/**
 * The system call instruction, for user programs. Intrinsics (user/src/main/c/keel_rt_user.c):
 * {@code invoke} puts the number in RAX and a0..a5 in RDI, RSI, RDX, R10, R8, R9, executes
 * {@code syscall} and returns r0 (RAX); {@code result(i)} is r1..r3 of the last call (RDX, RSI,
 * RDI on return).
 */
public final class Syscall {
    private Syscall() {
    }

    public static native long invoke(int n, long a0, long a1, long a2, long a3, long a4, long a5);

    public static native long result(int i);
}
