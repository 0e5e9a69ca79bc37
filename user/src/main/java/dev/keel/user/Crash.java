package dev.keel.user;

import dev.keel.hw.x86.PhysicalMemory;

/** Loads from a non-canonical address: a general-protection fault, for which the kernel kills it. */
public final class Crash {

    static final long NON_CANONICAL = 0x8000000000000000L;

    private Crash() {
    }

    public static long main(long argsPtr, long argsLen, long envPtr, long envLen) {
        Sys.line("crash: loading from a non-canonical address\n");
        long v = PhysicalMemory.load64(NON_CANONICAL);
        Sys.line("crash: FAILED: still running\n");
        return v;
    }
}
