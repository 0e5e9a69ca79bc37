package dev.keel.boot.x86;

import dev.keel.hw.x86.PhysicalMemory;

/**
 * Physical memory through the kernel's direct map: the intrinsics add KEEL_PHYS_BASE. The early
 * page tables map the first GiB, so {@code size} is the end of RAM, capped there.
 */
final class X86PhysicalMemory implements dev.keel.hw.PhysicalMemory {

    static final long DIRECT_MAP_LIMIT = 1L << 30;

    private final long size;

    X86PhysicalMemory(long size) {
        this.size = Math.min(size, DIRECT_MAP_LIMIT);
    }

    public long size() {
        return size;
    }

    public int load8(long pa) {
        return PhysicalMemory.load8(pa);
    }

    public int load16(long pa) {
        return PhysicalMemory.load16(pa);
    }

    public int load32(long pa) {
        return PhysicalMemory.load32(pa);
    }

    public long load64(long pa) {
        return PhysicalMemory.load64(pa);
    }

    public void store8(long pa, int value) {
        PhysicalMemory.store8(pa, value);
    }

    public void store16(long pa, int value) {
        PhysicalMemory.store16(pa, value);
    }

    public void store32(long pa, int value) {
        PhysicalMemory.store32(pa, value);
    }

    public void store64(long pa, long value) {
        PhysicalMemory.store64(pa, value);
    }

    public void read(long pa, byte[] dst, int off, int len) {
        PhysicalMemory.read(pa, dst, off, len);
    }

    public void write(long pa, byte[] src, int off, int len) {
        PhysicalMemory.write(pa, src, off, len);
    }

    public void copy(long to, long from, long len) {
        PhysicalMemory.copy(to, from, len);
    }
}
