package dev.keel.hw;

/**
 * Where the kernel's trace events go: a second, write-only byte line kept apart from the console
 * (COM2 in the image, a buffer in the simulated machine). Off unless the machine was started with
 * tracing on; the kernel tests {@link #enabled} once and writes nothing when it is false.
 */
public interface TraceSink {

    // The JML below is what the kernel's proofs assume of the machine; KeY does not prove it.
    // The device's state is not part of the Java heap the kernel's objects live in (on x86 it
    // is the device itself, on the simulator private fields of the simulated device that no
    // kernel code can reach), so its operations change no kernel object: assignable \nothing.
    // tracing: whether the line was switched on; fixed before the kernel boots.
    //@ public instance model boolean tracing;

    /** Whether tracing was switched on for this run. */
    /*@ public normal_behavior
      @ ensures \result == tracing;
      @ assignable \strictly_nothing;
      @*/
    /*@ helper pure @*/ boolean enabled();

    /** Sends one byte; blocks until the line accepts it. */
    /*@ public normal_behavior
      @ assignable \nothing;
      @*/
    /*@ helper @*/ void write(int b);
}
