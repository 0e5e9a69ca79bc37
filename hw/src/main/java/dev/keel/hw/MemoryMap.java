package dev.keel.hw;

/**
 * The physical memory map reported by firmware (Multiboot2 memory map). Regions are page
 * aligned and do not overlap; only usable regions may be handed out as frames.
 */
public interface MemoryMap {

    int regionCount();

    /** Physical base of region {@code i}, page aligned. */
    long base(int i);

    /** Length in bytes of region {@code i}, a multiple of the page size. */
    long length(int i);

    /** True when region {@code i} is free RAM; false for firmware, devices and the kernel image. */
    boolean usable(int i);
}
