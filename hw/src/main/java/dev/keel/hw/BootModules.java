package dev.keel.hw;

/**
 * The programs loaded beside the kernel (Multiboot modules): files in physical memory, each with
 * a name, also in physical memory. The kernel treats them as its read-only executables and loads
 * only ELF64 executables among them (dev.keel.kernel.proc.ElfImage); the memory they occupy is
 * never usable in the memory map.
 */
public interface BootModules {

    int count();

    /** Physical address of module {@code i}'s file. */
    long base(int i);

    /** Length in bytes of module {@code i}'s file. */
    long length(int i);

    /** Physical address of module {@code i}'s name (bytes, not terminated). */
    long nameBase(int i);

    /** Length in bytes of module {@code i}'s name. */
    int nameLength(int i);
}
