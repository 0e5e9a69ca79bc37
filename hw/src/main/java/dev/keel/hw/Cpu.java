package dev.keel.hw;

/**
 * One processor core. The kernel asks it to halt when nothing is runnable, so an idle CPU draws no
 * power spinning; the next interrupt wakes it.
 */
public interface Cpu {

    // The JML below states what the kernel assumes of the machine (KeY does not prove hw).
    // footprint: the device's own state, which its operations may change; the kernel never
    // reads or writes it other than through these methods.
    //@ public instance model \locset footprint;

    /** This core's number, 0 for the boot CPU. */
    /*@ public normal_behavior
      @ ensures \result >= 0;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure @*/ int id();

    /** Stops the core until the next interrupt (x86 {@code sti; hlt}). */
    /*@ public normal_behavior
      @ assignable footprint;
      @*/
    void halt();
}
