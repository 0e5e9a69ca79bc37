package dev.keel.hw;

/**
 * The interrupt controller (x86 IO-APIC and local APIC). Lines are numbered from 0. A line is
 * masked while its handler in user space has not acknowledged it.
 */
public interface InterruptController {

    /** The number of device interrupt lines. */
    int lineCount();

    /** Stops delivery of {@code line}. */
    void mask(int line);

    /** Resumes delivery of {@code line}. */
    void unmask(int line);

    /** True while {@code line} is masked. */
    boolean isMasked(int line);

    /** Signals the end of the interrupt being handled on {@code line}. */
    void endOfInterrupt(int line);

    /** Interrupts CPU {@code cpu} so that it enters the kernel and reschedules. */
    void sendIpi(int cpu);
}
