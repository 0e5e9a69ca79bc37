package dev.keel.boot.x86;

import dev.keel.hw.MemoryMap;

/**
 * The bootloader's memory map as the kernel may use it: RAM regions below the direct-map limit,
 * page aligned, minus everything below the end of the kernel image (real-mode memory, the
 * image itself with its bss, boot stacks and embedded programs).
 */
final class X86MemoryMap implements MemoryMap {

    private static final long PAGE = 4096;

    private final long[] base;
    private final long[] length;
    private final boolean[] usable;

    X86MemoryMap(Handoff h, long imageEnd) {
        int n = h.regionCount();
        base = new long[n];
        length = new long[n];
        usable = new boolean[n];
        long floor = roundUp(imageEnd);
        for (int r = 0; r < n; r++) {
            long start = roundUp(h.regionWord(r, 0));
            long end = roundDown(Math.min(h.regionWord(r, 0) + h.regionWord(r, 1), X86PhysicalMemory.DIRECT_MAP_LIMIT));
            boolean ram = h.regionWord(r, 2) == Handoff.MEM_USABLE;
            if (ram && start < floor) {
                start = floor;
            }
            base[r] = start;
            length[r] = end > start ? end - start : 0;
            usable[r] = ram && end > start;
        }
    }

    private static long roundUp(long a) {
        return (a + PAGE - 1) / PAGE * PAGE;
    }

    private static long roundDown(long a) {
        return a / PAGE * PAGE;
    }

    /** One past the highest usable byte. */
    long top() {
        long top = 0;
        for (int r = 0; r < base.length; r++) {
            if (usable[r] && base[r] + length[r] > top) {
                top = base[r] + length[r];
            }
        }
        return top;
    }

    public int regionCount() {
        return base.length;
    }

    public long base(int i) {
        return i >= 0 && i < base.length ? base[i] : 0;
    }

    public long length(int i) {
        return i >= 0 && i < length.length ? length[i] : 0;
    }

    public boolean usable(int i) {
        return i >= 0 && i < usable.length && usable[i];
    }
}
