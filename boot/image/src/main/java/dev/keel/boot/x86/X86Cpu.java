package dev.keel.boot.x86;

import dev.keel.hw.Cpu;

/**
 * The boot CPU. The kernel asks it to halt when only the idle thread is left; the halt itself
 * happens in the trap glue once the kernel has returned (src/main/c/kernel_glue.c), so that no
 * interrupt ever enters the kernel while it is inside an entry. Here it is only counted.
 */
final class X86Cpu implements Cpu {

    private long halts;

    public int id() {
        return 0;
    }

    public void halt() {
        halts++;
    }

    long halts() {
        return halts;
    }
}
