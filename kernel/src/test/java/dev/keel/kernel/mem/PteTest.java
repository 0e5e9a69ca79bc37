package dev.keel.kernel.mem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PteTest {

    @Test
    void leafEntriesRoundTripFrameAndFlags() {
        long e = Pte.leaf(0x123456000L, true, false);
        assertTrue(Pte.present(e));
        assertTrue(Pte.writable(e));
        assertFalse(Pte.cow(e));
        assertEquals(0x123456000L, Pte.frame(e));
        assertEquals(Pte.USER, e & Pte.USER);
        long c = Pte.leaf(0x2000L, false, true);
        assertTrue(Pte.cow(c) && !Pte.writable(c));
    }

    @Test
    void lowBitsOfAFrameAddressNeverLeakIntoFlags() {
        long e = Pte.leaf(0x5fffL, false, false);
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
}
