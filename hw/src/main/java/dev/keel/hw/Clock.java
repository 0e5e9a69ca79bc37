package dev.keel.hw;

/** A monotonic cycle counter (x86 rdtsc). Metrics measure latencies with it. */
public interface Clock {

    /** Cycles since reset; never decreases. */
    long cycles();
}
