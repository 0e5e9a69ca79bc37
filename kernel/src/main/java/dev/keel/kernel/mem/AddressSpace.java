package dev.keel.kernel.mem;

/**
 * One protection domain: a page-table root and the regions mapped into it. Pages of a region are
 * backed on first touch (demand paging); the page tables hold the spec's {@code mapping} for the
 * present pages. Allocated at boot, one per process entry, reused.
 *
 * Invariants: RegionsDisjoint (no two used regions overlap); RegionsInUserHalf (each region lies
 * in [PAGE, USER_TOP)); PresentInRegion (a present page lies inside a region).
 */
public final class AddressSpace {

    public final int id;
    /*@ spec_public @*/ long root;
    /*@ spec_public @*/ final boolean[] used;
    /*@ spec_public @*/ final long[] start;
    /*@ spec_public @*/ final int[] pages;
    /**
     * 1 at r: region r is writable, 0: read-only. Bytes, not booleans: the type keeps these flags
     * apart from the frame allocator's free flags, which protect must show it leaves alone.
     */
    /*@ spec_public @*/ final byte[] writable;
    /*@ spec_public @*/ final int[] memObject;
    /** Whether the memory capability used to map the region allowed writing: mprotect's ceiling. */
    /*@ spec_public @*/ final boolean[] mayWrite;
    /**
     * True at r: instructions may be fetched from region r (program text); the pages of every
     * other region are NX. Only the first {@link #EXEC_SLOTS} slots can hold text (the loader
     * maps the segments first into a fresh space, so they take the lowest free slots). A flag
     * per slot rather than a bit mask: testing a bit of a long needs a shift the prover has no
     * rule for under overflow checking.
     */
    /*@ spec_public @*/ final boolean[] executable;

    /** Region slots that can be executable. */
    public static final int EXEC_SLOTS = 64;

    // TLA+ TypeOK: parallel region arrays.
    //@ public invariant used.length == start.length && start.length == pages.length;
    //@ public invariant pages.length == writable.length && writable.length == memObject.length;
    //@ public invariant mayWrite.length == used.length;
    //@ public invariant root >= 0;
    // RegionsInUserHalf, as the bounds every slot keeps (setRegion refuses others).
    //@ public invariant (\forall int r; 0 <= r && r < start.length; 0 <= start[r] && start[r] <= PageTable.USER_TOP);
    //@ public invariant (\forall int r; 0 <= r && r < pages.length; 0 <= pages[r] && pages[r] <= MemoryManager.MAX_PAGES);

    /*@ public normal_behavior
      @ requires regions > 0;
      @ ensures this.id == id && root == 0;
      @ assignable \nothing;
      @*/
    public AddressSpace(int id, int regions) {
        this.id = id;
        int n = regions < 1 ? 1 : regions;
        used = new boolean[n];
        start = new long[n];
        pages = new int[n];
        writable = new byte[n];
        memObject = new int[n];
        mayWrite = new boolean[n];
        executable = new boolean[n];
    }

