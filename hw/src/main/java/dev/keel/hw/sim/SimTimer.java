package dev.keel.hw.sim;

import dev.keel.hw.Timer;

/** A simulated timer: the harness calls the kernel's tick entry; this only keeps the period. */
public final class SimTimer implements Timer {

    private long period;

    public void setPeriod(long cycles) {
        period = cycles;
    }

    public long period() {
        return period;
    }
}
