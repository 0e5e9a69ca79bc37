package dev.keel.kernel.mem;

import dev.keel.hw.Machine;
import dev.keel.hw.PhysicalMemory;
import dev.keel.kernel.abi.Errors;

/**
 * Address spaces over the frame allocator: map, unmap, protect, demand paging, copy-on-write
 * fork. Refines spec/Memory.tla: {@code mapping[space][page]} is read from the page tables of
 * {@code spaces[space]}; {@code free} is the allocator's free set.
 *
 * Invariants:
 * <ul>
 * <li>NoFrameFreeAndMapped: a frame mapped in some space, or used as a table, is not free.</li>
 * <li>RefsCountMappings: a data frame's reference count equals the number of leaf entries mapping
 * it; a table frame's is 1.</li>
 * <li>NoLeak: a used frame is mapped or is a table.</li>
 * <li>CowReadOnly: an entry marked copy-on-write is not writable.</li>
 * <li>NxOutsideText: a present page is executable exactly when its region is.</li>
 * </ul>
 * {@link #invariantsHold} checks them all by walking every table.
 */
public final class MemoryManager {

    /** Lowest user address: page 0 stays unmapped so null pointers fault. */
    public static final long USER_BASE = Pte.PAGE;
    /** Most pages one mapping may have. */
    public static final long MAX_PAGES = 65536;

    /** pageFault outcomes besides errors: how the fault was resolved. */
    public static final int FAULT_DEMAND = 1;
    public static final int FAULT_COW = 2;
    public static final int FAULT_SPURIOUS = 3;

    /*@ spec_public @*/ private final Machine machine;
    /*@ spec_public @*/ private final PhysicalMemory memory;
    /*@ spec_public @*/ private final FrameAllocator frames;
    /*@ spec_public @*/ private final PageTable tables;
    /*@ spec_public @*/ private final MemoryObjects quotas;
    /*@ spec_public @*/ private final AddressSpace[] spaces;
    /*@ spec_public @*/ private final AddressSpace first;
    /*@ spec_public @*/ private final int[] scratch;

    // The parts this manager is built from keep their own invariants, and the tables take their
    // frames from the same allocator and memory the manager uses.
    //@ public invariant \invariant_for(frames) && \invariant_for(tables) && \invariant_for(quotas);
    //@ public invariant tables.frames == frames && tables.memory == memory;

    /*@ public normal_behavior
      @ requires spaceCount > 0 && regions > 0;
      @ requires \invariant_for(frames) && \invariant_for(quotas);
      @ ensures spaces.length == spaceCount;
      @ assignable \nothing;
      @*/
    public MemoryManager(Machine machine, FrameAllocator frames, MemoryObjects quotas,
            int spaceCount, int regions) {
        this.machine = machine;
        this.memory = machine.memory();
        this.frames = frames;
        this.tables = new PageTable(memory, frames);
        this.quotas = quotas;
        spaces = new AddressSpace[spaceCount < 1 ? 1 : spaceCount];
        first = new AddressSpace(0, regions);
        spaces[0] = first;
        /*@ loop_invariant 1 <= i && i <= spaces.length && spaces[0] == first;
          @ assignable spaces[1 .. spaces.length - 1];
          @ decreases spaces.length - i;
          @*/
        for (int i = 1; i < spaces.length; i++) {
            spaces[i] = new AddressSpace(i, regions);
        }
        int n = frames.frameCount();
        scratch = new int[n < 0 ? 0 : n];
    }

    /*@ public normal_behavior
      @ requires spaces != null;
      @ ensures \result == spaces.length;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public int spaceCount() {
        return spaces.length;
    }

    /** Space {@code i}; space 0 when out of range. */
    /*@ public normal_behavior
      @ requires 0 <= i && i < spaces.length;
      @ ensures \result == spaces[i];
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ AddressSpace space(int i) {
        if (i < 0 || i >= spaces.length) {
            return first;
        }
        return spaces[i];
    }

    /*@ public normal_behavior
      @ requires frames != null;
      @ ensures \result == frames;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public FrameAllocator frames() {
        return frames;
    }

    /*@ public normal_behavior
      @ requires quotas != null;
      @ ensures \result == quotas;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public MemoryObjects quotas() {
        return quotas;
    }

    /*@ public normal_behavior
      @ requires tables != null;
      @ ensures \result == tables;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public PageTable tables() {
        return tables;
    }

    /** Builds the empty space {@code s}: allocates its root table. */
    /*@ public normal_behavior
      @ requires s.root == 0;
      @ ensures \result == Errors.OK ==> s.root > 0;
      @ ensures \result == Errors.OK || \result == Errors.NO_MEMORY;
      @ assignable s.root, frames.top, frames.free[*], frames.refs[*];
      @*/
    public int createSpace(AddressSpace s) {
        // Two steps that each carry this manager's invariant in their contracts: the allocation,
        // with one outcome, and the root's installation, whose two outcomes then split only
        // this proof's ensures and not the invariant after the allocation.
        long root = allocateRoot();
        return installRoot(s, root);
    }

    /** A new, empty top-level table; 0 when no frame is free. */
    /*@ private normal_behavior
      @ ensures \result >= 0;
      @ assignable frames.top, frames.free[*], frames.refs[*];
      @*/
    private long allocateRoot() {
        apartFromFrames(this, tables, spaces, quotas, frames);
        return tables.newRoot();
    }

