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

    // Tables are allocated from the allocator: its invariant must hold whenever one is taken.
    //@ public invariant \invariant_for(frames);

    /*@ public normal_behavior
      @ requires \invariant_for(frames);
      @ ensures this.memory == memory && this.frames == frames;
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
     * {@code create}; 0 when a table is missing and not created, or no frame was free. An entry
     * that points outside physical memory (or at frame 0, which is never a table) counts as a
     * missing table and is never followed: page tables are not trusted to be intact.
     */
    /*@ public normal_behavior
      @ requires root > 0 && 0 <= va && va < USER_TOP && !create;
      @ ensures \result >= 0;
      @ assignable \nothing;
      @ also public normal_behavior
      @ requires root > 0 && 0 <= va && va < USER_TOP && create;
      @ ensures \result >= 0;
      @ assignable frames.top, frames.free[*], frames.refs[*];
      @*/
    public long entryAddress(long root, long va, boolean create) {
        if (!create) {
            return find(root, va);
        }
        long table = root;
        /*@ loop_invariant 0 <= level && level <= 3;
          @ assignable frames.top, frames.free[*], frames.refs[*];
          @ decreases level;
          @*/
        for (int level = 3; level > 0; level--) {
            long at = slot(table, va, level);
            if (at == 0) {
                return 0;
            }
            long e = memory.load64(at);
            if (!Pte.present(e)) {
                long f = frames.allocate();
                if (f == 0) {
                    return 0;
                }
                e = Pte.table(f);
                memory.store64(at, e);
            }
            table = Pte.frame(e);
        }
        return slot(table, va, 0);
    }

    /** entryAddress without creating: 0 when a table on the way is missing. */
    /*@ private normal_behavior
      @ requires 0 <= va;
      @ ensures \result >= 0;
      @ assignable \nothing;
      @*/
    private long find(long root, long va) {
        long table = root;
        /*@ loop_invariant 0 <= walk && walk <= 3;
          @ assignable \nothing;
          @ decreases walk;
          @*/
        for (int walk = 3; walk > 0; walk--) {
            long at = slot(table, va, walk);
            if (at == 0) {
                return 0;
            }
            long e = memory.load64(at);
            if (!Pte.present(e)) {
                return 0;
            }
            table = Pte.frame(e);
        }
        return slot(table, va, 0);
    }

    /**
     * The address of {@code va}'s entry at {@code level} in the table at {@code table}; 0 when
     * that table does not lie inside physical memory.
     */
    /*@ private normal_behavior
      @ requires 0 <= va && 0 <= level && level <= 3;
      @ ensures \result == 0 || (0 < \result && \result <= memory.size() - 8);
      @ assignable \nothing;
      @*/
    private /*@ pure @*/ long slot(long table, long va, int level) {
        if (table <= 0 || table > memory.size() - Pte.PAGE) {
            return 0;
        }
        return table + 8L * Pte.index(va, level);
    }

    /** The leaf entry for {@code va}, or 0 when no table covers it (or it is not a user address). */
    /*@ public normal_behavior
      @ requires root > 0;
      @ assignable \nothing;
      @*/
    public /*@ pure @*/ long lookup(long root, long va) {
        if (va < 0 || va >= USER_TOP) {
            return 0;
        }
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
      @ assignable frames.top, frames.free[*], frames.refs[*], frames.stack[*];
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
