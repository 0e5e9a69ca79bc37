package dev.keel.hw;

/** A monotonic cycle counter (x86 rdtsc). Metrics measure latencies with it. */
public interface Clock {

    // The JML below states what the kernel assumes of the machine (KeY does not prove hw).
    // footprint: the device's own state, which its operations may change; the kernel never
    // reads or writes it other than through these methods.
    //@ public instance model \locset footprint;

    /**
     * Cycles since reset; never decreases. Assumed non-negative: the x86 TSC counts from 0 at
     * reset and would need a century to reach 2^63, the simulated clock starts at 0.
     */
    /*@ public normal_behavior
      @ ensures \result >= 0;
      @ assignable footprint;
      @*/
    long cycles();
}