    /** Gives {@code s} the table at {@code root}: OK, or NO_MEMORY, with s left alone, for 0. */
    /*@ private normal_behavior
      @ requires s != null && root >= 0;
      @ ensures \result == Errors.OK || \result == Errors.NO_MEMORY;
      @ ensures \result == Errors.OK ==> s.root > 0;
      @ assignable s.root;
      @*/
    private int installRoot(AddressSpace s, long root) {
        if (root == 0) {
            return Errors.NO_MEMORY;
        }
        s.root = root;
        return Errors.OK;
    }

    /**
     * Lemma: the objects and arrays this manager's invariant reads are not the allocator's free
     * flags or reference counts, which a new table's allocation writes. Does nothing at run
     * time. The prover does not tell them apart by their types unaided, so without it an
     * allocation might have cleared a space or changed a quota, which the invariant forbids.
     */
    /*@ private normal_behavior
      @ requires m != null && t != null && sp != null && q != null && q.used != null && q.limit != null;
      @ requires f != null && f.free != null && f.refs != null && f.stack != null;
      @ ensures (Object) f.stack != (Object) f.free;
      @ ensures (Object) m != (Object) f.free && (Object) m != (Object) f.refs;
      @ ensures (Object) t != (Object) f.free && (Object) t != (Object) f.refs;
      @ ensures (Object) q != (Object) f.free && (Object) q != (Object) f.refs;
      @ ensures (Object) f != (Object) f.free && (Object) f != (Object) f.refs;
      @ ensures (Object) sp != (Object) f.free && (Object) sp != (Object) f.refs;
      @ ensures (Object) q.used != (Object) f.free && (Object) q.used != (Object) f.refs;
      @ ensures (Object) q.limit != (Object) f.free && (Object) q.limit != (Object) f.refs;
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure helper @*/ void apartFromFrames(MemoryManager m, PageTable t,
            AddressSpace[] sp, MemoryObjects q, FrameAllocator f) {
    }

    /** Unmaps every region of {@code s}, frees its tables, and leaves it unbuilt. */
    /*@ public normal_behavior
      @ requires \invariant_for(s);
      @ ensures s.root == 0;
      @ assignable s.root, s.used[*], quotas.used[*], frames.top, frames.free[*], frames.refs[*], frames.stack[*];
      @ assignable tables.frames.top, tables.frames.free[*], tables.frames.refs[*], tables.frames.stack[*];
      @*/
    public void destroySpace(AddressSpace s) {
        // Two steps that each carry this manager's invariant in their contracts: the loop's
        // heap is then not this proof's, which shows the invariant only across two calls.
        unmapAll(s);
        freeTables(s);
    }

    /** Unmaps every region of {@code s}. */
    /*@ private normal_behavior
      @ requires \invariant_for(s);
      @ ensures \invariant_for(s);
      @ assignable s.used[*], quotas.used[*], frames.top, frames.free[*], frames.refs[*], frames.stack[*];
      @ assignable tables.frames.top, tables.frames.free[*], tables.frames.refs[*], tables.frames.stack[*];
      @*/
    private void unmapAll(AddressSpace s) {
        unmapFrom(s, 0);
    }

    /**
     * Unmaps the regions of {@code s} from slot {@code r} on. Recursive rather than a loop: a
     * loop's rule leaves a heap the prover knows nothing of, on which this manager's invariant
     * was shown again conjunct by conjunct; here each step ends on the heap of unmap's
     * contract, which states the invariants the next step needs. The recursion is at most one
     * call deeper than the space has region slots (8 in KernelConfig.standard(), so 9 frames).
     */
    /*@ private normal_behavior
      @ requires \invariant_for(s) && 0 <= r && r <= s.used.length;
      @ ensures \invariant_for(s);
      @ assignable s.used[*], quotas.used[*], frames.top, frames.free[*], frames.refs[*], frames.stack[*];
      @ assignable tables.frames.top, tables.frames.free[*], tables.frames.refs[*], tables.frames.stack[*];
      @ measured_by s.used.length - r;
      @*/
    private void unmapFrom(AddressSpace s, int r) {
        if (r >= s.regionSlots()) {
            return;
        }
        apartFromSpace(this, tables, spaces, quotas, frames, s);
        apartFromUsed(this, tables, quotas, frames, s);
        unmapIfUsed(s, r);
        unmapFrom(s, r + 1);
    }

    /**
     * Lemma: the objects whose fields unmapFrom reads again after a step are not the space's
     * used flags or the quota counts, which the step writes. Does nothing at run time; the
     * prover does not tell them apart by type unaided. Its own lemma rather than more
     * ensures of apartFromSpace, which unmap also calls, so that unmap does not carry them.
     */
    /*@ private normal_behavior
      @ requires m != null && t != null && q != null && q.used != null && f != null && s != null && s.used != null;
      @ ensures (Object) s != (Object) s.used && (Object) s != (Object) q.used;
      @ ensures (Object) m != (Object) s.used && (Object) m != (Object) q.used && (Object) t != (Object) s.used
      @         && (Object) t != (Object) q.used && (Object) f != (Object) s.used && (Object) f != (Object) q.used
      @         && (Object) q != (Object) s.used && (Object) q != (Object) q.used;
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure helper @*/ void apartFromUsed(MemoryManager m, PageTable t, MemoryObjects q,
            FrameAllocator f, AddressSpace s) {
    }

    /**
     * Unmaps region {@code r} of {@code s} when it is used. Its own method, so that the two
     * cases end on one contract and unmapFrom's proof goes on from one heap, not two.
     */
    /*@ private normal_behavior
      @ requires \invariant_for(s) && 0 <= r && r < s.used.length;
      @ ensures \invariant_for(s);
      @ assignable s.used[*], quotas.used[*], frames.top, frames.free[*], frames.refs[*], frames.stack[*];
      @ assignable tables.frames.top, tables.frames.free[*], tables.frames.refs[*], tables.frames.stack[*];
      @*/
    private void unmapIfUsed(AddressSpace s, int r) {
        if (s.isUsed(r)) {
            unmap(s, r);
        }
    }

