package dev.keel.hw;

/**
 * One processor core. The kernel asks it to halt when nothing is runnable, so an idle CPU draws no
 * power spinning; the next interrupt wakes it.
 */
public interface Cpu {

    // The JML below is what the kernel's proofs assume of the machine; KeY does not prove it.
    // The device's state is not part of the Java heap the kernel's objects live in (on x86 it
    // is the device itself, on the simulator private fields of the simulated device that no
    // kernel code can reach), so its operations change no kernel object: assignable \nothing.

    /** This core's number, 0 for the boot CPU. */
    /*@ public normal_behavior
      @ ensures \result >= 0;
      @ assignable \strictly_nothing;
      @*/
    /*@ helper pure @*/ int id();

    /** Stops the core until the next interrupt (x86 {@code sti; hlt}). */
    /*@ public normal_behavior
      @ assignable \nothing;
      @*/
    /*@ helper @*/ void halt();
}
