package dev.keel.boot.x86;

import dev.keel.hw.Mmu;
import dev.keel.hw.x86.ControlRegisters;
import dev.keel.hw.x86.PhysicalMemory;

/**
 * CR3 and invlpg. The kernel's page-table code manages the lower (user) half of each space; the
 * upper half is the kernel's, shared by every space: before a root is loaded its last PML4 entry
 * (KERNEL_OFFSET, the image and the direct map) is copied from the boot tables. It is a
 * supervisor entry, so ring 3 cannot reach through it. KERNEL_ROOT loads the boot tables
 * themselves (the kernel's own, no user half), as the kernel does before it frees a loaded root.
 */
final class X86Mmu implements Mmu {

    private static final long KERNEL_SLOT = 511 * 8;

    private final long bootRoot;
    private long current;

    X86Mmu() {
        bootRoot = ControlRegisters.readCr3() & ~0xfffL;
        current = bootRoot;
    }

    public void loadRoot(long root) {
        if (root == KERNEL_ROOT) {
            ControlRegisters.writeCr3(bootRoot);
        } else {
            PhysicalMemory.store64(root + KERNEL_SLOT, PhysicalMemory.load64(bootRoot + KERNEL_SLOT));
            ControlRegisters.writeCr3(root);
        }
        current = root;
    }

    public long currentRoot() {
        return current;
    }

    public void invalidate(long va) {
        ControlRegisters.invlpg(va);
    }
}