    /**
     * Frees the tables of {@code s} and leaves it unbuilt. The root is cleared after the tables
     * go, in its own step: the proof shows this manager's invariant again only on the heap of
     * destroyTables, whose contract states the tables' and the quotas' invariants, and ends on
     * clearRoot's contract, which states it.
     */
    /*@ private normal_behavior
      @ requires s != null && s.used != null && s.root >= 0;
      @ ensures s.root == 0;
      @ assignable s.root, tables.frames.top, tables.frames.free[*], tables.frames.refs[*], tables.frames.stack[*];
      @*/
    private void freeTables(AddressSpace s) {
        // Through root(): the prover knows the range of a long a method returns, not of a field.
        long root = s.root();
        if (root != 0) {
            destroyTables(root);
        }
        clearRoot(s);
    }

    /**
     * Leaves {@code s} unbuilt. Its own step, as installRoot is: this manager's invariant is
     * shown after the store once, in this small proof, and freeTables takes it from the contract.
     */
    /*@ private normal_behavior
      @ requires s != null;
      @ ensures s.root == 0;
      @ assignable s.root;
      @*/
    private void clearRoot(AddressSpace s) {
        s.root = 0;
    }

    /**
     * Frees the table frames under {@code root}. A helper whose contract carries the quotas'
     * invariant across the walk, which writes only the allocator: freeTables' proof then takes
     * that invariant after it as a whole, and does not show it again element by element.
     */
    /*@ private normal_behavior
      @ requires tables != null && frames != null && quotas != null && tables.frames == frames;
      @ requires \invariant_for(tables) && \invariant_for(quotas) && root > 0;
      @ ensures \invariant_for(tables) && \invariant_for(quotas);
      @ assignable frames.top, frames.free[*], frames.refs[*], frames.stack[*];
      @*/
    private /*@ helper @*/ void destroyTables(long root) {
        apartFromQuotas(quotas, frames);
        tables.destroy(root);
    }

    /**
     * Lemma: the quota pool and its arrays are not the allocator's arrays, which a table walk
     * writes. Does nothing at run time; the prover does not tell them apart by type unaided.
     */
    /*@ private normal_behavior
      @ requires q != null && q.used != null && q.limit != null && q.live != null;
      @ requires f != null && f.free != null && f.refs != null && f.stack != null;
      @ ensures (Object) q != (Object) f.free && (Object) q != (Object) f.refs && (Object) q != (Object) f.stack;
      @ ensures (Object) q.used != (Object) f.free && (Object) q.used != (Object) f.refs && (Object) q.used != (Object) f.stack;
      @ ensures (Object) q.limit != (Object) f.free && (Object) q.limit != (Object) f.refs && (Object) q.limit != (Object) f.stack;
      @ ensures (Object) q.live != (Object) f.refs && (Object) q.live != (Object) f.stack && (Object) q.live != (Object) f.free;
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure helper @*/ void apartFromQuotas(MemoryObjects q, FrameAllocator f) {
    }

    // ---- Map ----

    /**
     * OK when [va, va + pages) can be mapped in {@code s} charging memory object {@code mem}. A
     * helper that names the one invariant of this manager it reads (the quotas'). Its OK result
     * is stated over the fields the checks read, not over the queries it calls: a query named in
     * a contract is evaluated by running its body, and overlaps and freeRegion are loops.
     */
    /*@ public normal_behavior
      @ requires \invariant_for(s) && quotas != null && \invariant_for(quotas);
      @ ensures \result == Errors.OK <==> (0 <= mem && mem < quotas.live.length && quotas.live[mem]
      @         && pages <= quotas.limit[mem] - quotas.used[mem]
      @         && s.root != 0 && pages > 0 && pages <= MAX_PAGES && va % Pte.PAGE == 0
      @         && va >= USER_BASE && va <= PageTable.USER_TOP - pages * Pte.PAGE
      @         && !(\exists int k; 0 <= k && k < s.used.length;
      @                 s.used[k] && va < s.start[k] + s.pages[k] * Pte.PAGE && s.start[k] < va + pages * Pte.PAGE)
      @         && (\exists int k; 0 <= k && k < s.used.length; !s.used[k]));
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public int checkMap(AddressSpace s, long va, long pages, int mem) {
        // The quota's verdict is read first and returned last: the other checks' outcomes then
        // split a proof that already holds it, and the error reported stays the first failing
        // check's.
        int q = quotas.checkCharge(mem, pages);
        if (s.root == 0) {
            return Errors.BAD_ARGUMENT;
        }
        int e = checkUserRange(va, pages);
        if (e != Errors.OK) {
            return e;
        }
        if (s.overlaps(va, pages)) {
            return Errors.BAD_ADDRESS;
        }
        if (s.freeRegion() < 0) {
            return Errors.NO_RESOURCES;
        }
        return q;
    }

    /** OK when [va, va + pages) is page aligned, non-empty and inside user space. */
    /*@ public normal_behavior
      @ ensures \result == Errors.OK || \result == Errors.BAD_LENGTH || \result == Errors.BAD_ADDRESS;
      @ ensures \result == Errors.OK ==> va >= USER_BASE && pages > 0 && pages <= MAX_PAGES;
      @ ensures \result == Errors.OK ==> va <= PageTable.USER_TOP - pages * Pte.PAGE;
      @ ensures \result == Errors.OK ==> va <= PageTable.USER_TOP;
      @ ensures \result == Errors.OK <==> (pages > 0 && pages <= MAX_PAGES && va % Pte.PAGE == 0
      @         && va >= USER_BASE && va <= PageTable.USER_TOP - pages * Pte.PAGE);
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ int checkUserRange(long va, long pages) {
        if (pages <= 0 || pages > MAX_PAGES) {
            return Errors.BAD_LENGTH;
        }
        if (va % Pte.PAGE != 0 || va < USER_BASE || va > PageTable.USER_TOP - pages * Pte.PAGE) {
            return Errors.BAD_ADDRESS;
        }
        return Errors.OK;
    }

    /**
     * Map: reserves [va, va + pages) in {@code s}; no frame is taken until a page is touched.
     * The pages are not executable (NX). Returns the region number. It requires what
     * {@link #checkMap}'s OK result states, as the facts the mapping uses rather than the
     * check itself: a check named in a requires is evaluated by running its body.
     */
    /*@ public normal_behavior
      @ requires \invariant_for(s) && quotas.checkCharge(mem, pages) == Errors.OK;
      @ requires pages > 0 && pages <= MAX_PAGES && va >= USER_BASE && va <= PageTable.USER_TOP;
      @ requires !(\exists int k; 0 <= k && k < s.used.length;
      @         s.used[k] && va < s.start[k] + s.pages[k] * Pte.PAGE && s.start[k] < va + pages * Pte.PAGE);
      @ requires (\exists int k; 0 <= k && k < s.used.length; !s.used[k]);
      @ ensures s.regionOf(va) == \result;
      @ assignable quotas.used[*], s.used[*], s.start[*], s.pages[*], s.writable[*], s.memObject[*], s.mayWrite[*], s.executable[*];
      @*/
    public int map(AddressSpace s, long va, int pages, boolean writable, int mem,
            boolean mayWrite) {
        return map(s, va, pages, writable, false, mem, mayWrite);
    }

