package dev.keel.hw;

/**
 * The translation unit of one CPU. The kernel writes page tables itself through
 * {@link PhysicalMemory}; the MMU only learns which root to use and which entries went stale.
 */
public interface Mmu {

    /** Makes the page table at physical address {@code root} current (x86 CR3). */
    void loadRoot(long root);

    /** The root loaded last. */
    long currentRoot();

    /** Drops any cached translation of virtual address {@code va} (x86 invlpg). */
    void invalidate(long va);
}
