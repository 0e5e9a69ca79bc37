package dev.keel.hw.sim;

import dev.keel.hw.MemoryMap;

/** A simulated memory map: a fixed table of regions set up by {@link SimMachine}. */
public final class SimMemoryMap implements MemoryMap {

    private final long[] bases;
    private final long[] lengths;
    private final boolean[] usable;

    public SimMemoryMap(long[] bases, long[] lengths, boolean[] usable) {
        this.bases = bases;
        this.lengths = lengths;
        this.usable = usable;
    }

    public int regionCount() {
        return Math.min(bases.length, Math.min(lengths.length, usable.length));
    }

    public long base(int i) {
        return i >= 0 && i < bases.length ? bases[i] : 0;
    }

    public long length(int i) {
        return i >= 0 && i < lengths.length ? lengths[i] : 0;
    }

    public boolean usable(int i) {
        return i >= 0 && i < usable.length && usable[i];
    }
}