    /** Map, for program text too: the region's pages are executable when {@code executable}. */
    /*@ public normal_behavior
      @ requires \invariant_for(s) && quotas.checkCharge(mem, pages) == Errors.OK;
      @ requires pages > 0 && pages <= MAX_PAGES && va >= USER_BASE && va <= PageTable.USER_TOP;
      @ requires !(\exists int k; 0 <= k && k < s.used.length;
      @         s.used[k] && va < s.start[k] + s.pages[k] * Pte.PAGE && s.start[k] < va + pages * Pte.PAGE);
      @ requires (\exists int k; 0 <= k && k < s.used.length; !s.used[k]);
      @ ensures s.regionOf(va) == \result;
      @ assignable quotas.used[*], s.used[*], s.start[*], s.pages[*], s.writable[*], s.memObject[*], s.mayWrite[*], s.executable[*];
      @*/
    public int map(AddressSpace s, long va, int pages, boolean writable, boolean executable,
            int mem, boolean mayWrite) {
        int r = s.freeRegion();
        quotas.charge(mem, pages);
        s.setRegion(r, va, pages, writable, executable, mem, mayWrite);
        return r;
    }

    // ---- Unmap ----

    /** The region that is exactly [va, va + pages) in {@code s}, or an error. */
    // A helper, like executable: it reads only s, so it needs no invariant of this manager;
    // and only the arrays of s it compares, so a caller need not show the invariant of s for it.
    /*@ public normal_behavior
      @ requires s.used != null && s.start != null && s.pages != null;
      @ ensures \result >= 0 ==> \result < s.regionSlots() && s.isUsed(\result);
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public int checkRegion(AddressSpace s, long va, long pages) {
        int e = checkUserRange(va, pages);
        if (e != Errors.OK) {
            return e;
        }
        int r = s.regionExactly(va, pages);
        return r < 0 ? Errors.BAD_ADDRESS : r;
    }

    /** Unmap: removes region {@code r} of {@code s}, releasing its frames and its quota. */
    /*@ public normal_behavior
      @ requires \invariant_for(s) && 0 <= r && r < s.regionSlots() && s.isUsed(r);
      @ ensures !s.isUsed(r) && \invariant_for(s);
      @ assignable s.used[*], quotas.used[*], frames.top, frames.free[*], frames.refs[*], frames.stack[*];
      @ assignable tables.frames.top, tables.frames.free[*], tables.frames.refs[*];
      @*/
    public void unmap(AddressSpace s, int r) {
        // Everything unmap needs of s is read before the pages go: the walk writes only the
        // allocator, so the proof keeps these values without asking what the space's arrays are.
        long va = s.regionStart(r);
        int n = s.regionPages(r);
        int m = s.regionMemory(r);
        apartFromSpace(this, tables, spaces, quotas, frames, s);
        unmapPages(s.root(), va, n);
        quotas.uncharge(m, n);
        s.clearRegion(r);
    }

