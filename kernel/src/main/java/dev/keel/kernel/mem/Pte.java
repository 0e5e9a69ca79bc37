package dev.keel.kernel.mem;

/**
 * The x86-64 page-table entry format, the one place where the kernel works with bits. Every other
 * class builds and reads entries through these functions, so proofs elsewhere see booleans.
 *
 * Layout: bit 0 present, bit 1 writable, bit 2 user, bit 9 (ignored by the CPU, free for the
 * kernel) copy-on-write, bits 12..51 the physical frame, bit 63 no-execute (honoured once
 * EFER.NXE is set, which the boot code does before any user table is loaded; without it the bit
 * is reserved and every fetch through the entry would fault).
 */
public final class Pte {

    private Pte() {
    }

    public static final long PRESENT = 1L;
    public static final long WRITABLE = 2L;
    public static final long USER = 4L;
    public static final long COW = 512L;
    /** No-execute: bit 63, the sign bit of a long. */
    public static final long NX = 0x8000000000000000L;
    public static final long FRAME_MASK = 0x000ffffffffff000L;
    public static final int PAGE = 4096;
    public static final int ENTRIES = 512;

    /** Frame numbers an entry can hold: bits 12..51, forty of them. */
    public static final long FRAME_NUMBERS = 0x10000000000L;

    // The entries are built and read with + / % rather than | & on the bits: the prover has
    // rules for the arithmetic and next to none for bitwise and/or, and the two agree here.
    // Flags are added to a frame address, whose low twelve bits are clear, so adding a flag
    // sets its bit; NX (bit 63, the sign) is added last, to a value below 2^52. Reading a bit
    // first drops the sign bit (adds 2^63 to a negative entry), then divides and takes the
    // remainder, which for the non-negative value is the same as shifting and masking.

    /**
     * A leaf entry mapping the frame at {@code pa} for user space: writable when {@code w},
     * executable when {@code x} (otherwise NX), copy-on-write when {@code c}.
     */
    /*@ public normal_behavior
      @ ensures present(\result) && frame(\result) == frame(pa);
      @ ensures writable(\result) == w && executable(\result) == x && cow(\result) == c;
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ long leaf(long pa, boolean w, boolean x, boolean c) {
        return compose(frameNumber(pa), flags(w, c), x);
    }

    /** The flag bits of a user leaf: present, user, writable when {@code w}, COW when {@code c}. */
    /*@ private normal_behavior
      @ ensures 0 <= \result && \result < PAGE && \result % 2 != 0;
      @ ensures (\result / 2 % 2 != 0) == w && (\result / 512 % 2 != 0) == c;
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure helper @*/ long flags(boolean w, boolean c) {
        long flags = PRESENT + USER;
        if (w) {
            flags = flags + WRITABLE;
        }
        if (c) {
            flags = flags + COW;
        }
        return flags;
    }

    /**
     * An intermediate entry pointing at the next-level table at {@code pa}. It never has NX: the
     * CPU ands the permissions of every level, so the leaf alone decides.
     */
    /*@ public normal_behavior
      @ ensures present(\result) && frame(\result) == frame(pa);
      @ ensures executable(\result);
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ long table(long pa) {
        return compose(frameNumber(pa), PRESENT + WRITABLE + USER, true);
    }

    /**
     * The entry for frame number {@code f} with the flag bits {@code flags} (bits 0..11), NX
     * unless {@code x}. Its contract reads each flag back once, so leaf and table need not.
     */
    /*@ private normal_behavior
      @ requires 0 <= f && f < FRAME_NUMBERS && 0 <= flags && flags < PAGE;
      @ ensures frame(\result) == f * PAGE && executable(\result) == x;
      @ ensures present(\result) == (flags % 2 != 0);
      @ ensures writable(\result) == (flags / 2 % 2 != 0);
      @ ensures cow(\result) == (flags / 512 % 2 != 0);
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure helper @*/ long compose(long f, long flags, boolean x) {
        // Each bound of each overflow check on its own: the prover does not split them.
        //@ assert 0 <= f * PAGE + flags && f * PAGE + flags < 0x10000000000000L;
        long e = f * PAGE + flags;
        // Reading each field back, one division at a time: the flags lie below the frame.
        //@ assert 0 <= f * 2048 && f * 2048 < 0x10000000000000L;
        half(f * 2048, flags);
        //@ assert 0 <= f * 1024 && f * 1024 < 0x10000000000000L;
        half(f * 1024, flags / 2);
        //@ assert 0 <= f * 8 && f * 8 < 0x10000000000000L;
        by512(f * 8, flags);
        //@ assert 0 <= f * 4 && f * 4 < 0x10000000000000L;
        half(f * 4, flags / 512);
        byPage(f, flags);
        //@ assert e + NX < 0 && e + NX >= Long.MIN_VALUE;
        return x ? e : e + NX;
    }

    // Lemmas: they do nothing at run time; each contract states one fact of integer division
    // that the prover shows alone and the entry's proof then uses without redoing it.

