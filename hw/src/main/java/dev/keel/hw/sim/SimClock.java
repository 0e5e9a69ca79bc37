package dev.keel.hw.sim;

import dev.keel.hw.Clock;

/**
 * A deterministic cycle counter: every read advances it by a fixed step, so latencies measured by
 * the kernel are repeatable from run to run.
 */
public final class SimClock implements Clock {

    private final long step;
    private long now;

    public SimClock(long step) {
        this.step = step;
    }

    public long cycles() {
        now += step;
        return now;
    }

    /** Moves time forward by {@code delta} cycles, as a long-running instruction would. */
    public void advance(long delta) {
        if (delta > 0) {
            now += delta;
        }
    }
}
