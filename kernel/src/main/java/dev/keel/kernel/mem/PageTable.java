package dev.keel.kernel.mem;

import dev.keel.hw.PhysicalMemory;
import org.checkerframework.checker.index.qual.IndexFor;

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
      @ ensures \result == 0 || (0 < \result && \result <= memory.memSize - 8);
      @ assignable \strictly_nothing;
      @ also public normal_behavior
      @ requires root > 0 && 0 <= va && va < USER_TOP && create;
      @ ensures \result == 0 || (0 < \result && \result <= memory.memSize - 8);
      @ assignable frames.top, frames.free[*], frames.refs[*];
      @*/
    public long entryAddress(long root, long va, boolean create) {
        if (!create) {
            return find(root, va);
        }
        return findCreating(root, va);
    }

    /**
     * entryAddress creating missing tables. A helper that requires the memory and the
     * allocator's invariant, not this table's: across each allocation the proof then carries the
     * allocator's invariant alone.
     */
    /*@ private normal_behavior
      @ requires memory != null && frames != null && \invariant_for(frames) && 0 <= va;
      @ ensures \result == 0 || (0 < \result && \result <= memory.memSize - 8);
      @ ensures \invariant_for(frames);
      @ assignable frames.top, frames.free[*], frames.refs[*];
      @*/
    /*@ helper @*/ private long findCreating(long root, long va) {
        long table = root;
        /*@ loop_invariant 0 <= level && level <= 3 && \invariant_for(frames);
          @ assignable frames.top, frames.free[*], frames.refs[*];
          @ decreases level;
          @*/
        for (int level = 3; level > 0; level--) {
            long next = nextTable(table, va, level);
            if (next < 0) {
                return 0;
            }
            table = next;
        }
        return slot(table, va, 0);
    }

    /**
     * The table below {@code va}'s entry at {@code level} of the table at {@code table}, made
     * when missing; -1 when that table does not lie inside physical memory or no frame was free.
     * One step of findCreating, so that the loop's proof carries the allocator's invariant
     * across one call, not across each path through an allocation.
     */
    /*@ private normal_behavior
      @ requires memory != null && frames != null && \invariant_for(frames);
      @ requires 0 <= va && 0 < level && level <= 3;
      @ ensures \result >= -1 && \invariant_for(frames);
      @ assignable frames.top, frames.free[*], frames.refs[*];
      @*/
    /*@ helper @*/ private long nextTable(long table, long va, int level) {
        long at = slot(table, va, level);
        if (at == 0) {
            return -1;
        }
        long e = memory.load64(at);
        if (Pte.present(e)) {
            return Pte.frame(e);
        }
        long f = frames.allocate();
        if (f == 0) {
            return -1;
        }
        return link(table, va, level, f);
    }

    /**
     * Enters the new table at {@code f} in {@code va}'s entry at {@code level} of the table at
     * {@code table}; returns f's frame, or -1 when that table does not lie inside physical
     * memory. It writes no Java object, so nextTable carries the allocator's invariant from
     * the allocation to its return unchanged.
     */
    /*@ private normal_behavior
      @ requires memory != null && 0 <= va && 0 < level && level <= 3;
      @ ensures \result >= -1;
      @ assignable \strictly_nothing;
      @*/
    /*@ helper @*/ private long link(long table, long va, int level, long f) {
        long e = Pte.table(f);
        // The slot again, on this heap: the prover keeps the physical memory's size only across
        // calls that leave the heap alone, and the caller's allocation did not.
        long at = slot(table, va, level);
        if (at == 0) {
            return -1;
        }
        memory.store64(at, e);
        return Pte.frame(e);
    }

    /**
     * entryAddress without creating: 0 when a table on the way is missing. Open to the memory
     * manager, whose page walks call it directly: entryAddress, with a contract per case and
     * this table's invariant, costs them that invariant again for a walk that needs only memory.
     */
    // Helpers from here to lookup: they read only the memory, so a walk needs no invariant.
    /*@ normal_behavior
      @ requires memory != null && 0 <= va;
      @ ensures \result == 0 || (0 < \result && \result <= memory.memSize - 8);
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ long find(long root, long va) {
        long table = root;
        /*@ loop_invariant 0 <= walk && walk <= 3;
          @ assignable \strictly_nothing;
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
      @ requires memory != null && 0 <= va && 0 <= level && level <= 3;
      @ ensures \result == 0 || (0 < \result && \result <= memory.memSize - 8);
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private long slot(long table, long va, int level) {
        if (table <= 0 || table > memory.size() - Pte.PAGE) {
            return 0;
        }
        int i = Pte.index(va, level);
        // Both halves of the overflow check, stated for the prover, which does not split them.
        //@ assert table + 8L * i <= Long.MAX_VALUE;
        //@ assert table + 8L * i >= Long.MIN_VALUE;
        return table + 8L * i;
    }

    /** The leaf entry for {@code va}, or 0 when no table covers it (or it is not a user address). */
    /*@ public normal_behavior
      @ requires memory != null && root > 0;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public long lookup(long root, long va) {
        if (va < 0 || va >= USER_TOP) {
            return 0;
        }
        long at = find(root, va);
        return at == 0 ? 0 : memory.load64(at);
    }

    /**
     * Entry {@code i} of the table at {@code table}; 0 (not present) when the table does not lie
     * inside physical memory. The walks that change the heap between entries read through here,
     * so the range test and the load see the same heap.
     */
    // A helper: it reads only the memory, so the walks that call it need not keep the invariant.
    /*@ private normal_behavior
      @ requires memory != null && 0 <= i && i < Pte.ENTRIES;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private long entryAt(long table, int i) {
        if (table <= 0 || table > memory.size() - Pte.PAGE) {
            return 0;
        }
        //@ assert table + 8L * i <= Long.MAX_VALUE;
        //@ assert table + 8L * i >= Long.MIN_VALUE;
        return memory.load64(table + 8L * i);
    }

    /**
     * Writes the leaf entry at physical address {@code at}. A helper: it writes no Java object
     * and needs only the memory, so a caller need not show this table's invariant for it.
     */
    /*@ public normal_behavior
      @ requires memory != null && at > 0 && at <= memory.memSize - 8;
      @ assignable \strictly_nothing;
      @*/
    /*@ helper @*/ public void store(long at, long entry) {
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

    /**
     * Frees the table at {@code table} (a table of {@code level}) and every table under it. Only
     * the user half of the top level is the process's; the kernel half is shared. A table that
     * does not lie inside physical memory is not walked, nor released as a table: it can only be
     * the mark of a corrupted entry.
     */
    // freeLevel, freeChildren and freeEntry call each other; the measures (3 * level, one less
    // for the children, two less for one entry) fall with each call. Both are helpers that require and keep the allocator's
    // invariant, like findCreating: each call then carries that one term across.
    /*@ private normal_behavior
      @ requires memory != null && frames != null && \invariant_for(frames) && 0 <= level && level <= 3;
      @ ensures \invariant_for(frames);
      @ assignable frames.top, frames.free[*], frames.refs[*], frames.stack[*];
      @ measured_by 3 * level;
      @*/
    /*@ helper @*/ private void freeLevel(long table, int level) {
        if (table <= 0 || table > memory.size() - Pte.PAGE) {
            return;
        }
        if (level > 0) {
            freeChildren(table, level);
        }
        frames.drop(table);
    }

    /** Frees every table under the table at {@code table} (a table of {@code level}). */
    /*@ private normal_behavior
      @ requires memory != null && frames != null && \invariant_for(frames) && 0 < level && level <= 3;
      @ ensures \invariant_for(frames);
      @ assignable frames.top, frames.free[*], frames.refs[*], frames.stack[*];
      @ measured_by 3 * level - 1;
      @*/
    /*@ helper @*/ private void freeChildren(long table, int level) {
        /*@ loop_invariant 0 <= i && i <= Pte.ENTRIES && \invariant_for(frames);
          @ assignable frames.top, frames.free[*], frames.refs[*], frames.stack[*];
          @ decreases Pte.ENTRIES - i;
          @*/
        for (int i = 0; i < Pte.ENTRIES / 2 || (level < 3 && i < Pte.ENTRIES); i++) {
            freeEntry(table, i, level);
        }
    }

    /**
     * Frees the table that entry {@code i} of the table at {@code table} (a table of
     * {@code level}) points to, when present. One iteration of freeChildren, so that the loop's
     * proof carries the allocator's invariant across one call.
     */
    /*@ private normal_behavior
      @ requires memory != null && frames != null && \invariant_for(frames) && 0 < level && level <= 3;
      @ requires 0 <= i && i < Pte.ENTRIES;
      @ ensures \invariant_for(frames);
      @ assignable frames.top, frames.free[*], frames.refs[*], frames.stack[*];
      @ measured_by 3 * level - 2;
      @*/
    /*@ helper @*/ private void freeEntry(long table, int i, int level) {
        long e = entryAt(table, i);
        if (Pte.present(e)) {
            freeLevel(Pte.frame(e), level - 1);
        }
    }

    /**
     * Adds 1 to {@code counts[f]} for every table frame under {@code root} (self-checks); the
     * counts are the caller's, never the allocator's own reference counts.
     */
    /*@ public normal_behavior
      @ requires root > 0 && counts != frames.refs && counts != frames.stack;
      @ assignable counts[*];
      @*/
    public void countTables(long root, int[] counts) {
        countLevel(root, 3, counts);
    }

    /** {@code a[i]}, read through a method so the prover knows the int range of the value. */
    /*@ private normal_behavior
      @ requires 0 <= i && i < a.length;
      @ ensures \result == a[i];
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure helper @*/ int element(int[] a, @IndexFor("#1") int i) {
        return a[i];
    }

    /**
     * Counts the table at {@code table} (of {@code level}) and every table under it. A count that
     * has reached the int range stays there, and a table outside physical memory is counted (when
     * it has a frame number) but not walked: either is the mark of corrupted tables, which the
     * self-check then reports as counts that do not match.
     */
    // A helper: it writes only the caller's counts and reads only the memory, so it needs no
    // invariant (countTables, which keeps the allocator's, passes counts that are not its refs).
    /*@ private normal_behavior
      @ requires memory != null && 0 <= level && level <= 3 && counts != frames.refs;
      @ assignable counts[*];
      @ measured_by level;
      @*/
    /*@ helper @*/ private void countLevel(long table, int level, int[] counts) {
        long f = table / Pte.PAGE;
        if (f >= 0 && f < counts.length) {
            //@ assert 0 <= f && f < Integer.MAX_VALUE;
            int at = (int) f;
            int c = element(counts, at);
            if (c < Integer.MAX_VALUE) {
                counts[at] = c + 1;
            }
        }
        if (level == 0 || table <= 0 || table > memory.size() - Pte.PAGE) {
            return;
        }
        /*@ loop_invariant 0 <= i && i <= Pte.ENTRIES;
          @ assignable counts[*];
          @ decreases Pte.ENTRIES - i;
          @*/
        for (int i = 0; i < Pte.ENTRIES / 2 || (level < 3 && i < Pte.ENTRIES); i++) {
            long next = Pte.target(entryAt(table, i));
            if (next >= 0) {
                countLevel(next, level - 1, counts);
            }
        }
    }
}
