package dev.keel.hw;

/**
 * Raw physical memory, little-endian. The only path by which the kernel reads or writes memory
 * that is not a Java object: page tables, user pages, boot modules. Addresses must be aligned to
 * the access width and below {@link #size}. The bulk copies ({@link #read}, {@link #write},
 * {@link #copy}) take any alignment; their ranges must lie below {@link #size} and inside the
 * array, and they are how the kernel moves user buffers a page at a time.
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

    /** Copies the {@code len} bytes at {@code pa} into {@code dst[off..off+len)}. */
    void read(long pa, byte[] dst, int off, int len);

    /** Copies {@code src[off..off+len)} to the {@code len} bytes at {@code pa}. */
    void write(long pa, byte[] src, int off, int len);

    /** Copies the {@code len} bytes at {@code from} to {@code to}; the ranges do not overlap. */
    void copy(long to, long from, long len);
}
