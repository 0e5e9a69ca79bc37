package dev.keel.kernel.mem;

import dev.keel.hw.MemoryMap;
import dev.keel.hw.PhysicalMemory;
import org.checkerframework.checker.index.qual.IndexFor;
import org.checkerframework.checker.index.qual.Positive;

/**
 * Physical frames of the usable regions of the memory map, with a reference count per frame for
 * sharing (copy-on-write). Refines spec/Memory.tla {@code free}: a frame is in {@code free} iff
 * {@code free[f]} holds.
 *
 * Invariants:
 * <ul>
 * <li>FreeHasNoRefs: a free frame has reference count 0; a used frame has a positive count.</li>
 * <li>StackMatchesFree: the free stack holds exactly the free frames.</li>
 * <li>OnlyUsable: only frames of usable regions are ever free or handed out; frame 0 never.</li>
 * </ul>
 */
public final class FrameAllocator {

    /*@ spec_public @*/ private final PhysicalMemory memory;
    /*@ spec_public @*/ private final boolean[] usable;
    /*@ spec_public @*/ private final short[] free;
    /*@ spec_public @*/ private final int[] refs;
    /*@ spec_public @*/ private final int[] stack;
    /*@ spec_public @*/ private int top;

    /** Most frames managed: 4 GiB of physical memory. */
    public static final int MAX_FRAMES = 1048576;
    /**
     * Most references a frame can have: one per leaf entry mapping it, and every leaf entry lies
     * in a table frame of {@link Pte#ENTRIES} entries, so there are at most
     * MAX_FRAMES * ENTRIES (2^29) of them.
     */
    public static final int MAX_REFS = 536870912;

    //@ public invariant free.length == refs.length && refs.length == usable.length;
    //@ public invariant stack.length == free.length && free.length <= MAX_FRAMES;
    //@ public invariant 0 <= top && top <= stack.length;
    // The stack and the counts are two arrays: a push leaves every count alone.
    //@ public invariant stack != refs;
    // TLA+ FreeHasNoRefs, and the counts' range; and every frame on the stack is a frame of
    // this allocator, and not frame 0, so allocate hands out a non-zero address. One quantifier
    // (the stack is no longer than the counts): a second one doubles the instances the prover
    // makes wherever this invariant is opened.
    /*@ public invariant (\forall int f; 0 <= f && f < free.length;
      @         (free[f] != 0 ==> refs[f] == 0) && 0 <= refs[f] && refs[f] <= MAX_REFS
      @         && (f < top ==> 0 < stack[f] && stack[f] < free.length));
      @*/

    /*@ public normal_behavior
      @ assignable \nothing;
      @*/
    public FrameAllocator(PhysicalMemory memory, MemoryMap map) {
        this.memory = memory;
        int n = framesFor(memory.size());
        usable = new boolean[n];
        free = new short[n];
        refs = new int[n];
        stack = new int[n];
        markRegions(map);
        pushUsable();
    }

    /** Frames managed for {@code bytes} of physical memory: at least one, at most MAX_FRAMES. */
    /*@ private normal_behavior
      @ requires bytes >= 0;
      @ ensures 1 <= \result && \result <= MAX_FRAMES;
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure helper @*/ @Positive int framesFor(long bytes) {
        long pages = bytes / Pte.PAGE;
        long most = pages < MAX_FRAMES ? pages : MAX_FRAMES;
        //@ assert 0 <= most && most <= MAX_FRAMES;
        int n = (int) most;
        return n < 1 ? 1 : n;
    }

    /** Marks the frames of every usable region of {@code map}. */
    /*@ private normal_behavior
      @ requires usable != null;
      @ assignable usable[*];
      @*/
    private /*@ helper @*/ void markRegions(MemoryMap map) {
        // The count is read once for the bound; the test reads it again, because the prover knows
        // a query's value only on the heap it was read on (the map itself never changes).
        int count = map.regionCount();
        /*@ loop_invariant 0 <= r && r <= count;
          @ assignable usable[*];
          @ decreases count - r;
          @*/
        for (int r = 0; r < count && r < map.regionCount(); r++) {
            if (map.usable(r)) {
                markUsable(map.base(r), map.length(r));
            }
        }
    }

