package dev.keel.kernel.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.keel.hw.sim.SimMemoryMap;
import dev.keel.hw.sim.SimPhysicalMemory;

/** Memory-map regions whose bounds do not fit in a long give no frames. */
class FrameAllocatorMapTest {

    static final int RAM = 64 * 4096;

    static int freeFrames(long base, long length) {
        SimMemoryMap map = new SimMemoryMap(new long[] {base}, new long[] {length}, new boolean[] {true});
        return new FrameAllocator(new SimPhysicalMemory(RAM), map).freeCount();
    }

    @Test
    void anOrdinaryRegionGivesItsFramesButFrameZero() {
        assertEquals(63, freeFrames(0, RAM));
        assertEquals(8, freeFrames(4096 * 10, 4096 * 8));
    }

    @Test
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aRegionAtTheTopOfTheAddressSpaceGivesNoFrames() {
        // base + PAGE - 1 wraps to a huge negative first frame: without the check the marking
        // loop would run from there (2^51 steps) and then mark every frame of RAM usable.
        assertEquals(0, freeFrames(Long.MAX_VALUE - 100, 50));
        assertEquals(0, freeFrames(Long.MAX_VALUE - 4096 * 4, 4096 * 8));
    }

    @Test
    void aRegionWithANegativeBaseGivesNoFrames() {
        assertEquals(0, freeFrames(-4096 * 4, 4096 * 16));
    }
}