    /**
     * Lemma: the objects and arrays this manager's invariant reads are not one another, nor the
     * flags of {@code s} that unmap clears, where their types differ. Does nothing at run time;
     * the prover does not tell arrays apart by their element types unaided.
     */
    /*@ private normal_behavior
      @ requires m != null && t != null && sp != null && q != null && q.used != null && q.limit != null;
      @ requires f != null && f.free != null && f.refs != null && f.stack != null;
      @ requires s != null && s.used != null && s.start != null && s.pages != null;
      @ ensures (Object) m != (Object) f.free && (Object) m != (Object) f.refs && (Object) m != (Object) f.stack;
      @ ensures (Object) t != (Object) f.free && (Object) t != (Object) f.refs && (Object) t != (Object) f.stack;
      @ ensures (Object) q != (Object) f.free && (Object) q != (Object) f.refs && (Object) q != (Object) f.stack;
      @ ensures (Object) f != (Object) f.free && (Object) f != (Object) f.refs && (Object) f != (Object) f.stack;
      @ ensures (Object) s != (Object) f.free && (Object) s != (Object) f.refs && (Object) s != (Object) f.stack;
      @ ensures (Object) sp != (Object) f.free && (Object) sp != (Object) f.refs && (Object) sp != (Object) f.stack;
      @ ensures (Object) sp != (Object) q.used && (Object) sp != (Object) s.used;
      @ ensures (Object) q.used != (Object) f.free && (Object) q.used != (Object) f.refs && (Object) q.used != (Object) f.stack;
      @ ensures (Object) q.limit != (Object) f.free && (Object) q.limit != (Object) f.refs && (Object) q.limit != (Object) f.stack;
      @ ensures (Object) q.used != (Object) s.used && (Object) q.limit != (Object) s.used;
      @ ensures (Object) s.used != (Object) f.refs && (Object) s.used != (Object) f.stack;
      @ ensures (Object) s.start != (Object) f.free && (Object) s.start != (Object) f.refs && (Object) s.start != (Object) f.stack;
      @ ensures (Object) s.pages != (Object) f.free && (Object) s.pages != (Object) q.used && (Object) s.pages != (Object) q.limit;
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure helper @*/ void apartFromSpace(MemoryManager m, PageTable t,
            AddressSpace[] sp, MemoryObjects q, FrameAllocator f, AddressSpace s) {
    }

    /**
     * Unmaps the {@code n} pages from {@code va} in the tables under {@code root}. A helper
     * that requires the parts it uses and the tables' invariant (which holds the allocator's),
     * and keeps it: it writes only the allocator, so its caller keeps what it read elsewhere.
     */
    /*@ private normal_behavior
      @ requires machine != null && memory != null && frames != null && tables != null;
      @ requires tables.memory == memory && tables.frames == frames && \invariant_for(tables);
      @ requires root >= 0 && 0 <= va && va <= PageTable.USER_TOP && 0 <= n && n <= MAX_PAGES;
      @ ensures \invariant_for(tables);
      @ assignable frames.top, frames.free[*], frames.refs[*], frames.stack[*];
      @*/
    private /*@ helper @*/ void unmapPages(long root, long va, int n) {
        /*@ loop_invariant 0 <= i && i <= n && \invariant_for(tables);
          @ assignable frames.top, frames.free[*], frames.refs[*], frames.stack[*];
          @ decreases n - i;
          @*/
        for (int i = 0; i < n; i++) {
            // Both halves of the overflow check, stated for the prover, which does not split them.
            //@ assert va + (long) i * Pte.PAGE <= Long.MAX_VALUE;
            //@ assert va + (long) i * Pte.PAGE >= Long.MIN_VALUE;
            unmapPage(root, va + (long) i * Pte.PAGE);
        }
    }

    /**
     * Clears the entry of {@code va} under {@code root} and releases its frame, when present. A
     * page past the user half is never mapped (every region lies inside it); the test spares
     * the prover the region's end, which the space's invariant does not bound.
     */
    /*@ private normal_behavior
      @ requires machine != null && memory != null && frames != null && tables != null;
      @ requires tables.memory == memory && tables.frames == frames && \invariant_for(tables);
      @ requires root >= 0 && 0 <= va;
      @ ensures \invariant_for(tables);
      @ assignable frames.top, frames.free[*], frames.refs[*], frames.stack[*];
      @*/
    private /*@ helper @*/ void unmapPage(long root, long va) {
        if (root == 0 || va >= PageTable.USER_TOP) {
            return;
        }
        // find, not entryAddress(.., false), which calls it: the same walk, without the
        // tables' invariant that entryAddress's contract asks for and this proof would show again.
        long at = tables.find(root, va);
        if (at == 0) {
            return;
        }
        long e = memory.load64(at);
        if (Pte.present(e)) {
            tables.store(at, 0);
            frames.drop(Pte.frame(e));
            invalidate(va);
        }
    }

    /**
     * Drops any cached translation of {@code va} on every CPU. It writes no Java object. The
     * CPU count is read once: the machine's getters hand out the same value every time.
     */
    // It requires and keeps the allocator's invariant, so that its callers get that invariant
    // back on the heap after the call, which they could not show of it unaided.
    /*@ private normal_behavior
      @ requires machine != null && frames != null && \invariant_for(frames);
      @ ensures \invariant_for(frames);
      @ assignable \nothing;
      @*/
    private /*@ helper @*/ void invalidate(long va) {
        int n = machine.cpuCount();
        /*@ loop_invariant 0 <= c && c <= n && \invariant_for(frames);
          @ assignable \nothing;
          @ decreases n - c;
          @*/
        for (int c = 0; c < n; c++) {
            machine.mmu(c).invalidate(va);
        }
    }

    // ---- Protect ----

    /**
     * Protect: region {@code r} becomes writable or read-only. Present pages follow at once, except
     * copy-on-write pages, which stay read-only until their first write fault.
     */
    /*@ public normal_behavior
      @ requires \invariant_for(s) && 0 <= r && r < s.regionSlots() && s.isUsed(r);
      @ ensures s.regionWritable(r) == writable;
      @ assignable s.writable[*], tables.frames.top, tables.frames.free[*], tables.frames.refs[*];
      @*/
    public void protect(AddressSpace s, int r, boolean writable) {
        // The pages follow first and the flag is written last, so that the proof ends on the
        // heap of setWritable's contract and reads the flag there.
        reprotect(s, r, writable);
        setWritable(s, r, writable);
    }