    /**
     * Pushes every usable frame but frame 0 on the empty stack, the highest first, so the lowest
     * is handed out first. At most one frame is pushed per step, so the stack never fills.
     */
    /*@ private normal_behavior
      @ requires usable != null && free != null && stack != null;
      @ requires usable.length == free.length && stack.length == free.length && free.length >= 1;
      @ requires top == 0;
      @ ensures 0 <= top && top <= stack.length;
      @ ensures (\forall int i; 0 <= i && i < top; 0 < stack[i] && stack[i] < free.length);
      @ assignable free[*], stack[*], top;
      @*/
    private /*@ helper @*/ void pushUsable() {
        /*@ loop_invariant 0 <= f && f < free.length && 0 <= top && top <= free.length - 1 - f;
          @ loop_invariant (\forall int k; 0 <= k && k < top; f < stack[k] && stack[k] < free.length);
          @ assignable free[*], stack[*], top;
          @ decreases f;
          @*/
        for (int f = free.length - 1; f > 0; f--) {
            if (f < usable.length && usable[f] && top >= 0 && top < stack.length) {
                free[f] = 1;
                stack[top] = f;
                top++;
            }
        }
    }

    /*@ private normal_behavior
      @ requires usable != null;
      @ assignable usable[*];
      @*/
    private /*@ helper @*/ void markUsable(long base, long length) {
        // A region at the top of the address space would wrap the sums below, and first would
        // then be at or below 0 while end is huge: every frame, the kernel image's too, would
        // become usable. Such a region, or one with a negative base, is ignored.
        if (base < 0 || length <= 0 || base > Long.MAX_VALUE - length - Pte.PAGE) {
            return;
        }
        long first = (base + Pte.PAGE - 1) / Pte.PAGE;
        long end = (base + length) / Pte.PAGE;
        /*@ loop_invariant 0 <= first && first <= f;
          @ assignable usable[*];
          @ decreases usable.length - f;
          @*/
        for (long f = first; f < end && f < usable.length; f++) {
            if (f > 0) {
                //@ assert 0 < f && f < usable.length;
                usable[(int) f] = true;
            }
        }
    }

    /** Frames in the map, usable or not. */
    /*@ public normal_behavior
      @ requires free != null;
      @ ensures \result == free.length;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public int frameCount() {
        return free.length;
    }

    /*@ public normal_behavior
      @ ensures \result == top;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public int freeCount() {
        return top;
    }

    /** Allocates a zeroed frame with reference count 1; returns its address, or 0 when none is free. */
    // One contract case with a conditional result: a caller then carries this allocator's
    // invariant across the call once, not once per case.
    /*@ public normal_behavior
      @ ensures \old(top) > 0 ? (\result > 0 && top == \old(top) - 1) : \result == 0;
      @ assignable top, free[*], refs[*];
      @*/
    public long allocate() {
        if (top <= 0 || top > stack.length) {
            return 0;
        }
        top--;
        int f = stack[top];
        if (f < 0 || f >= free.length || f >= refs.length) {
            return 0;
        }
        free[f] = 0;
        refs[f] = 1;
        long pa = (long) f * Pte.PAGE;
        zero(memory, pa);
        return pa;
    }

    /*@ private normal_behavior
      @ assignable \strictly_nothing;
      @*/
    private static /*@ helper @*/ void zero(PhysicalMemory mem, long pa) {
        // Never taken for a frame of this allocator, which all lie below size(); the test gives
        // the prover memSize's range, and a frame outside memory is left alone instead of
        // becoming a bus error.
        if (pa < 0 || pa > mem.size() - Pte.PAGE) {
            return;
        }
        // The range again: the loop's heap is a new term, and memSize is read on it.
        /*@ loop_invariant 0 <= i && i <= Pte.PAGE && pa <= mem.memSize - Pte.PAGE;
          @ assignable \strictly_nothing;
          @ decreases Pte.PAGE - i;
          @*/
        for (int i = 0; i <= Pte.PAGE - 8; i += 8) {
            //@ assert pa + i <= Long.MAX_VALUE;
            //@ assert pa + i >= Long.MIN_VALUE;
            mem.store64(pa + i, 0);
        }
    }

    /** Adds a reference to the used frame at {@code pa} (a new sharer). */
    /*@ public normal_behavior
      @ requires isUsed(pa) && refCount(pa) < MAX_REFS;
      @ ensures refCount(pa) == \old(refCount(pa)) + 1;
      @ assignable refs[*];
      @*/
    public void retain(long pa) {
        int f = frameOf(pa);
        if (f >= 0 && f < refs.length && f < free.length && f < usable.length && free[f] == 0 && usable[f]
                && refs[f] < MAX_REFS) {
            refs[f]++;
        }
    }