    /*@ private normal_behavior
      @ requires 0 <= a && a < 0x10000000000000L && 0 <= b && b < PAGE;
      @ ensures (a * 2 + b) / 2 == a + b / 2 && (a * 2 + b) % 2 == b % 2;
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure helper @*/ void half(long a, long b) {
    }

    /*@ private normal_behavior
      @ requires 0 <= a && a < 0x10000000000000L && 0 <= b && b < PAGE;
      @ ensures (a * 512 + b) / 512 == a + b / 512;
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure helper @*/ void by512(long a, long b) {
    }

    /*@ private normal_behavior
      @ requires 0 <= f && f < FRAME_NUMBERS && 0 <= b && b < PAGE;
      @ ensures (f * PAGE + b) / PAGE == f && f % FRAME_NUMBERS == f;
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure helper @*/ void byPage(long f, long b) {
    }

    /**
     * The entry with its sign bit, NX, cleared: e & Long.MAX_VALUE, written as an addition of
     * 2^63 to a negative entry. Every reader of bits 0..51 starts from it.
     */
    /*@ private normal_behavior
      @ ensures \result == (e >= 0 ? e : e + Long.MAX_VALUE + 1);
      @ ensures 0 <= \result;
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure helper @*/ long withoutNx(long e) {
        return e >= 0 ? e : e + Long.MAX_VALUE + 1;
    }

    /** Bit 0. */
    /*@ public normal_behavior
      @ ensures \result == ((e >= 0 ? e : e + Long.MAX_VALUE + 1) % 2 != 0);
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ boolean present(long e) {
        return withoutNx(e) % 2 != 0;
    }

    /** Bit 1. */
    /*@ public normal_behavior
      @ ensures \result == ((e >= 0 ? e : e + Long.MAX_VALUE + 1) / 2 % 2 != 0);
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ boolean writable(long e) {
        return withoutNx(e) / 2 % 2 != 0;
    }

    /** True when a fetch through {@code e} is allowed: NX (bit 63, the sign) clear. */
    /*@ public normal_behavior
      @ ensures \result == (e >= 0);
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ boolean executable(long e) {
        return e >= 0;
    }

    /** Bit 9. */
    /*@ public normal_behavior
      @ ensures \result == ((e >= 0 ? e : e + Long.MAX_VALUE + 1) / 512 % 2 != 0);
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ boolean cow(long e) {
        return withoutNx(e) / 512 % 2 != 0;
    }

    /** Bits 12..51 in place: e & FRAME_MASK. */
    /*@ public normal_behavior
      @ ensures \result == (e >= 0 ? e : e + Long.MAX_VALUE + 1) / PAGE % FRAME_NUMBERS * PAGE;
      @ ensures 0 <= \result && \result <= FRAME_MASK;
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ long frame(long e) {
        return frameNumber(e) * PAGE;
    }

    /**
     * The frame a present entry points at, or -1 when {@code e} is not present. Its contract
     * gives only the range, which is all a table walk needs, so the walk's proof does not carry
     * the entry's arithmetic.
     */
    /*@ public normal_behavior
      @ ensures -1 <= \result && \result <= FRAME_MASK;
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure helper @*/ long target(long e) {
        return present(e) ? frame(e) : -1;
    }

    /** Bits 12..51 as a number. */
    /*@ private normal_behavior
      @ ensures \result == (e >= 0 ? e : e + Long.MAX_VALUE + 1) / PAGE % FRAME_NUMBERS;
      @ ensures 0 <= \result && \result < FRAME_NUMBERS;
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure helper @*/ long frameNumber(long e) {
        return withoutNx(e) / PAGE % FRAME_NUMBERS;
    }

    /** Bytes one entry covers at each level: 4 KiB, 2 MiB, 1 GiB, 512 GiB. */
    private static final long SPAN0 = 1L << 12;
    private static final long SPAN1 = 1L << 21;
    private static final long SPAN2 = 1L << 30;
    private static final long SPAN3 = 1L << 39;

    /**
     * The table index of {@code va} at {@code level} (3 = PML4, 0 = page table): bits
     * 12 + 9 * level and up, nine of them. Division and remainder rather than shift and mask,
     * which agree on a non-negative {@code va}, the only kind the tables hold. Each level divides
     * by its own constant: gcc turns a constant power-of-two divisor into shifts, while one
     * divisor chosen at run time stays a 64-bit division on every level of every page walk.
     */
    /*@ public normal_behavior
      @ requires 0 <= va && 0 <= level && level <= 3;
      @ ensures 0 <= \result && \result < ENTRIES;
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ int index(long va, int level) {
        long i;
        if (level == 3) {
            i = va / SPAN3 % ENTRIES;
        } else if (level == 2) {
            i = va / SPAN2 % ENTRIES;
        } else if (level == 1) {
            i = va / SPAN1 % ENTRIES;
        } else {
            i = va / SPAN0 % ENTRIES;
        }
        //@ assert 0 <= i && i < ENTRIES;
        return (int) i;
    }
}
