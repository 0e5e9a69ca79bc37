package dev.keel.user;

import dev.keel.hw.x86.PhysicalMemory;
import dev.keel.hw.x86.Syscall;
import dev.keel.kernel.abi.Syscalls;

/**
 * The system call library of the user programs. Capability slots by convention: every program
 * gets its memory capability (when it has one) in slot 0 and an I/O port capability covering
 * COM1 in slot 1; the console is written through that capability, one checked port write per
 * byte. A program's scratch page (for the buffers it hands to the kernel) is mapped at
 * {@link #SCRATCH} and paged in on first touch.
 */
final class Sys {

    static final int MEMORY_SLOT = 0;
    static final int CONSOLE_SLOT = 1;
    static final long SCRATCH = 0x10000000L;
    static final int COM1 = 0x3f8;
    static final int DEBUG_EXIT = 0xf4;

    private Sys() {
    }

    static long call0(int n) {
        return Syscall.invoke(n, 0, 0, 0, 0, 0, 0);
    }

    static long call(int n, long a0, long a1, long a2) {
        return Syscall.invoke(n, a0, a1, a2, 0, 0, 0);
    }

    static long result(int i) {
        return Syscall.result(i);
    }

    static void putc(int c) {
        Syscall.invoke(Syscalls.IOPORT_WRITE, CONSOLE_SLOT, COM1, c & 0xff, 0, 0, 0);
    }

    static void print(String s) {
        for (int i = 0; i < s.length(); i++) {
            putc(s.charAt(i));
        }
    }

    static void num(long v) {
        if (v < 0) {
            putc('-');
            v = -v;
        }
        long div = 1;
        while (v / div >= 10) {
            div = div * 10;
        }
        for (; div > 0; div = div / 10) {
            putc((int) ('0' + v / div % 10));
        }
    }

    /** Starts a line on a fresh time slice, so that the line is not cut by preemption. */
    static void line(String s) {
        call0(Syscalls.YIELD);
        print(s);
    }

    static void end() {
        putc('\n');
    }

    /** Maps the scratch page (needs the memory capability); the kernel's result. */
    static long mapScratch() {
        return Syscall.invoke(Syscalls.MMAP, MEMORY_SLOT, SCRATCH, 1, 1, 0, 0);
    }

    /** Copies the bytes of {@code s} to {@code va}; returns its length. */
    static int put(long va, String s) {
        for (int i = 0; i < s.length(); i++) {
            PhysicalMemory.store8(va + i, s.charAt(i));
        }
        return s.length();
    }

    /** Prints {@code len} bytes at {@code va}. */
    static void printBytes(long va, long len) {
        for (long i = 0; i < len; i++) {
            putc(PhysicalMemory.load8(va + i));
        }
    }

    /** Ends the whole run (QEMU's isa-debug-exit), through the I/O port capability. */
    static void endRun(int code) {
        Syscall.invoke(Syscalls.IOPORT_WRITE, CONSOLE_SLOT, DEBUG_EXIT, code, 0, 0, 0);
    }
}