    /** Drops a reference, which the caller holds; the frame is free again when none is left. */
    /*@ public normal_behavior
      @ requires isUsed(pa) && refCount(pa) > 0;
      @ ensures refCount(pa) == \old(refCount(pa)) - 1;
      @ ensures refCount(pa) == 0 ==> isFree(pa);
      @ assignable refs[*], free[*], stack[*], top;
      @*/
    public void release(long pa) {
        int f = frameOf(pa);
        if (f < 0 || f >= refs.length || f >= free.length || f >= usable.length || free[f] != 0 || !usable[f]) {
            return;
        }
        int r = refs[f];
        if (r > 1) {
            refs[f] = r - 1;
        } else {
            freeFrame(f);
        }
    }

    /**
     * Drops a reference to {@code pa}, as {@link #release} does, when it is a used frame;
     * otherwise does nothing. For holders whose reference no contract states: a page table's
     * own frame (its caller frees tables and does not count references) and a frame read back
     * from a leaf entry (held by the manager's RefsCountMappings). It asks nothing of its caller,
     * and promises only to keep the allocator sound.
     */
    /*@ public normal_behavior
      @ assignable refs[*], free[*], stack[*], top;
      @*/
    public void drop(long pa) {
        int f = frameOf(pa);
        if (f < 0 || f >= refs.length || f >= free.length || f >= usable.length || free[f] != 0 || !usable[f]) {
            return;
        }
        int r = refs[f];
        if (r > 1) {
            refs[f] = r - 1;
        } else {
            freeFrame(f);
        }
    }

    /**
     * Frame {@code f} has lost its last reference: it is free again, and back on the stack. Its
     * own method, so that release proves this allocator's invariant once for each branch, and
     * this proof once for the push.
     */
    /*@ private normal_behavior
      @ requires 0 <= f && f < free.length;
      @ ensures refs[f] == 0 && free[f] != 0;
      @ assignable refs[f], free[f], stack[*], top;
      @*/
    private void freeFrame(@IndexFor({"refs", "free"}) int f) {
        refs[f] = 0;
        free[f] = 1;
        // The stack has room: it holds distinct free frames and f was not free; and f is not
        // frame 0, which is never usable. The test spares the prover that count and that
        // fact; were it ever false, the frame would stay free but off the stack, lost to
        // allocate yet never handed out twice.
        if (top >= 0 && top < stack.length && f > 0) {
            stack[top] = f;
            top++;
        }
    }

    /** The frame at {@code pa}: its number, or -1 when pa is not a page address this allocator manages. */
    /*@ private normal_behavior
      @ requires free != null;
      @ ensures \result == (0 <= pa && pa % Pte.PAGE == 0 && pa / Pte.PAGE < free.length ? pa / Pte.PAGE : -1);
      @ assignable \strictly_nothing;
      @*/
    private /*@ pure helper @*/ int frameOf(long pa) {
        if (pa < 0 || pa % Pte.PAGE != 0) {
            return -1;
        }
        long f = pa / Pte.PAGE;
        return f < free.length ? (int) f : -1;
    }

    // The three queries below are helpers that require only the arrays they read: a caller, or
    // a contract that names them, need not show this allocator's invariant for each.
    /*@ public normal_behavior
      @ requires free != null;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public boolean isFree(long pa) {
        int f = frameOf(pa);
        return f >= 0 && f < free.length && free[f] != 0;
    }

    /** True for a frame handed out and not yet released. */
    /*@ public normal_behavior
      @ requires free != null && usable != null;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public boolean isUsed(long pa) {
        int f = frameOf(pa);
        return f >= 0 && f < free.length && f < usable.length && usable[f] && free[f] == 0;
    }

    /*@ public normal_behavior
      @ requires free != null && usable != null;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public boolean isUsable(long pa) {
        int f = frameOf(pa);
        return f >= 0 && f < usable.length && usable[f];
    }

    /*@ public normal_behavior
      @ ensures \result >= 0;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int refCount(long pa) {
        int f = frameOf(pa);
        return f >= 0 && f < refs.length ? refs[f] : 0;
    }
}
