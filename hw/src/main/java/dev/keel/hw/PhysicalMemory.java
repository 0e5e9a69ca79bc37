package dev.keel.hw;

/**
 * Raw physical memory, little-endian. The only path by which the kernel reads or writes memory
 * that is not a Java object: page tables, user pages, boot modules. Addresses must be aligned to
 * the access width and below {@link #size}. The bulk copies ({@link #read}, {@link #write},
 * {@link #copy}) take any alignment; their ranges must lie below {@link #size} and inside the
 * array, and they are how the kernel moves user buffers a page at a time.
 *
 * The JML below is what the kernel's proofs assume of the machine; KeY does not prove it. The
 * assumption behind every {@code assignable}: physical memory is not part of the Java heap the
 * kernel's objects live in. On the simulator it is a private array of the simulator (plus a
 * private error counter); on x86 it is RAM outside the kernel image, the only RAM the memory map
 * calls usable. So a store changes no kernel object, and a load returns a value the proofs know
 * nothing about beyond its width (a byte or halfword load is zero-extended): two loads of the
 * same address are not assumed equal. The preconditions are the range only: x86 takes any
 * alignment, and the simulator turns a misaligned access into a counted bus error, which changes
 * no kernel object either.
 */
public interface PhysicalMemory {

    // memSize: bytes of physical address space, fixed when the machine is built (the simulator's
    // array length, the x86 adapter's final size field); no heap location the kernel can write
    // changes it, hence accessible \nothing. The access preconditions below are stated against it,
    // and size() returns it, so a caller that tests an address against size() meets them.
    //@ public instance model long memSize;
    //@ public accessible memSize: \nothing;

    /** Bytes of physical address space. Fixed when the machine is built. */
    /*@ public normal_behavior
      @ ensures \result == memSize && \result >= 0;
      @ assignable \strictly_nothing;
      @ accessible \nothing;
      @*/
    /*@ helper pure @*/ long size();

    /*@ public normal_behavior
      @ requires 0 <= pa && pa <= memSize - 1;
      @ ensures 0 <= \result && \result <= 255;
      @ assignable \nothing;
      @*/
    /*@ helper @*/ int load8(long pa);

    /*@ public normal_behavior
      @ requires 0 <= pa && pa <= memSize - 2;
      @ ensures 0 <= \result && \result <= 65535;
      @ assignable \nothing;
      @*/
    /*@ helper @*/ int load16(long pa);

    /*@ public normal_behavior
      @ requires 0 <= pa && pa <= memSize - 4;
      @ assignable \nothing;
      @*/
    /*@ helper @*/ int load32(long pa);

    /*@ public normal_behavior
      @ requires 0 <= pa && pa <= memSize - 8;
      @ assignable \nothing;
      @*/
    /*@ helper @*/ long load64(long pa);

    /*@ public normal_behavior
      @ requires 0 <= pa && pa <= memSize - 1;
      @ assignable \nothing;
      @*/
    /*@ helper @*/ void store8(long pa, int value);

    /*@ public normal_behavior
      @ requires 0 <= pa && pa <= memSize - 2;
      @ assignable \nothing;
      @*/
    /*@ helper @*/ void store16(long pa, int value);

    /*@ public normal_behavior
      @ requires 0 <= pa && pa <= memSize - 4;
      @ assignable \nothing;
      @*/
    /*@ helper @*/ void store32(long pa, int value);

    /*@ public normal_behavior
      @ requires 0 <= pa && pa <= memSize - 8;
      @ assignable \nothing;
      @*/
    /*@ helper @*/ void store64(long pa, long value);

    /** Copies the {@code len} bytes at {@code pa} into {@code dst[off..off+len)}. */
    /*@ public normal_behavior
      @ requires 0 <= len && 0 <= pa && pa <= memSize - len;
      @ requires 0 <= off && off <= dst.length - len;
      @ assignable dst[off .. off + len - 1];
      @*/
    /*@ helper @*/ void read(long pa, byte[] dst, int off, int len);

    /** Copies {@code src[off..off+len)} to the {@code len} bytes at {@code pa}. */
    /*@ public normal_behavior
      @ requires 0 <= len && 0 <= pa && pa <= memSize - len;
      @ requires 0 <= off && off <= src.length - len;
      @ assignable \nothing;
      @*/
    /*@ helper @*/ void write(long pa, byte[] src, int off, int len);

    /** Copies the {@code len} bytes at {@code from} to {@code to}; the ranges do not overlap. */
    /*@ public normal_behavior
      @ requires 0 <= len && 0 <= to && to <= memSize - len && 0 <= from && from <= memSize - len;
      @ assignable \nothing;
      @*/
    /*@ helper @*/ void copy(long to, long from, long len);
}