    /**
     * reprotectPages over region {@code r} of {@code s}, not a helper: its contract carries this
     * manager's invariant across the walk, which writes page-table entries and no Java field,
     * so that protect's proof does not show that invariant again after it. It reads the region
     * itself and tests its range (every region of a space passes) instead of asking for it: then
     * protect's proof has two calls and needs no bound from the space's invariant.
     */
    /*@ private normal_behavior
      @ requires s != null && s.start != null && s.pages != null;
      @ assignable \nothing;
      @*/
    private void reprotect(AddressSpace s, int r, boolean writable) {
        if (r < 0 || r >= s.start.length || r >= s.pages.length) {
            return;
        }
        long root = s.root();
        long va = s.regionStart(r);
        int n = s.regionPages(r);
        if (root < 0 || va < 0 || va > PageTable.USER_TOP || n < 0 || n > MAX_PAGES) {
            return;
        }
        reprotectPages(root, va, n, writable);
    }

    /**
     * Sets region {@code r}'s writable flag. Not a helper: its contract carries this manager's
     * invariant across the write in one small proof, and protect's proof takes it as a whole.
     */
    /*@ private normal_behavior
      @ requires s != null && s.writable != null && 0 <= r && r < s.writable.length;
      @ ensures (s.writable[r] != 0) == w;
      @ assignable s.writable[r];
      @*/
    private void setWritable(AddressSpace s, int r, boolean w) {
        apartFromFlags(frames, quotas, spaces, s);
        if (r >= 0 && r < s.writable.length) {
            s.writable[r] = AddressSpace.flag(w);
        }
    }

    /**
     * Lemma: the writable flags of {@code s}, which protect writes, are none of the arrays this
     * manager's invariant reads (the allocator's, the quotas', the spaces). Does nothing at run
     * time: they differ in element type, and the prover does not tell arrays apart by their
     * types unaided.
     */
    /*@ private normal_behavior
      @ requires f != null && f.free != null && f.refs != null && f.stack != null;
      @ requires q != null && q.used != null && q.limit != null && sp != null;
      @ requires s != null && s.writable != null;
      @ ensures (Object) s.writable != (Object) f.free && (Object) s.writable != (Object) f.refs
      @         && (Object) s.writable != (Object) f.stack;
      @ ensures (Object) s.writable != (Object) q.used && (Object) s.writable != (Object) q.limit
      @         && (Object) s.writable != (Object) sp;
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure helper @*/ void apartFromFlags(FrameAllocator f, MemoryObjects q,
            AddressSpace[] sp, AddressSpace s) {
    }

    /**
     * Makes the present pages of the {@code n} from {@code va} under {@code root} writable or
     * read-only. Only the entries change, and they are not Java objects: a helper that writes no
     * field, so protect's proof keeps the space's flag it has just set.
     */
    /*@ private normal_behavior
      @ requires machine != null && memory != null && frames != null && tables != null;
      @ requires tables.memory == memory && tables.frames == frames && \invariant_for(tables);
      @ requires root >= 0 && 0 <= va && va <= PageTable.USER_TOP && 0 <= n && n <= MAX_PAGES;
      @ ensures \invariant_for(tables);
      @ assignable \nothing;
      @*/
    private /*@ helper @*/ void reprotectPages(long root, long va, int n, boolean writable) {
        /*@ loop_invariant 0 <= i && i <= n && \invariant_for(tables);
          @ assignable \nothing;
          @ decreases n - i;
          @*/
        for (int i = 0; i < n; i++) {
            // Both halves of the overflow check, stated for the prover, which does not split them.
            //@ assert va + (long) i * Pte.PAGE <= Long.MAX_VALUE;
            //@ assert va + (long) i * Pte.PAGE >= Long.MIN_VALUE;
            reprotectPage(root, va + (long) i * Pte.PAGE, writable);
        }
    }

    /** The entry of {@code va} under {@code root} made writable or read-only, when present. */
    /*@ private normal_behavior
      @ requires machine != null && memory != null && frames != null && tables != null;
      @ requires tables.memory == memory && tables.frames == frames && \invariant_for(tables);
      @ requires root >= 0 && 0 <= va;
      @ ensures \invariant_for(tables);
      @ assignable \nothing;
      @*/
    private /*@ helper @*/ void reprotectPage(long root, long va, boolean writable) {
        // A page past the user half is never mapped: as in unmapPage, the test stands in for
        // the region's end, which the space's invariant does not bound.
        if (root == 0 || va >= PageTable.USER_TOP) {
            return;
        }
        // find, as in unmapPage: the walk without the tables' invariant of entryAddress's contract.
        long at = tables.find(root, va);
        if (at == 0) {
            return;
        }
        long e = memory.load64(at);
        if (Pte.present(e)) {
            tables.store(at, reprotected(e, writable));
            invalidate(va);
        }
    }

    /**
     * The present leaf entry {@code e} made writable or read-only; a copy-on-write entry stays
     * read-only. Its own method, so that reprotectPage's proof sees one value and not the
     * conditional flag and the entry's parts, each a term the prover would carry to the end.
     */
    /*@ private normal_behavior
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure helper @*/ long reprotected(long e, boolean writable) {
        boolean cow = Pte.cow(e);
        return Pte.leaf(Pte.frame(e), writable && !cow, Pte.executable(e), cow);
    }

    // ---- PageFault ----

