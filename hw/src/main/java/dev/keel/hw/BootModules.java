package dev.keel.hw;

/**
 * The programs loaded beside the kernel (Multiboot modules): files in physical memory, each with
 * a name, also in physical memory. The kernel treats them as its read-only executables and loads
 * only ELF64 executables among them (dev.keel.kernel.proc.ElfImage); the memory they occupy is
 * never usable in the memory map.
 */
public interface BootModules {

    // The JML below is what the kernel's proofs assume of the machine; KeY does not prove it.
    // Multiboot gives module addresses and ends as 32-bit numbers, and the simulated machine's
    // memory is smaller than 4 GiB: hence the bounds on base and length.
    // moduleCount: how many modules the boot loader handed over; fixed before the kernel boots,
    // so no heap location the kernel can write changes it (accessible \nothing). The other
    // queries are stated against it: a caller that tested i < count() meets their precondition.
    //@ public instance model int moduleCount;
    //@ public accessible moduleCount: \nothing;

    /*@ public normal_behavior
      @ ensures \result >= 0 && \result == moduleCount;
      @ assignable \strictly_nothing;
      @*/
    /*@ helper pure @*/ int count();

    /** Physical address of module {@code i}'s file. */
    /*@ public normal_behavior
      @ requires 0 <= i && i < moduleCount;
      @ ensures 0 <= \result && \result <= 0xffffffffL;
      @ assignable \strictly_nothing;
      @*/
    /*@ helper pure @*/ long base(int i);

    /** Length in bytes of module {@code i}'s file. */
    /*@ public normal_behavior
      @ requires 0 <= i && i < moduleCount;
      @ ensures 0 <= \result && \result <= 0xffffffffL;
      @ assignable \strictly_nothing;
      @*/
    /*@ helper pure @*/ long length(int i);

    /** Physical address of module {@code i}'s name (bytes, not terminated). */
    /*@ public normal_behavior
      @ requires 0 <= i && i < moduleCount;
      @ ensures 0 <= \result && \result <= 0xffffffffL;
      @ assignable \strictly_nothing;
      @*/
    /*@ helper pure @*/ long nameBase(int i);

    /** Length in bytes of module {@code i}'s name. */
    /*@ public normal_behavior
      @ requires 0 <= i && i < moduleCount;
      @ ensures \result >= 0;
      @ assignable \strictly_nothing;
      @*/
    /*@ helper pure @*/ int nameLength(int i);
}
