package dev.keel.hw;

/**
 * The physical memory map reported by firmware (Multiboot2 memory map). Regions are page
 * aligned and do not overlap; only usable regions may be handed out as frames.
 */
public interface MemoryMap {

    // The JML below is what the kernel's proofs assume of the machine; KeY does not prove it.
    // regions: how many regions firmware reported; fixed before the kernel boots, so no heap
    // location the kernel can write changes it (accessible \nothing). A region index is checked
    // against it: a call regionCount() in code yields it, a call written in a spec would not.
    //@ public instance model int regions;
    //@ public accessible regions: \nothing;

    /*@ public normal_behavior
      @ ensures \result >= 0 && \result == regions;
      @ assignable \strictly_nothing;
      @*/
    /*@ helper pure @*/ int regionCount();

    /** Physical base of region {@code i}, page aligned. */
    /*@ public normal_behavior
      @ requires 0 <= i && i < regions;
      @ ensures \result >= 0;
      @ assignable \strictly_nothing;
      @*/
    /*@ helper pure @*/ long base(int i);

    /** Length in bytes of region {@code i}, a multiple of the page size. */
    /*@ public normal_behavior
      @ requires 0 <= i && i < regions;
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