    /**
     * PageFault: resolves a fault at {@code va} in {@code s}. A missing page inside a region gets a
     * zeroed frame (demand paging); a write to a copy-on-write page gets a private copy, or the
     * page itself when no one else shares it. Returns FAULT_DEMAND, FAULT_COW or FAULT_SPURIOUS,
     * or BAD_ADDRESS when the access is not allowed (outside any region, or a write to a
     * read-only region), or NO_MEMORY.
     */
    /*@ public normal_behavior
      @ requires s.root >= 0;
      @ ensures s.regionOf(va) < 0 ==> \result == Errors.BAD_ADDRESS;
      @ assignable frames.top, frames.free[*], frames.refs[*], frames.stack[*];
      @ assignable tables.frames.top, tables.frames.free[*], tables.frames.refs[*];
      @*/
    public int pageFault(AddressSpace s, long va, boolean write) {
        int r = s.regionOf(va);
        if (r < 0 || s.root == 0 || (write && !s.regionWritable(r))) {
            return Errors.BAD_ADDRESS;
        }
        long page = va - va % Pte.PAGE;
        long at = tables.entryAddress(s.root, page, true);
        if (at == 0) {
            return Errors.NO_MEMORY;
        }
        long e = memory.load64(at);
        if (!Pte.present(e)) {
            return demand(at, s.regionWritable(r), s.regionExecutable(r));
        }
        if (write && Pte.cow(e)) {
            return breakCow(at, e, page);
        }
        return FAULT_SPURIOUS;
    }

    private int demand(long at, boolean writable, boolean executable) {
        long f = frames.allocate();
        if (f == 0) {
            return Errors.NO_MEMORY;
        }
        tables.store(at, Pte.leaf(f, writable, executable, false));
        return FAULT_DEMAND;
    }

    private int breakCow(long at, long e, long page) {
        long old = Pte.frame(e);
        if (frames.refCount(old) == 1) {
            tables.store(at, Pte.leaf(old, true, Pte.executable(e), false));
            invalidate(page);
            return FAULT_COW;
        }
        long f = frames.allocate();
        if (f == 0) {
            return Errors.NO_MEMORY;
        }
        copyFrame(old, f);
        tables.store(at, Pte.leaf(f, true, Pte.executable(e), false));
        frames.release(old);
        invalidate(page);
        return FAULT_COW;
    }

    private void copyFrame(long from, long to) {
        for (int i = 0; i < Pte.PAGE; i += 8) {
            memory.store64(to + i, memory.load64(from + i));
        }
    }

    // ---- ForkSpace ----

