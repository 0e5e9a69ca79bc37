package dev.keel.hw;

/** A monotonic cycle counter (x86 rdtsc). Metrics measure latencies with it. */
public interface Clock {

    // The JML below is what the kernel's proofs assume of the machine; KeY does not prove it.
    // The device's state is not part of the Java heap the kernel's objects live in (on x86 it
    // is the device itself, on the simulator private fields of the simulated device that no
    // kernel code can reach), so its operations change no kernel object: assignable \nothing.

    /**
     * Cycles since reset; never decreases. Assumed non-negative: the x86 TSC counts from 0 at
     * reset and would need a century to reach 2^63, the simulated clock starts at 0.
     */
    /*@ public normal_behavior
      @ ensures \result >= 0;
      @ assignable \nothing;
      @*/
    /*@ helper @*/ long cycles();
}
