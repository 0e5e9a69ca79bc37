package dev.keel.modeltests.drive;

/**
 * One capability system call by a process, with raw arguments as user space passes them:
 * slot numbers may be out of range and flags may be other than 0 or 1. A program may also name
 * its slots as one that knows them would: see {@link #FULL} and {@link #FREE}.
 */
public sealed interface CapOp {

    /** A slot argument {@code FULL + n} means the n-th full slot of the caller (modulo their number). */
    int FULL = 100;
    /** A slot argument {@code FREE} means the caller's first free slot. */
    int FREE = 1000;

    int process();

    /** Create a port from the untyped memory capability in {@code mem} into {@code dst}. */
    record CreatePort(int process, int mem, int dst) implements CapOp { }

    record Mint(int process, int src, int dst, int r, int w, int g, long badge) implements CapOp { }

    record Copy(int process, int src, int dst) implements CapOp { }

    record Move(int process, int src, int dst) implements CapOp { }

    record Delete(int process, int slot) implements CapOp { }

    record Revoke(int process, int slot) implements CapOp { }

    /** Pass the capability in {@code src} to process {@code to}, as a message does. */
    record Grant(int process, int src, int to) implements CapOp { }
}
