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
    // A helper: it reads only s, so it needs no invariant of this object and keeps all of them.
    /*@ public normal_behavior
      @ requires \invariant_for(s);
      @ ensures \result == Errors.OK || \result == Errors.BAD_LENGTH || \result == Errors.BAD_ADDRESS;
      @ ensures \result == Errors.OK ==> 0 <= len && len <= MAX_LENGTH;
      @ ensures \result == Errors.OK && len > 0 ==> MemoryManager.USER_BASE <= va && va <= PageTable.USER_TOP - len;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public int check(AddressSpace s, long va, long len, boolean write) {
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
        long end = va + len;
        /*@ loop_invariant va - Pte.PAGE < p && p < end + Pte.PAGE && end <= PageTable.USER_TOP;
          @ assignable \strictly_nothing;
          @ decreases end + Pte.PAGE - p;
          @*/
        for (long p = first; p < end; p += Pte.PAGE) {
            int r = s.regionOf(p);
            if (r < 0 || (write && !s.regionWritable(r))) {
                return Errors.BAD_ADDRESS;
            }
            //@ assert p + Pte.PAGE <= Long.MAX_VALUE;
            //@ assert p + Pte.PAGE >= Long.MIN_VALUE;
        }
        return Errors.OK;
    }

    /**
     * Makes every page of a checked range present (and private when {@code write}). The
     * precondition is what check's OK promises about the range: a pure call in code and its name
     * in a spec are unrelated terms to the prover, so a caller can show these facts and not
     * {@code check(...) == OK}. A page outside the regions is not made present: NO_MEMORY.
     */
    /*@ public normal_behavior
      @ requires \invariant_for(s) && 0 <= len && len <= MAX_LENGTH;
      @ requires len == 0 || (MemoryManager.USER_BASE <= va && va <= PageTable.USER_TOP - len);
      @ ensures \result == Errors.OK || \result == Errors.NO_MEMORY;
      @ assignable mm.frames.top, mm.frames.free[*], mm.frames.refs[*], mm.frames.stack[*];
      @ assignable mm.tables.frames.top, mm.tables.frames.free[*], mm.tables.frames.refs[*];
      @*/
    public int prepare(AddressSpace s, long va, long len, boolean write) {
        if (len <= 0) {
            return Errors.OK;
        }
        long first = va - va % Pte.PAGE;
        long end = va + len;
        /*@ loop_invariant va - Pte.PAGE < p && p < end + Pte.PAGE && end <= PageTable.USER_TOP;
          @ loop_invariant \invariant_for(mm);
          @ assignable mm.frames.top, mm.frames.free[*], mm.frames.refs[*], mm.frames.stack[*];
          @ assignable mm.tables.frames.top, mm.tables.frames.free[*], mm.tables.frames.refs[*];
          @ decreases end + Pte.PAGE - p;
          @*/
        for (long p = first; p < end; p += Pte.PAGE) {
            if (!ready(s, p, write)) {
                int e = mm.pageFault(s, p, write);
                if (e < 0) {
                    return Errors.NO_MEMORY;
                }
            }
        }
        return Errors.OK;
    }

    /** True when {@code page} is present (and writable, for a write) in {@code s}. */
    // Like physical, it requires only the tables and memory the walk reads.
    /*@ private normal_behavior
      @ requires mm != null && mm.tables != null && mm.tables.memory != null && s.root >= 0;
      @ assignable \strictly_nothing;
      @*/
    /*@ helper @*/ private boolean ready(AddressSpace s, long page, boolean write) {
        long e = mm.entry(s, page);
        return Pte.present(e) && (!write || Pte.writable(e));
    }

    /**
     * The physical address of user address {@code va}, or -1 when not present. A leaf whose frame
     * lies outside physical memory can only come from a corrupted table; it counts as not present,
     * so no copy ever leaves physical memory.
     */
    // A helper that requires only what the walk reads, not the manager's invariant: the
    // copies call it once a page, and readLong and writeLong once a byte.
    /*@ private normal_behavior
      @ requires mm != null && mm.tables != null && mm.tables.memory != null && memory != null;
      @ requires s.root >= 0 && 0 <= va;
      @ ensures \result == -1 || (0 <= \result && \result <= memory.memSize - (Pte.PAGE - va % Pte.PAGE));
      @ assignable \strictly_nothing;
      @*/
    /*@ helper @*/ private long physical(AddressSpace s, long va) {
        // -1 when not present; a present entry's frame is never negative.
        long frame = Pte.target(mm.entry(s, va));
        if (frame < 0 || frame > memory.size() - Pte.PAGE) {
            return -1;
        }
        //@ assert 0 <= va % Pte.PAGE && va % Pte.PAGE < Pte.PAGE;
        //@ assert frame + va % Pte.PAGE <= Long.MAX_VALUE;
        //@ assert frame + va % Pte.PAGE >= Long.MIN_VALUE;
        return frame + va % Pte.PAGE;
    }

    /** Bytes from {@code va} to the end of its page, at most {@code rest} (both positive). */
    /*@ private normal_behavior
      @ requires 0 <= va && 0 < rest;
      @ ensures 0 < \result && \result <= rest && \result <= Pte.PAGE - va % Pte.PAGE;
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure @*/ int inPage(long va, long rest) {
        long n = Pte.PAGE - va % Pte.PAGE;
        long m = rest < n ? rest : n;
        //@ assert 0 < m && m <= Pte.PAGE;
        return (int) m;
    }

    /** Copies {@code len} user bytes at {@code va} into {@code dst[off..]}; range prepared. */
    /*@ public normal_behavior
      @ requires 0 <= off && 0 <= len && off + len <= dst.length && s.root >= 0;
      @ requires len == 0 || (MemoryManager.USER_BASE <= va && va <= PageTable.USER_TOP - len);
      @ assignable dst[*];
      @*/
    public void copyIn(AddressSpace s, long va, byte[] dst, int off, int len) {
        notSpaces(dst, mm);
        readPages(s, va, dst, off, len);
    }

    /**
     * Lemma: {@code a}, an array of bytes, is not the manager's array of spaces. Does nothing at
     * run time. The prover does not tell arrays apart by their element types unaided, so without
     * it a copy into {@code a} might have cleared a space, which the manager's invariant forbids.
     */
    /*@ private normal_behavior
      @ requires a != null && m != null && m.spaces != null;
      @ ensures (Object) a != (Object) m.spaces;
      @ assignable \strictly_nothing;
      @*/
    private static /*@ helper @*/ void notSpaces(byte[] a, MemoryManager m) {
    }

    // The copies' loops are helpers that require only what a walk reads: the public methods
    // show this object's invariant once, not once a page.
    /*@ private normal_behavior
      @ requires mm != null && mm.tables != null && mm.tables.memory != null && memory != null;
      @ requires 0 <= off && 0 <= len && off + len <= dst.length && s.root >= 0;
      @ requires len == 0 || (MemoryManager.USER_BASE <= va && va <= PageTable.USER_TOP - len);
      @ assignable dst[*];
      @*/
    /*@ helper @*/ private void readPages(AddressSpace s, long va, byte[] dst, int off, int len) {
        int done = 0;
        /*@ loop_invariant 0 <= done && done <= len;
          @ assignable dst[*];
          @ decreases len - done;
          @*/
        while (done < len) {
            // Both bounds of each overflow check, which the prover does not split.
            //@ assert va + done <= Long.MAX_VALUE;
            //@ assert va + done >= Long.MIN_VALUE;
            long p = va + done;
            int n = inPage(p, len - done);
            long pa = physical(s, p);
            //@ assert off + done <= Integer.MAX_VALUE;
            //@ assert off + done >= Integer.MIN_VALUE;
            int at = off + done;
            readPage(pa, dst, at, n);
            //@ assert done + n <= Integer.MAX_VALUE;
            //@ assert done + n >= Integer.MIN_VALUE;
            done += n;
        }
    }

    /**
     * One page of readPages: the {@code n} bytes at {@code pa}, when present, into
     * {@code dst[at..]}. Its own method, so that the loop's proof takes one path per page rather
     * than one per failed test.
     */
    /*@ private normal_behavior
      @ requires memory != null && 0 < n && (pa < 0 || pa <= memory.memSize - n);
      @ assignable dst[*];
      @*/
    /*@ helper @*/ private void readPage(long pa, byte[] dst, int at, int n) {
        // Both bounds of the overflow check, which the prover does not split.
        //@ assert dst.length - n <= Integer.MAX_VALUE;
        //@ assert dst.length - n >= Integer.MIN_VALUE;
        if (pa >= 0 && at >= 0 && at <= dst.length - n) {
            memory.read(pa, dst, at, n);
        }
    }

    /** Copies {@code src[off..off+len)} to user address {@code va}; range prepared for writing. */
    /*@ public normal_behavior
      @ requires 0 <= off && 0 <= len && off + len <= src.length && s.root >= 0;
      @ requires len == 0 || (MemoryManager.USER_BASE <= va && va <= PageTable.USER_TOP - len);
      @ assignable \nothing;
      @*/
    public void copyOut(AddressSpace s, long va, byte[] src, int off, int len) {
        writePages(s, va, src, off, len);
    }

    /*@ private normal_behavior
      @ requires mm != null && mm.tables != null && mm.tables.memory != null && memory != null;
      @ requires 0 <= off && 0 <= len && off + len <= src.length && s.root >= 0;
      @ requires len == 0 || (MemoryManager.USER_BASE <= va && va <= PageTable.USER_TOP - len);
      @ assignable \strictly_nothing;
      @*/
    /*@ helper @*/ private void writePages(AddressSpace s, long va, byte[] src, int off, int len) {
        int done = 0;
        /*@ loop_invariant 0 <= done && done <= len;
          @ assignable \strictly_nothing;
          @ decreases len - done;
          @*/
        while (done < len) {
            // Both bounds of each overflow check, which the prover does not split.
            //@ assert va + done <= Long.MAX_VALUE;
            //@ assert va + done >= Long.MIN_VALUE;
            long p = va + done;
            int n = inPage(p, len - done);
            long pa = physical(s, p);
            //@ assert off + done <= Integer.MAX_VALUE;
            //@ assert off + done >= Integer.MIN_VALUE;
            int at = off + done;
            //@ assert src.length - n <= Integer.MAX_VALUE;
            //@ assert src.length - n >= Integer.MIN_VALUE;
            if (pa >= 0 && at >= 0 && at <= src.length - n) {
                memory.write(pa, src, at, n);
            }
            //@ assert done + n <= Integer.MAX_VALUE;
            //@ assert done + n >= Integer.MIN_VALUE;
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
    // A helper that requires only what the walk reads: it writes nothing, so it keeps every
    // invariant, and callers in a loop need not show this object's again.
    /*@ public normal_behavior
      @ requires mm != null && mm.tables != null && mm.tables.memory != null && memory != null;
      @ requires s.root >= 0 && MemoryManager.USER_BASE <= va && va <= PageTable.USER_TOP - 8;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public long readLong(AddressSpace s, long va) {
        if (va % 8 == 0) {
            alignedRoom(va);
            long pa = physical(s, va);
            return pa >= 0 ? memory.load64(pa) : 0;
        }
        // Bytes 6 down to 0 first: seven bytes make less than 2^56, so no step overflows (each
        // digit's contract bounds the value so far, with no loop invariant to split by cases).
        // The top byte then adds its weight as a two's-complement digit, t - 256 when its sign
        // bit is set: the same value as the wrapping v * 256 + byte over all eight bytes,
        // without a wrap.
        long v = digit(0, s, va, 6);
        v = digit(v, s, va, 5);
        v = digit(v, s, va, 4);
        v = digit(v, s, va, 3);
        v = digit(v, s, va, 2);
        v = digit(v, s, va, 1);
        v = digit(v, s, va, 0);
        //@ assert va + 7 <= Long.MAX_VALUE;
        //@ assert va + 7 >= Long.MIN_VALUE;
        int t = byteAt(s, va + 7);
        long top = t >= 128 ? t - 256 : t;
        //@ assert -128 <= top && top <= 127;
        //@ assert top * 72057594037927936L + v <= Long.MAX_VALUE;
        //@ assert top * 72057594037927936L + v >= Long.MIN_VALUE;
        return top * 72057594037927936L + v;
    }

    /** {@code v * 256} plus the byte at user address {@code va + k}: the next lower digit. */
    /*@ private normal_behavior
      @ requires mm != null && mm.tables != null && mm.tables.memory != null && memory != null;
      @ requires s.root >= 0 && 0 <= va && va <= PageTable.USER_TOP && 0 <= k && k < 8;
      @ requires 0 <= v && v < 281474976710656L;
      @ ensures v * 256 <= \result && \result <= v * 256 + 255;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private long digit(long v, AddressSpace s, long va, int k) {
        //@ assert va + k <= Long.MAX_VALUE;
        //@ assert va + k >= Long.MIN_VALUE;
        int x = byteAt(s, va + k);
        //@ assert v * 256 + x <= Long.MAX_VALUE;
        //@ assert v * 256 + x >= Long.MIN_VALUE;
        return v * 256 + x;
    }

    /** Lemma: an aligned 8-byte value ends inside its page. Does nothing at run time. */
    /*@ private normal_behavior
      @ requires 0 <= va && va % 8 == 0;
      @ ensures va % Pte.PAGE <= Pte.PAGE - 8;
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure helper @*/ void alignedRoom(long va) {
    }

    /** The byte at user address {@code va}, 0 when its page is not present. */
    /*@ private normal_behavior
      @ requires mm != null && mm.tables != null && mm.tables.memory != null && memory != null;
      @ requires s.root >= 0 && 0 <= va;
      @ ensures 0 <= \result && \result <= 255;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private int byteAt(AddressSpace s, long va) {
        long pa = physical(s, va);
        return pa >= 0 ? memory.load8(pa) : 0;
    }

    /** Stores {@code v} little-endian at user address {@code va}; range prepared for writing. */
    // A helper, like readLong.
    /*@ public normal_behavior
      @ requires mm != null && mm.tables != null && mm.tables.memory != null && memory != null;
      @ requires s.root >= 0 && MemoryManager.USER_BASE <= va && va <= PageTable.USER_TOP - 8;
      @ assignable \strictly_nothing;
      @*/
    /*@ helper @*/ public void writeLong(AddressSpace s, long va, long v) {
        if (va % 8 == 0) {
            alignedRoom(va);
            long pa = physical(s, va);
            if (pa >= 0) {
                memory.store64(pa, v);
            }
            return;
        }
        // The bytes of v's low 63 bits by division, which needs no shift of a negative value;
        // the sign bit is the top bit of the last byte.
        long rest = v;
        if (v < 0) {
            //@ assert v - Long.MIN_VALUE <= Long.MAX_VALUE;
            //@ assert v - Long.MIN_VALUE >= Long.MIN_VALUE;
            rest = v - Long.MIN_VALUE;
        }
        /*@ loop_invariant 0 <= i && i <= 8 && 0 <= rest;
          @ assignable \strictly_nothing;
          @ decreases 8 - i;
          @*/
        for (int i = 0; i < 8; i++) {
            rest = putByte(s, va, i, rest, i == 7 && v < 0);
        }
    }

    /**
     * Stores the low byte of {@code rest} at user address {@code va + k}, with bit 7 added when
     * {@code sign} (the sign bit of the value, on its top byte); returns the bytes still to store.
     * One byte of writeLong, as a helper, so the loop's proof is its counter alone.
     */
    /*@ private normal_behavior
      @ requires mm != null && mm.tables != null && mm.tables.memory != null && memory != null;
      @ requires s.root >= 0 && 0 <= va && va <= PageTable.USER_TOP && 0 <= k && k < 8 && 0 <= rest;
      @ ensures 0 <= \result;
      @ assignable \strictly_nothing;
      @*/
    /*@ helper @*/ private long putByte(AddressSpace s, long va, int k, long rest, boolean sign) {
        //@ assert va + k <= Long.MAX_VALUE;
        //@ assert va + k >= Long.MIN_VALUE;
        long pa = physical(s, va + k);
        //@ assert 0 <= rest % 256 && rest % 256 < 256;
        int b = (int) (rest % 256);
        if (sign) {
            //@ assert b + 128 <= Integer.MAX_VALUE;
            //@ assert b + 128 >= Integer.MIN_VALUE;
            b = b + 128;
        }
        if (pa >= 0) {
            memory.store8(pa, b);
        }
        return rest / 256;
    }
}
