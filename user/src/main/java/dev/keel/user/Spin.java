package dev.keel.user;

import dev.keel.hw.x86.PhysicalMemory;
import dev.keel.kernel.abi.Syscalls;

/**
 * A CPU-bound program: rounds of arithmetic, printing one letter (its argument) after each
 * round, never yielding and never blocking. Two of them can only both make progress if the
 * timer preempts them.
 */
public final class Spin {

    static final int ROUNDS = 12;
    static final int WORK = 400000;

    private Spin() {
    }

    public static long main(long argsPtr, long argsLen, long envPtr, long envLen) {
        int letter = argsLen > 0 ? PhysicalMemory.load8(argsPtr) : '?';
        long x = letter;
        for (int r = 0; r < ROUNDS; r++) {
            for (int i = 0; i < WORK; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
            Sys.call(Syscalls.IOPORT_WRITE, Sys.CONSOLE_SLOT, Sys.COM1, letter);
        }
        return ROUNDS + (x == 0x5eedL ? 100 : 0);
    }
}
