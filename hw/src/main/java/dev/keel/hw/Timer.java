package dev.keel.hw;

/** The periodic timer that drives preemption: one interrupt every {@code period} cycles. */
public interface Timer {

    // The JML below is what the kernel's proofs assume of the machine; KeY does not prove it.
    // The device's state is not part of the Java heap the kernel's objects live in (on x86 it
    // is the device itself, on the simulator private fields of the simulated device that no
    // kernel code can reach), so its operations change no kernel object: assignable \nothing.

    /** Programs a periodic interrupt every {@code cycles} clock cycles; 0 stops the timer. */
    /*@ public normal_behavior
      @ assignable \nothing;
      @*/
    /*@ helper @*/ void setPeriod(long cycles);

    /** The period programmed last, 0 when stopped. */
    /*@ public normal_behavior
      @ assignable \strictly_nothing;
      @*/
    /*@ helper pure @*/ long period();
}
