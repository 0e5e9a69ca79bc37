package dev.keel.hw;

/** The periodic timer that drives preemption: one interrupt every {@code period} cycles. */
public interface Timer {

    // The JML below states what the kernel assumes of the machine (KeY does not prove hw).
    // footprint: the device's own state, which its operations may change; the kernel never
    // reads or writes it other than through these methods.
    //@ public instance model \locset footprint;

    /** Programs a periodic interrupt every {@code cycles} clock cycles; 0 stops the timer. */
    /*@ public normal_behavior
      @ assignable footprint;
      @*/
    void setPeriod(long cycles);

    /** The period programmed last, 0 when stopped. */
    /*@ public normal_behavior
      @ assignable \strictly_nothing;
      @*/
    /*@ pure @*/ long period();
}
