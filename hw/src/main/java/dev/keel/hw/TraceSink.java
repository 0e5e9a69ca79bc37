package dev.keel.hw;

/**
 * Where the kernel's trace events go: a second, write-only byte line kept apart from the console
 * (COM2 in the image, a buffer in the simulated machine). Off unless the machine was started with
 * tracing on; the kernel tests {@link #enabled} once and writes nothing when it is false.
 */
public interface TraceSink {

    // The JML below states what the kernel assumes of the machine (KeY does not prove hw).
    // footprint: the device's own state, which its operations may change; the kernel never
    // reads or writes it other than through these methods.
    //@ public instance model \locset footprint;
    // tracing: whether the line was switched on; fixed before the kernel boots.
    //@ public instance model boolean tracing;

    /** Whether tracing was switched on for this run. */
    /*@ public normal_behavior
      @ ensures \result == tracing;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure @*/ boolean enabled();

    /** Sends one byte; blocks until the line accepts it. */
    /*@ public normal_behavior
      @ assignable footprint;
      @*/
    void write(int b);
}
