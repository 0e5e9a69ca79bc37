package dev.keel.hw.sim;

import dev.keel.hw.IoPorts;

/** A simulated I/O port space: 65536 byte latches, with an access counter for tests. */
public final class SimIoPorts implements IoPorts {

    private final int[] latch = new int[65536];
    private long accesses;

    public int in8(int port) {
        accesses++;
        if (port < 0 || port >= latch.length) {
            return 0xff;
        }
        return latch[port];
    }

    public void out8(int port, int value) {
        accesses++;
        if (port >= 0 && port < latch.length) {
            latch[port] = value & 0xff;
        }
    }

    public long accesses() {
        return accesses;
    }
}