    /**
     * OK when {@code src} can be duplicated: every region's quota can be charged again. A helper
     * that names the one invariant it reads (the quotas'), so it need not show this manager's;
     * of {@code src} it requires only what pagesCharged does.
     */
    /*@ public normal_behavior
      @ requires src.used != null && src.memObject != null && src.pages != null;
      @ requires src.used.length == src.pages.length && src.pages.length == src.memObject.length;
      @ requires (\forall int r; 0 <= r && r < src.pages.length;
      @         0 <= src.pages[r] && src.pages[r] <= MAX_PAGES);
      @ requires quotas != null && \invariant_for(quotas);
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public int checkFork(AddressSpace src) {
        /*@ loop_invariant 0 <= r && r <= src.used.length;
          @ assignable \strictly_nothing;
          @ decreases src.used.length - r;
          @*/
        for (int r = 0; r < src.regionSlots(); r++) {
            if (src.isUsed(r)) {
                int m = src.regionMemory(r);
                if (quotas.checkCharge(m, pagesCharged(src, m)) != Errors.OK) {
                    return Errors.NO_MEMORY;
                }
            }
        }
        return Errors.OK;
    }

    /**
     * Pages of {@code s}'s regions charged to memory object {@code m}. It requires only the
     * arrays it reads and the page counts' bound, not the whole invariant of s.
     */
    /*@ public normal_behavior
      @ requires s.used != null && s.memObject != null && s.pages != null;
      @ requires s.used.length == s.pages.length && s.pages.length == s.memObject.length;
      @ requires (\forall int r; 0 <= r && r < s.pages.length;
      @         0 <= s.pages[r] && s.pages[r] <= MAX_PAGES);
      @ ensures \result >= 0;
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ long pagesCharged(AddressSpace s, int m) {
        long n = 0;
        /*@ loop_invariant 0 <= r && r <= s.used.length && 0 <= n && n <= r * MAX_PAGES;
          @ assignable \strictly_nothing;
          @ decreases s.used.length - r;
          @*/
        for (int r = 0; r < s.regionSlots(); r++) {
            if (s.isUsed(r) && s.regionMemory(r) == m) {
                //@ assert n + s.pages[r] <= Long.MAX_VALUE;
                //@ assert n + s.pages[r] >= Long.MIN_VALUE;
                n += s.regionPages(r);
            }
        }
        return n;
    }

    /**
     * ForkSpace: {@code dst} (built and empty) gets {@code src}'s regions; every present page is
     * shared, read-only and copy-on-write in both. On NO_MEMORY {@code dst} is destroyed again and
     * {@code src} means the same as before (some of its pages may now be copy-on-write).
     */
    /*@ public normal_behavior
      @ requires checkFork(src) == Errors.OK && dst.root > 0 && dst != src && \invariant_for(dst);
      @ ensures \result == Errors.OK || \result == Errors.NO_MEMORY;
      @ assignable quotas.used[*], dst.used[*], dst.start[*], dst.pages[*], dst.writable[*], dst.memObject[*], dst.mayWrite[*], dst.executable[*], dst.root;
      @ assignable frames.top, frames.free[*], frames.refs[*], frames.stack[*];
      @ assignable tables.frames.top, tables.frames.free[*], tables.frames.refs[*], tables.frames.stack[*];
      @*/
    public int forkSpace(AddressSpace src, AddressSpace dst) {
        /*@ loop_invariant 0 <= r && r <= src.used.length && \invariant_for(src) && \invariant_for(dst);
          @ assignable quotas.used[*], dst.used[*], dst.start[*], dst.pages[*], dst.writable[*], dst.memObject[*], dst.mayWrite[*], dst.executable[*];
          @ assignable frames.top, frames.free[*], frames.refs[*], frames.stack[*];
          @ assignable tables.frames.top, tables.frames.free[*], tables.frames.refs[*], tables.frames.stack[*];
          @ decreases src.used.length - r;
          @*/
        for (int r = 0; r < src.regionSlots(); r++) {
            if (src.isUsed(r) && forkRegion(src, dst, r) != Errors.OK) {
                destroySpace(dst);
                return Errors.NO_MEMORY;
            }
        }
        return Errors.OK;
    }

    private int forkRegion(AddressSpace src, AddressSpace dst, int r) {
        long va = src.regionStart(r);
        int n = src.regionPages(r);
        quotas.charge(src.regionMemory(r), n);
        dst.setRegion(r, va, n, src.regionWritable(r), src.regionExecutable(r),
                src.regionMemory(r), src.regionMayWrite(r));
        /*@ loop_invariant 0 <= i && i <= n;
          @ assignable frames.top, frames.free[*], frames.refs[*], frames.stack[*];
          @ assignable tables.frames.top, tables.frames.free[*], tables.frames.refs[*];
          @ decreases n - i;
          @*/
        for (int i = 0; i < n; i++) {
            if (sharePage(src, dst, va + (long) i * Pte.PAGE) != Errors.OK) {
                return Errors.NO_MEMORY;
            }
        }
        return Errors.OK;
    }

    private int sharePage(AddressSpace src, AddressSpace dst, long va) {
        long from = tables.entryAddress(src.root, va, false);
        long e = from == 0 ? 0 : memory.load64(from);
        if (!Pte.present(e)) {
            return Errors.OK;
        }
        long to = tables.entryAddress(dst.root, va, true);
        if (to == 0) {
            return Errors.NO_MEMORY;
        }
        boolean cow = Pte.writable(e) || Pte.cow(e);
        long shared = Pte.leaf(Pte.frame(e), false, Pte.executable(e), cow);
        tables.store(from, shared);
        tables.store(to, shared);
        frames.retain(Pte.frame(e));
        invalidate(va);
        return Errors.OK;
    }

    /**
     * True when instructions may be fetched at {@code va} in {@code s}: it lies in an executable
     * region. A fetch fault anywhere else is a violation, never served, even when the page is
     * present (it is present and NX).
     */
    // A helper: it reads only s, so it needs no invariant of this manager.
    /*@ public normal_behavior
      @ requires \invariant_for(s);
      @ ensures \result ==> s.regionOf(va) >= 0;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public boolean executable(AddressSpace s, long va) {
        int r = s.regionOf(va);
        return r >= 0 && s.regionExecutable(r);
    }

    /** The leaf entry of {@code va} in {@code s}, 0 when not present. */
    // A helper that requires only the tables and the memory they walk: a caller need not show
    // this manager's invariant, with its allocator and quotas, again.
    /*@ public normal_behavior
      @ requires tables != null && tables.memory != null && s.root >= 0;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public long entry(AddressSpace s, long va) {
        // Through root(): the prover knows the range of a long a method returns, not of a field.
        long root = s.root();
        return root == 0 ? 0 : tables.lookup(root, va);
    }

    // ---- Self-check ----

    /** Checks NoFrameFreeAndMapped, RefsCountMappings, NoLeak, CowReadOnly and NxOutsideText over every space. */
    /*@ public normal_behavior
      @ assignable scratch[*];
      @*/
    public boolean invariantsHold() {
        for (int f = 0; f < scratch.length; f++) {
            scratch[f] = 0;
        }
        for (int i = 0; i < spaces.length; i++) {
            if (!countSpace(spaces[i])) {
                return false;
            }
        }
        for (int f = 0; f < scratch.length; f++) {
            if (!frameConsistent((long) f * Pte.PAGE, scratch[f])) {
                return false;
            }
        }
        return true;
    }

    private boolean countSpace(AddressSpace s) {
        if (s.root == 0) {
            return true;
        }
        tables.countTables(s.root, scratch);
        for (int r = 0; r < s.regionSlots(); r++) {
            if (s.isUsed(r) && !countRegion(s, r)) {
                return false;
            }
        }
        return true;
    }

    private boolean countRegion(AddressSpace s, int r) {
        for (int i = 0; i < s.regionPages(r); i++) {
            long e = entry(s, s.regionStart(r) + (long) i * Pte.PAGE);
            if (Pte.present(e)) {
                if ((Pte.cow(e) && Pte.writable(e)) || Pte.executable(e) != s.regionExecutable(r)) {
                    return false;
                }
                long f = Pte.frame(e) / Pte.PAGE;
                if (f < 0 || f >= scratch.length) {
                    return false;
                }
                scratch[(int) f]++;
            }
        }
        return true;
    }

    private boolean frameConsistent(long pa, int mappings) {
        if (mappings > 0) {
            return frames.isUsed(pa) && frames.refCount(pa) == mappings;
        }
        return !frames.isUsable(pa) || frames.isFree(pa);
    }
}
