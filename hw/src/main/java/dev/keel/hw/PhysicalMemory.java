package dev.keel.hw;

/**
 * Raw physical memory, little-endian. The only path by which the kernel reads or writes memory
 * that is not a Java object: page tables, user pages, boot modules. Addresses must be aligned to
 * the access width and below {@link #size}.
 */
public interface PhysicalMemory {

    /** Bytes of physical address space. */
    long size();

    int load8(long pa);

    int load16(long pa);

    int load32(long pa);

    long load64(long pa);

    void store8(long pa, int value);

    void store16(long pa, int value);

    void store32(long pa, int value);

    void store64(long pa, long value);
}
