package dev.keel.hw;

/** The periodic timer that drives preemption: one interrupt every {@code period} cycles. */
public interface Timer {

    /** Programs a periodic interrupt every {@code cycles} clock cycles; 0 stops the timer. */
    void setPeriod(long cycles);

    /** The period programmed last, 0 when stopped. */
    long period();
}
