package dev.keel.user;

import dev.keel.hw.x86.Cpu;
import dev.keel.hw.x86.PhysicalMemory;

/**
 * Faults on purpose, for the kernel to kill it while the others go on. Argument "gp": a load from
 * a non-canonical address (general-protection fault). Argument "pf": a load from an address in
 * no region of its address space (a page fault the memory manager refuses). Argument "ud": the
 * undefined instruction ud2 (invalid-opcode exception). Argument "nx": a call into its own stack,
 * where it has just written a {@code ret} (a page fault on the instruction fetch: stack pages are
 * no-execute; were they not, the call would return and the program report the failure).
 */
public final class Crash {

    static final long NON_CANONICAL = 0x8000000000000000L;
    static final long UNMAPPED = 0x7000000000L;
    /** The x86 instruction ret. */
    static final int RET = 0xc3;

    private Crash() {
    }

    public static long main(long argsPtr, long argsLen, long envPtr, long envLen) {
        int kind = argsLen > 0 ? PhysicalMemory.load8(argsPtr) : 'g';
        long v;
        if (kind == 'u') {
            Sys.line("crash: executing ud2\n");
            Cpu.ud2();
            v = 0;
        } else if (kind == 'n') {
            Sys.line("crash: calling into its stack\n");
            // argsPtr is on the stack: the kernel copied the arguments to its top.
            PhysicalMemory.store8(argsPtr, RET);
            Cpu.call(argsPtr);
            v = 0;
        } else if (kind == 'p') {
            Sys.line("crash: loading from an unmapped address\n");
            v = PhysicalMemory.load64(UNMAPPED);
        } else {
            Sys.line("crash: loading from a non-canonical address\n");
            v = PhysicalMemory.load64(NON_CANONICAL);
        }
        Sys.line("crash: FAILED: still running\n");
        return v;
    }
}
