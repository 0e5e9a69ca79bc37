package dev.keel.boot.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * JUnit-style cases over {@link CapTable}, used as translator input: each {@code @Test} method
 * runs natively as an entry (fresh object, {@code @BeforeEach}, the method). Not run by surefire
 * directly (the name does not end in Test); {@code JUnitEntryTest} runs it on both sides.
 */
public class CapTableUnitCases {

    private CapTable table;
    private int setUps;

    @BeforeEach
    void setUp() {
        table = new CapTable(8);
        table.create(0, CapTable.MEMORY, 0x1000);
        setUps++;
    }

    @Test
    void mintDiminishesRights() {
        assertEquals(CapTable.OK, table.mint(0, 1, true, false, 5));
        assertEquals(0x1000L ^ 5 ^ 5, table.lookup(1, 5));
        assertEquals(1, setUps);
        assertTrue(table.firstFree() == 2, "slot 2 is next");
    }

    @Test
    void revokeEmptiesDerivedSlots() {
        table.mint(0, 1, true, true, 1);
        table.mint(0, 2, true, true, 2);
        assertEquals(2, table.revoke(0));
        assertEquals(1, table.firstFree());
        assertFalse(table.lookup(1, 0) >= 0);
        assertNotNull(table);
        assertNull(null);
        assertSame(table, table);
    }

    @Test
    void objectsAndBytes() {
        assertEquals(table, table);
        assertEquals("cap", "cap", "equal literals");
        assertNotEquals(table, new CapTable(1), "different tables");
        assertArrayEquals("abc".getBytes(StandardCharsets.US_ASCII), new byte[] {97, 98, 99});
        assertNotEquals(1L, 2L, "longs");
    }

    @Test
    void concatenates() {
        int slot = table.firstFree();
        long big = Long.MIN_VALUE;
        String none = null;
        assertEquals("slot 1/true of -9223372036854775808 x:" + 'q' + none,
                "slot " + slot + "/" + (slot == 1) + " of " + big + " x:" + 'q' + none);
        assertTrue(slot == 1, "message only built: " + slot);
        StringBuilder sb = new StringBuilder("caps:");
        for (int i = 0; i < 3; i++) {
            sb.append(' ').append(i * -7L).append(i == 1).append((char) ('a' + i)).append("!");
        }
        assertEquals("caps: 0falsea! -7trueb! -14falsec!", sb.toString());
        assertEquals(34, sb.length());
        assertEquals('s', sb.charAt(10));
    }

    @Test
    void failsOnBytes() {
        assertArrayEquals(new byte[] {1, 2}, "ab".getBytes(StandardCharsets.US_ASCII), "deliberately unequal");
    }

    @Test
    void failsOnPurpose() {
        assertEquals(CapTable.ERR_SLOT, table.create(0, CapTable.PORT, 1));
        assertEquals(3, table.firstFree(), "deliberately wrong: the native panic must name this line");
    }
}
