package dev.keel.hw;

/**
 * The translation unit of one CPU. The kernel writes page tables itself through
 * {@link PhysicalMemory}; the MMU only learns which root to use and which entries went stale.
 *
 * The JML below is what the kernel's proofs assume of the machine; KeY does not prove it. The MMU's
 * state (the loaded root, the TLB, the simulator's counters) is not part of the Java heap the
 * kernel's objects live in, so its methods change no kernel object; {@link #currentRoot} is not
 * pure for the same reason: its value changes when a root is loaded.
 */
public interface Mmu {

    /** The root argument that loads the kernel's own tables, which map no user space. */
    long KERNEL_ROOT = 0;

    /**
     * Makes the page table at physical address {@code root} current (x86 CR3); KERNEL_ROOT
     * loads the kernel's own tables, for when the current space is about to be freed.
     */
    /*@ public normal_behavior
      @ requires root >= 0;
      @ assignable \nothing;
      @*/
    /*@ helper @*/ void loadRoot(long root);

    /** The root loaded last. */
    /*@ public normal_behavior
      @ assignable \nothing;
      @*/
    /*@ helper @*/ long currentRoot();

    /** Drops any cached translation of virtual address {@code va} (x86 invlpg). */
    /*@ public normal_behavior
      @ assignable \nothing;
      @*/
    /*@ helper @*/ void invalidate(long va);
}
