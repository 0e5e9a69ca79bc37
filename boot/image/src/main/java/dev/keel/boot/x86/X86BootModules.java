package dev.keel.boot.x86;

import dev.keel.hw.BootModules;

/**
 * The bootloader's modules (handoff words W_MODULES..): the user programs' ELF files and their
 * names, placed in physical memory by GRUB (module2) or QEMU (-initrd).
 */
final class X86BootModules implements BootModules {

    private final Handoff h;
    private final int count;

    X86BootModules(Handoff h) {
        this.h = h;
        this.count = h.moduleCount();
    }

    public int count() {
        return count;
    }

    private long word(int i, int k) {
        return i >= 0 && i < count ? h.moduleWord(i, k) : 0;
    }

    public long base(int i) {
        return word(i, 0);
    }

    public long length(int i) {
        return word(i, 1);
    }

    public long nameBase(int i) {
        return word(i, 2);
    }

    public int nameLength(int i) {
        return (int) word(i, 3);
    }
}
