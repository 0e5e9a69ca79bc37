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

    /**
     * A leaf entry mapping the frame at {@code pa} for user space: writable when {@code w},
     * executable when {@code x} (otherwise NX), copy-on-write when {@code c}.
     */
    /*@ public normal_behavior
      @ ensures present(\result) && frame(\result) == (pa & FRAME_MASK);
      @ ensures writable(\result) == w && executable(\result) == x && cow(\result) == c;
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ long leaf(long pa, boolean w, boolean x, boolean c) {
        long e = (pa & FRAME_MASK) | PRESENT | USER;
        if (w) {
            e = e | WRITABLE;
        }
        if (!x) {
            e = e | NX;
        }
        if (c) {
            e = e | COW;
        }
        return e;
    }

    /**
     * An intermediate entry pointing at the next-level table at {@code pa}. It never has NX: the
     * CPU ands the permissions of every level, so the leaf alone decides.
     */
    /*@ public normal_behavior
      @ ensures present(\result) && frame(\result) == (pa & FRAME_MASK);
      @ ensures executable(\result);
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ long table(long pa) {
        return (pa & FRAME_MASK) | PRESENT | WRITABLE | USER;
    }

    /*@ public normal_behavior
      @ ensures \result == ((e & PRESENT) != 0);
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ boolean present(long e) {
        return (e & PRESENT) != 0;
    }

    /*@ public normal_behavior
      @ ensures \result == ((e & WRITABLE) != 0);
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ boolean writable(long e) {
        return (e & WRITABLE) != 0;
    }

    /** True when a fetch through {@code e} is allowed: NX clear. */
    /*@ public normal_behavior
      @ ensures \result == ((e & NX) == 0);
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ boolean executable(long e) {
        return (e & NX) == 0;
    }

    /*@ public normal_behavior
      @ ensures \result == ((e & COW) != 0);
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ boolean cow(long e) {
        return (e & COW) != 0;
    }

    /*@ public normal_behavior
      @ ensures \result == (e & FRAME_MASK);
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ long frame(long e) {
        return e & FRAME_MASK;
    }

    /** Bytes one entry covers at each level: 4 KiB, 2 MiB, 1 GiB, 512 GiB. */
    private static final long SPAN0 = 1L << 12;
    private static final long SPAN1 = 1L << 21;
    private static final long SPAN2 = 1L << 30;
    private static final long SPAN3 = 1L << 39;

    /**
     * The table index of {@code va} at {@code level} (3 = PML4, 0 = page table): bits
     * 12 + 9 * level and up, nine of them. Division and remainder rather than shift and mask,
     * which agree on a non-negative {@code va}, the only kind the tables hold.
     */
    /*@ public normal_behavior
      @ requires 0 <= va && 0 <= level && level <= 3;
      @ ensures 0 <= \result && \result < ENTRIES;
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ int index(long va, int level) {
        long span = level == 3 ? SPAN3 : level == 2 ? SPAN2 : level == 1 ? SPAN1 : SPAN0;
        long i = va / span % ENTRIES;
        //@ assert 0 <= i && i < ENTRIES;
        return (int) i;
    }
}
