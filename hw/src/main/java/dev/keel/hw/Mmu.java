package dev.keel.hw;

/**
 * The translation unit of one CPU. The kernel writes page tables itself through
 * {@link PhysicalMemory}; the MMU only learns which root to use and which entries went stale.
 */
public interface Mmu {

    /** The root argument that loads the kernel's own tables, which map no user space. */
    long KERNEL_ROOT = 0;

    /**
     * Makes the page table at physical address {@code root} current (x86 CR3); KERNEL_ROOT
     * loads the kernel's own tables, for when the current space is about to be freed.
     */
    void loadRoot(long root);

    /** The root loaded last. */
    long currentRoot();

    /** Drops any cached translation of virtual address {@code va} (x86 invlpg). */
    void invalidate(long va);
}
