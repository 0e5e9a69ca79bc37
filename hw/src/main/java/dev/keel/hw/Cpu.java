package dev.keel.hw;

/**
 * One processor core. The kernel asks it to halt when nothing is runnable, so an idle CPU draws no
 * power spinning; the next interrupt wakes it.
 */
public interface Cpu {

    /** This core's number, 0 for the boot CPU. */
    int id();

    /** Stops the core until the next interrupt (x86 {@code sti; hlt}). */
    void halt();
}
