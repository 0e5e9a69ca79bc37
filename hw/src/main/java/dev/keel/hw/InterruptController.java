package dev.keel.hw;

/**
 * The interrupt controller (x86 IO-APIC and local APIC). Lines are numbered from 0. A line is
 * masked while its handler in user space has not acknowledged it.
 */
public interface InterruptController {

    // The JML below is what the kernel's proofs assume of the machine; KeY does not prove it.
    // The device's state is not part of the Java heap the kernel's objects live in (on x86 it
    // is the device itself, on the simulator private fields of the simulated device that no
    // kernel code can reach), so its operations change no kernel object: assignable \nothing.

    /** The number of device interrupt lines. */
    /*@ public normal_behavior
      @ ensures \result >= 0;
      @ assignable \strictly_nothing;
      @*/
    /*@ helper pure @*/ int lineCount();

    /** Stops delivery of {@code line}. */
    /*@ public normal_behavior
      @ assignable \nothing;
      @*/
    /*@ helper @*/ void mask(int line);

    /** Resumes delivery of {@code line}. */
    /*@ public normal_behavior
      @ assignable \nothing;
      @*/
    /*@ helper @*/ void unmask(int line);

    /** True while {@code line} is masked. */
    /*@ public normal_behavior
      @ assignable \strictly_nothing;
      @*/
    /*@ helper pure @*/ boolean isMasked(int line);

    /** Signals the end of the interrupt being handled on {@code line}. */
    /*@ public normal_behavior
      @ assignable \nothing;
      @*/
    /*@ helper @*/ void endOfInterrupt(int line);

    /** Interrupts CPU {@code cpu} so that it enters the kernel and reschedules. */
    /*@ public normal_behavior
      @ assignable \nothing;
      @*/
    /*@ helper @*/ void sendIpi(int cpu);
}
