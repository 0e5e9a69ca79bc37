package dev.keel.hw;

/**
 * The physical memory map reported by firmware (Multiboot2 memory map). Regions are page
 * aligned and do not overlap; only usable regions may be handed out as frames.
 */
public interface MemoryMap {

    // The JML below is what the kernel's proofs assume of the machine; KeY does not prove it.

    /*@ public normal_behavior
      @ ensures \result >= 0;
      @ assignable \strictly_nothing;
      @*/
    /*@ helper pure @*/ int regionCount();

    /** Physical base of region {@code i}, page aligned. */
    /*@ public normal_behavior
      @ requires 0 <= i && i < regionCount();
      @ ensures \result >= 0;
      @ assignable \strictly_nothing;
      @*/
    /*@ helper pure @*/ long base(int i);

    /** Length in bytes of region {@code i}, a multiple of the page size. */
    /*@ public normal_behavior
      @ requires 0 <= i && i < regionCount();
      @ ensures \result >= 0;
      @ assignable \strictly_nothing;
      @*/
    /*@ helper pure @*/ long length(int i);

    /** True when region {@code i} is free RAM; false for firmware, devices and the kernel image. */
    /*@ public normal_behavior
      @ assignable \strictly_nothing;
      @*/
    /*@ helper pure @*/ boolean usable(int i);
}
