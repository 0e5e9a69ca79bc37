package dev.keel.kernel.mem;

import dev.keel.hw.PhysicalMemory;
import dev.keel.kernel.abi.Errors;

/**
 * Copies between kernel buffers and user memory, through the page tables of a space. A copy is
 * checked first ({@link #check}: pure), then its pages are made present and, for writes, private
 * ({@link #prepare}: may page in, which user space cannot observe), then done ({@link #copyIn},
 * {@link #copyOut}: cannot fail). Copies go a page at a time: one table walk per page, then one
 * bulk copy of the bytes in that page ({@link PhysicalMemory#read}, {@link PhysicalMemory#write},
 * {@link PhysicalMemory#copy}); a page that is not present is skipped, as it always was.
 */
public final class UserMemory {

    /** The longest user buffer any call accepts. */
    public static final long MAX_LENGTH = 1L << 20;

    /*@ spec_public @*/ private final MemoryManager mm;
    /*@ spec_public @*/ private final PhysicalMemory memory;

    // Every copy walks the manager's tables, and prepare may page in through it.
    //@ public invariant \invariant_for(mm);

    /*@ public normal_behavior
      @ requires \invariant_for(mm);
      @ assignable \nothing;
      @*/
    public UserMemory(MemoryManager mm, PhysicalMemory memory) {
        this.mm = mm;
        this.memory = memory;
    }

    /**
     * OK when [va, va + len) lies in regions of {@code s} (writable ones when {@code write});
     * BAD_LENGTH for a bad length; BAD_ADDRESS otherwise. A zero length is always OK.
     */
    /*@ public normal_behavior
      @ requires \invariant_for(s);
      @ ensures \result == Errors.OK || \result == Errors.BAD_LENGTH || \result == Errors.BAD_ADDRESS;
      @ ensures \result == Errors.OK ==> 0 <= len && len <= MAX_LENGTH;
      @ ensures \result == Errors.OK && len > 0 ==> MemoryManager.USER_BASE <= va && va <= PageTable.USER_TOP - len;
      @ assignable \nothing;
      @*/
    public /*@ pure @*/ int check(AddressSpace s, long va, long len, boolean write) {
        if (len < 0 || len > MAX_LENGTH) {
            return Errors.BAD_LENGTH;
        }
        if (len == 0) {
            return Errors.OK;
        }
        if (va < MemoryManager.USER_BASE || va > PageTable.USER_TOP - len) {
            return Errors.BAD_ADDRESS;
        }
        // Both halves of each overflow check, stated for the prover, which does not split them.
        //@ assert va + len <= Long.MAX_VALUE;
        //@ assert va + len >= Long.MIN_VALUE;
        //@ assert va - va % Pte.PAGE <= Long.MAX_VALUE;
        //@ assert va - va % Pte.PAGE >= Long.MIN_VALUE;
        long first = va - va % Pte.PAGE;
        /*@ loop_invariant va - Pte.PAGE < p && p < va + len + Pte.PAGE;
          @ assignable \nothing;
          @ decreases va + len + Pte.PAGE - p;
          @*/
        for (long p = first; p < va + len; p += Pte.PAGE) {
            int r = s.regionOf(p);
            if (r < 0 || (write && !s.regionWritable(r))) {
                return Errors.BAD_ADDRESS;
            }
            //@ assert p + Pte.PAGE <= Long.MAX_VALUE;
            //@ assert p + Pte.PAGE >= Long.MIN_VALUE;
        }
        return Errors.OK;
    }

    /** Makes every page of a checked range present (and private when {@code write}). */
    /*@ public normal_behavior
      @ requires \invariant_for(s) && check(s, va, len, write) == Errors.OK;
      @ ensures \result == Errors.OK || \result == Errors.NO_MEMORY;
      @ assignable mm.frames.top, mm.frames.free[*], mm.frames.refs[*], mm.frames.stack[*];
      @ assignable mm.tables.frames.top, mm.tables.frames.free[*], mm.tables.frames.refs[*];
      @*/
    public int prepare(AddressSpace s, long va, long len, boolean write) {
        if (len <= 0) {
            return Errors.OK;
        }
        long first = va - va % Pte.PAGE;
        /*@ loop_invariant va - Pte.PAGE < p && p < va + len + Pte.PAGE && \invariant_for(mm);
          @ assignable mm.frames.top, mm.frames.free[*], mm.frames.refs[*], mm.frames.stack[*];
          @ assignable mm.tables.frames.top, mm.tables.frames.free[*], mm.tables.frames.refs[*];
          @ decreases va + len + Pte.PAGE - p;
          @*/
        for (long p = first; p < va + len; p += Pte.PAGE) {
            if (!ready(s, p, write)) {
                int e = mm.pageFault(s, p, write);
                if (e < 0) {
                    return Errors.NO_MEMORY;
                }
            }
        }
        return Errors.OK;
    }

    private boolean ready(AddressSpace s, long page, boolean write) {
        long e = mm.entry(s, page);
        return Pte.present(e) && (!write || Pte.writable(e));
    }

