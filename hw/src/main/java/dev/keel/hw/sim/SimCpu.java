package dev.keel.hw.sim;

import dev.keel.hw.Cpu;

/** A simulated core: halting only counts, because the test harness delivers the next interrupt. */
public final class SimCpu implements Cpu {

    private final int id;
    private long halts;

    public SimCpu(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }

    public void halt() {
        halts++;
    }

    /** How many times the kernel halted this core. */
    public long halts() {
        return halts;
    }
}
