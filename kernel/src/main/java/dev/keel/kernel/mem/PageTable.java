package dev.keel.kernel.mem;

import dev.keel.hw.PhysicalMemory;

/**
 * Four-level x86-64 page tables, written by the kernel through {@link PhysicalMemory}: the same
 * code builds the tables of the simulated machine and of the real one. Only the lower (user) half
 * of the address space is managed here.
 */
public final class PageTable {

    /** First address above user space (the lower canonical half, minus its last page). */
    public static final long USER_TOP = 0x00007ffffffff000L;

    /*@ spec_public @*/ private final PhysicalMemory memory;
    /*@ spec_public @*/ private final FrameAllocator frames;

    /*@ public normal_behavior
      @ assignable \nothing;
      @*/
    public PageTable(PhysicalMemory memory, FrameAllocator frames) {
        this.memory = memory;
        this.frames = frames;
    }

    /** A new, empty top-level table; 0 when no frame is free. */
    /*@ public normal_behavior
      @ ensures \result >= 0;
      @ assignable frames.top, frames.free[*], frames.refs[*];
      @*/
    public long newRoot() {
        return frames.allocate();
    }

    /**
     * The physical address of the leaf entry for {@code va}, creating missing tables when
     * {@code create}; 0 when a table is missing and not created, or no frame was free.
     */
    /*@ public normal_behavior
      @ requires root > 0 && 0 <= va && va < USER_TOP;
      @ ensures !create ==> \result == 0 || \result > 0;
      @ assignable \everything;
      @*/
    public long entryAddress(long root, long va, boolean create) {
        long table = root;
        for (int level = 3; level > 0; level--) {
            long at = table + 8L * Pte.index(va, level);
            long e = memory.load64(at);
            if (!Pte.present(e)) {
                if (!create) {
                    return 0;
                }
                long f = frames.allocate();
                if (f == 0) {
                    return 0;
                }
                e = Pte.table(f);
                memory.store64(at, e);
            }
            table = Pte.frame(e);
        }
        return table + 8L * Pte.index(va, 0);
    }

    /** The leaf entry for {@code va}, or 0 when no table covers it. */
    /*@ public normal_behavior
      @ requires root > 0;
      @ assignable \nothing;
      @*/
    public /*@ pure @*/ long lookup(long root, long va) {
        long at = entryAddress(root, va, false);
        return at == 0 ? 0 : memory.load64(at);
    }

    /** Writes the leaf entry at physical address {@code at}. */
    /*@ public normal_behavior
      @ requires at > 0 && at <= memory.size() - 8;
      @ assignable \nothing;
      @*/
    public void store(long at, long entry) {
        memory.store64(at, entry);
    }

    /** Frees every table frame under {@code root}, the root included; leaves must be unmapped first. */
    /*@ public normal_behavior
      @ requires root > 0;
      @ assignable \everything;
      @*/
    public void destroy(long root) {
        freeLevel(root, 3);
    }

    private void freeLevel(long table, int level) {
        if (level > 0) {
            for (int i = 0; i < Pte.ENTRIES / 2 || (level < 3 && i < Pte.ENTRIES); i++) {
                long e = memory.load64(table + 8L * i);
                if (Pte.present(e)) {
                    freeLevel(Pte.frame(e), level - 1);
                }
            }
        }
        frames.release(table);
    }

    /** Adds 1 to {@code counts[f]} for every table frame under {@code root} (self-checks). */
    /*@ public normal_behavior
      @ requires root > 0;
      @ assignable counts[*];
      @*/
    public void countTables(long root, int[] counts) {
        countLevel(root, 3, counts);
    }

    private void countLevel(long table, int level, int[] counts) {
        long f = table / Pte.PAGE;
        if (f >= 0 && f < counts.length) {
            counts[(int) f]++;
        }
        if (level == 0) {
            return;
        }
        for (int i = 0; i < Pte.ENTRIES / 2 || (level < 3 && i < Pte.ENTRIES); i++) {
            long e = memory.load64(table + 8L * i);
            if (Pte.present(e)) {
                countLevel(Pte.frame(e), level - 1, counts);
            }
        }
    }
}