    /**
     * The physical address of user address {@code va}, or -1 when not present. A leaf whose frame
     * lies outside physical memory can only come from a corrupted table; it counts as not present,
     * so no copy ever leaves physical memory.
     */
    /*@ private normal_behavior
      @ requires s.root >= 0 && 0 <= va;
      @ ensures \result == -1 || (0 <= \result && \result <= memory.size() - (Pte.PAGE - va % Pte.PAGE));
      @ assignable \nothing;
      @*/
    private long physical(AddressSpace s, long va) {
        long e = mm.entry(s, va);
        if (!Pte.present(e)) {
            return -1;
        }
        long frame = Pte.frame(e);
        if (frame < 0 || frame > memory.size() - Pte.PAGE) {
            return -1;
        }
        return frame + va % Pte.PAGE;
    }

    /** Bytes from {@code va} to the end of its page, at most {@code rest} (both positive). */
    /*@ private normal_behavior
      @ requires 0 <= va && 0 < rest;
      @ ensures 0 < \result && \result <= rest && \result <= Pte.PAGE - va % Pte.PAGE;
      @ assignable \nothing;
      @*/
    private static /*@ pure @*/ int inPage(long va, long rest) {
        long n = Pte.PAGE - va % Pte.PAGE;
        return (int) (rest < n ? rest : n);
    }

    /** Copies {@code len} user bytes at {@code va} into {@code dst[off..]}; range prepared. */
    /*@ public normal_behavior
      @ requires 0 <= off && 0 <= len && off + len <= dst.length && s.root >= 0;
      @ requires len == 0 || (MemoryManager.USER_BASE <= va && va <= PageTable.USER_TOP - len);
      @ assignable dst[*];
      @*/
    public void copyIn(AddressSpace s, long va, byte[] dst, int off, int len) {
        int done = 0;
        /*@ loop_invariant 0 <= done && done <= len && \invariant_for(this);
          @ assignable dst[*];
          @ decreases len - done;
          @*/
        while (done < len) {
            int n = inPage(va + done, len - done);
            long pa = physical(s, va + done);
            int at = off + done;
            if (pa >= 0 && at >= 0 && at <= dst.length - n) {
                memory.read(pa, dst, at, n);
            }
            done += n;
        }
    }

    /** Copies {@code src[off..off+len)} to user address {@code va}; range prepared for writing. */
    /*@ public normal_behavior
      @ requires 0 <= off && 0 <= len && off + len <= src.length && s.root >= 0;
      @ requires len == 0 || (MemoryManager.USER_BASE <= va && va <= PageTable.USER_TOP - len);
      @ assignable \nothing;
      @*/
    public void copyOut(AddressSpace s, long va, byte[] src, int off, int len) {
        int done = 0;
        /*@ loop_invariant 0 <= done && done <= len;
          @ assignable \nothing;
          @ decreases len - done;
          @*/
        while (done < len) {
            int n = inPage(va + done, len - done);
            long pa = physical(s, va + done);
            int at = off + done;
            if (pa >= 0 && at >= 0 && at <= src.length - n) {
                memory.write(pa, src, at, n);
            }
            done += n;
        }
    }

    /** Copies {@code len} bytes of physical memory at {@code pa} to user address {@code va}. */
    /*@ public normal_behavior
      @ assignable \nothing;
      @*/
    public void copyFromPhysical(AddressSpace s, long va, long pa, long len) {
        long done = 0;
        /*@ loop_invariant 0 <= done && (len < 0 || done <= len);
          @ assignable \nothing;
          @ decreases len - done;
          @*/
        while (done < len) {
            int n = inPage(va + done, len - done);
            long to = physical(s, va + done);
            if (to >= 0) {
                memory.copy(to, pa + done, n);
            }
            done += n;
        }
    }

    /**
     * The 64-bit little-endian value at user address {@code va}; range prepared. An aligned value
     * lies in one page: one walk, one load. A byte of a page that is not present reads as 0.
     */
    /*@ public normal_behavior
      @ requires s.root >= 0 && MemoryManager.USER_BASE <= va && va <= PageTable.USER_TOP - 8;
      @ assignable \nothing;
      @*/
    public /*@ pure @*/ long readLong(AddressSpace s, long va) {
        if (va % 8 == 0) {
            long pa = physical(s, va);
            return pa >= 0 ? memory.load64(pa) : 0;
        }
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            long pa = physical(s, va + i);
            v = v * 256 + (pa >= 0 ? memory.load8(pa) : 0);
        }
        return v;
    }

    /** Stores {@code v} little-endian at user address {@code va}; range prepared for writing. */
    /*@ public normal_behavior
      @ assignable \nothing;
      @*/
    public void writeLong(AddressSpace s, long va, long v) {
        if (va % 8 == 0) {
            long pa = physical(s, va);
            if (pa >= 0) {
                memory.store64(pa, v);
            }
            return;
        }
        long rest = v;
        for (int i = 0; i < 8; i++) {
            long pa = physical(s, va + i);
            if (pa >= 0) {
                memory.store8(pa, (int) (rest & 0xff));
            }
            rest = rest >> 8;
        }
    }
}