    /** Physical address of the top-level table, 0 while the space is not built. A helper: it needs no invariant. */
    /*@ public normal_behavior
      @ ensures \result == root;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public long root() {
        return root;
    }

    /*@ public normal_behavior
      @ requires used != null;
      @ ensures \result == used.length;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public int regionSlots() {
        return used.length;
    }

    /**
     * The region containing {@code va}, or -1. The result is pinned down for the prover: a region
     * found contains va, and -1 means none does, so a call in code and the same call named in a
     * spec agree on whether va lies in a region.
     */
    /*@ public normal_behavior
      @ ensures \result == -1 || (0 <= \result && \result < used.length && used[\result]);
      @ ensures \result >= 0 ==> start[\result] <= va && va < start[\result] + pages[\result] * Pte.PAGE;
      @ ensures \result < 0 ==> (\forall int k; 0 <= k && k < used.length;
      @         !(used[k] && start[k] <= va && va < start[k] + pages[k] * Pte.PAGE));
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int regionOf(long va) {
        /*@ loop_invariant 0 <= r && r <= used.length;
          @ loop_invariant (\forall int k; 0 <= k && k < r;
          @         !(used[k] && start[k] <= va && va < start[k] + pages[k] * Pte.PAGE));
          @ assignable \strictly_nothing;
          @ decreases used.length - r;
          @*/
        for (int r = 0; r < used.length && r < start.length && r < pages.length; r++) {
            //@ assert start[r] + (long) pages[r] * Pte.PAGE <= Long.MAX_VALUE;
            //@ assert start[r] + (long) pages[r] * Pte.PAGE >= Long.MIN_VALUE;
            if (used[r] && va >= start[r] && va < start[r] + (long) pages[r] * Pte.PAGE) {
                return r;
            }
        }
        return -1;
    }

    /**
     * The used region starting exactly at {@code va} with exactly {@code n} pages, or -1. A
     * helper that requires only the arrays it compares: it does no arithmetic, so it needs no
     * bound of this space's invariant, and a caller need not show that invariant for it.
     */
    /*@ public normal_behavior
      @ requires used != null && start != null && pages != null;
      @ ensures \result == -1 || (0 <= \result && \result < used.length && used[\result]);
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public int regionExactly(long va, long n) {
        /*@ loop_invariant 0 <= r && r <= used.length;
          @ assignable \strictly_nothing;
          @ decreases used.length - r;
          @*/
        for (int r = 0; r < used.length && r < start.length && r < pages.length; r++) {
            if (used[r] && start[r] == va && pages[r] == n) {
                return r;
            }
        }
        return -1;
    }

    /** True when [va, va + n pages) overlaps a used region; the range is a checked user range. */
    /*@ public normal_behavior
      @ requires 0 <= va && va <= PageTable.USER_TOP && 0 <= n && n <= MemoryManager.MAX_PAGES;
      @ ensures \result <==> (\exists int k; 0 <= k && k < used.length;
      @         used[k] && va < start[k] + pages[k] * Pte.PAGE && start[k] < va + n * Pte.PAGE);
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ boolean overlaps(long va, long n) {
        //@ assert va + n * Pte.PAGE <= Long.MAX_VALUE;
        //@ assert va + n * Pte.PAGE >= Long.MIN_VALUE;
        long end = va + n * Pte.PAGE;
        /*@ loop_invariant 0 <= r && r <= used.length;
          @ loop_invariant (\forall int k; 0 <= k && k < r;
          @         !(used[k] && va < start[k] + pages[k] * Pte.PAGE && start[k] < end));
          @ assignable \strictly_nothing;
          @ decreases used.length - r;
          @*/
        for (int r = 0; r < used.length && r < start.length && r < pages.length; r++) {
            //@ assert start[r] + (long) pages[r] * Pte.PAGE <= Long.MAX_VALUE;
            //@ assert start[r] + (long) pages[r] * Pte.PAGE >= Long.MIN_VALUE;
            long rEnd = start[r] + (long) pages[r] * Pte.PAGE;
            if (used[r] && va < rEnd && start[r] < end) {
                return true;
            }
        }
        return false;
    }

    /**
     * A free region slot, or -1 when every slot is used. A helper that requires only the flags
     * it reads: a caller need not show this space's invariant for it.
     */
    /*@ public normal_behavior
      @ requires used != null;
      @ ensures \result == -1 || (0 <= \result && \result < used.length && !used[\result]);
      @ ensures \result < 0 ==> (\forall int k; 0 <= k && k < used.length; used[k]);
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public int freeRegion() {
        /*@ loop_invariant 0 <= r && r <= used.length;
          @ loop_invariant (\forall int k; 0 <= k && k < r; used[k]);
          @ assignable \strictly_nothing;
          @ decreases used.length - r;
          @*/
        for (int r = 0; r < used.length; r++) {
            if (!used[r]) {
                return r;
            }
        }
        return -1;
    }

    /*@ public normal_behavior
      @ requires used != null && 0 <= r && r < used.length;
      @ ensures \result == used[r];
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public boolean isUsed(int r) {
        return r >= 0 && r < used.length && used[r];
    }

    /*@ public normal_behavior
      @ requires start != null && 0 <= r && r < start.length;
      @ ensures \result == start[r];
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public long regionStart(int r) {
        return r >= 0 && r < start.length ? start[r] : 0;
    }

    /*@ public normal_behavior
      @ requires pages != null && 0 <= r && r < pages.length;
      @ ensures \result == pages[r];
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public int regionPages(int r) {
        return r >= 0 && r < pages.length ? pages[r] : 0;
    }

    /*@ public normal_behavior
      @ requires writable != null && 0 <= r && r < writable.length;
      @ ensures \result == (writable[r] != 0);
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public boolean regionWritable(int r) {
        return r >= 0 && r < writable.length && writable[r] != 0;
    }

    /*@ public normal_behavior
      @ requires memObject != null && 0 <= r && r < memObject.length;
      @ ensures \result == memObject[r];
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public int regionMemory(int r) {
        return r >= 0 && r < memObject.length ? memObject[r] : 0;
    }

    /*@ public normal_behavior
      @ requires mayWrite != null && 0 <= r && r < mayWrite.length;
      @ ensures \result == mayWrite[r];
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public boolean regionMayWrite(int r) {
        return r >= 0 && r < mayWrite.length && mayWrite[r];
    }

    /*@ public normal_behavior
      @ requires executable != null;
      @ ensures \result == (0 <= r && r < EXEC_SLOTS && r < executable.length && executable[r]);
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public boolean regionExecutable(int r) {
        return r >= 0 && r < EXEC_SLOTS && r < executable.length && executable[r];
    }

    /**
     * Records region {@code r}; executable only when {@code x} and r < EXEC_SLOTS. A region
     * outside user space or longer than MAX_PAGES is refused (callers pass checked ranges).
     */
    /*@ normal_behavior
      @ requires 0 <= r && r < used.length;
      @ requires 0 <= va && va <= PageTable.USER_TOP && 0 <= n && n <= MemoryManager.MAX_PAGES;
      @ ensures used[r] && start[r] == va && pages[r] == n;
      @ assignable used[r], start[r], pages[r], writable[r], memObject[r], mayWrite[r], executable[r];
      @*/
    void setRegion(int r, long va, int n, boolean w, boolean x, int mem, boolean mayW) {
        recordRegion(r, va, n, flag(w), x, mem, mayW);
    }

    /**
     * setRegion with the writable flag as stored. The flag is turned into its byte by the
     * caller: the proof splits on it there, once, and not across every write below.
     */
    /*@ private normal_behavior
      @ requires 0 <= r && r < used.length;
      @ requires 0 <= va && va <= PageTable.USER_TOP && 0 <= n && n <= MemoryManager.MAX_PAGES;
      @ ensures used[r] && start[r] == va && pages[r] == n;
      @ assignable used[r], start[r], pages[r], writable[r], memObject[r], mayWrite[r], executable[r];
      @*/
    private void recordRegion(int r, long va, int n, byte w, boolean x, int mem, boolean mayW) {
        if (r < 0 || r >= used.length || r >= start.length || r >= pages.length
                || r >= writable.length || r >= memObject.length || r >= mayWrite.length) {
            return;
        }
        if (va < 0 || va > PageTable.USER_TOP || n < 0 || n > MemoryManager.MAX_PAGES) {
            return;
        }
        // The text flags are as long as the other arrays (the constructor makes them so); the
        // test stands in for an invariant every proof of this class would have to carry.
        if (r < executable.length) {
            executable[r] = x && r < EXEC_SLOTS;
        }
        mayWrite[r] = mayW;
        writable[r] = w;
        memObject[r] = mem;
        // Written last, so the contract holds without an invariant that the arrays are distinct.
        start[r] = va;
        pages[r] = n;
        used[r] = true;
    }

    void clearRegion(int r) {
        if (r >= 0 && r < used.length) {
            used[r] = false;
        }
    }

    /** The byte that stores {@code w} in {@link #writable}. */
    /*@ normal_behavior
      @ ensures (\result != 0) == w;
      @ assignable \strictly_nothing;
      @*/
    static /*@ pure helper @*/ byte flag(boolean w) {
        return w ? (byte) 1 : (byte) 0;
    }
}
