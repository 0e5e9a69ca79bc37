package dev.keel.kernel.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class PteTest {

    @Test
    void leafEntriesRoundTripFrameAndFlags() {
        long e = Pte.leaf(0x123456000L, true, false, false);
        assertTrue(Pte.present(e));
        assertTrue(Pte.writable(e));
        assertFalse(Pte.cow(e));
        assertFalse(Pte.executable(e));
        assertEquals(0x123456000L, Pte.frame(e));
        assertEquals(Pte.USER, e & Pte.USER);
        long c = Pte.leaf(0x2000L, false, false, true);
        assertTrue(Pte.cow(c) && !Pte.writable(c));
        long x = Pte.leaf(0x3000L, false, true, false);
        assertTrue(Pte.executable(x) && !Pte.writable(x) && !Pte.cow(x));
    }

    @Test
    void noExecuteIsBit63AndNeverPartOfTheFrame() {
        long d = Pte.leaf(0x000ffffffffff000L, true, false, false);
        assertEquals(1L << 63, d & (1L << 63), "NX set on a data page");
        assertEquals(0x000ffffffffff000L, Pte.frame(d), "NX not read as frame bits");
        long t = Pte.leaf(0x7000L, false, true, false);
        assertEquals(0L, t & (1L << 63), "NX clear on a text page");
        assertEquals(Pte.leaf(0x7000L, false, false, false), t | Pte.NX, "NX is the only difference");
        assertTrue(Pte.executable(Pte.table(0x8000L)), "intermediate entries never restrict fetches");
        assertFalse(Pte.executable(Pte.NX));
    }

    @Test
    void lowBitsOfAFrameAddressNeverLeakIntoFlags() {
        long e = Pte.leaf(0x5fffL, false, false, false);
        assertEquals(0x5000L, Pte.frame(e));
        assertFalse(Pte.writable(e));
    }

    @Test
    void indexSplitsAVirtualAddressIntoFourNineBitFields() {
        long va = (3L << 39) | (5L << 30) | (7L << 21) | (9L << 12) | 0x123;
        assertEquals(3, Pte.index(va, 3));
        assertEquals(5, Pte.index(va, 2));
        assertEquals(7, Pte.index(va, 1));
        assertEquals(9, Pte.index(va, 0));
    }

    /** The arithmetic the entries are built and read with agrees with the bit layout. */
    @Property(tries = 2000)
    void readingAgreesWithTheBitLayout(@ForAll long e) {
        assertEquals((e & Pte.PRESENT) != 0, Pte.present(e));
        assertEquals((e & Pte.WRITABLE) != 0, Pte.writable(e));
        assertEquals((e & Pte.COW) != 0, Pte.cow(e));
        assertEquals((e & Pte.NX) == 0, Pte.executable(e));
        assertEquals(e & Pte.FRAME_MASK, Pte.frame(e));
    }

    @Property(tries = 2000)
    void buildingAgreesWithTheBitLayout(@ForAll long pa, @ForAll boolean w, @ForAll boolean x,
            @ForAll boolean c) {
        long bits = (pa & Pte.FRAME_MASK) | Pte.PRESENT | Pte.USER;
        bits |= w ? Pte.WRITABLE : 0;
        bits |= x ? 0 : Pte.NX;
        bits |= c ? Pte.COW : 0;
        assertEquals(bits, Pte.leaf(pa, w, x, c));
        assertEquals((pa & Pte.FRAME_MASK) | Pte.PRESENT | Pte.WRITABLE | Pte.USER, Pte.table(pa));
    }

    /** Each level's index is the nine bits at 12 + 9 * level of a non-negative address. */
    @Property(tries = 2000)
    void indexAgreesWithTheBitLayout(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long va,
            @ForAll @IntRange(min = 0, max = 3) int level) {
        assertEquals((int) ((va >>> (12 + 9 * level)) & 511), Pte.index(va, level));
    }
}
