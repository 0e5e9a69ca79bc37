package dev.keel.hw;

/**
 * The interrupt controller (x86 IO-APIC and local APIC). Lines are numbered from 0. A line is
 * masked while its handler in user space has not acknowledged it.
 */
public interface InterruptController {

    // The JML below states what the kernel assumes of the machine (KeY does not prove hw).
    // footprint: the device's own state, which its operations may change; the kernel never
    // reads or writes it other than through these methods.
    //@ public instance model \locset footprint;

    /** The number of device interrupt lines. */
    /*@ public normal_behavior
      @ ensures \result >= 0;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure @*/ int lineCount();

    /** Stops delivery of {@code line}. */
    /*@ public normal_behavior
      @ assignable footprint;
      @*/
    void mask(int line);

    /** Resumes delivery of {@code line}. */
    /*@ public normal_behavior
      @ assignable footprint;
      @*/
    void unmask(int line);

    /** True while {@code line} is masked. */
    /*@ public normal_behavior
      @ assignable \strictly_nothing;
      @*/
    /*@ pure @*/ boolean isMasked(int line);

    /** Signals the end of the interrupt being handled on {@code line}. */
    /*@ public normal_behavior
      @ assignable footprint;
      @*/
    void endOfInterrupt(int line);

    /** Interrupts CPU {@code cpu} so that it enters the kernel and reschedules. */
    /*@ public normal_behavior
      @ assignable footprint;
      @*/
    void sendIpi(int cpu);
}
