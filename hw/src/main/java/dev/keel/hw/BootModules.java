package dev.keel.hw;

/**
 * The programs loaded beside the kernel (Multiboot2 modules): flat images in physical memory,
 * each with a name, also in physical memory. The kernel treats them as its read-only executables.
 */
public interface BootModules {

    int count();

    /** Physical address of module {@code i}'s image. */
    long base(int i);

    /** Length in bytes of module {@code i}'s image. */
    long length(int i);

    /** Physical address of module {@code i}'s name (bytes, not terminated). */
    long nameBase(int i);

    /** Length in bytes of module {@code i}'s name. */
    int nameLength(int i);
}
