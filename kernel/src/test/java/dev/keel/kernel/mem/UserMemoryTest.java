package dev.keel.kernel.mem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keel.hw.PhysicalMemory;
import dev.keel.kernel.Boot;
import dev.keel.kernel.Sim;
import dev.keel.kernel.abi.Errors;
import dev.keel.kernel.abi.Syscalls;
import dev.keel.kernel.proc.Process;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * User copies go a page at a time (one walk, one bulk copy per page). Each result is compared
 * with a byte-by-byte reading through the page tables, the way the copies used to work.
 */
class UserMemoryTest {

    static final long VA = 0x30000000L;

    private static byte[] pattern(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + seed);
        }
        return b;
    }

    /** The byte at user address {@code va}, one table walk for it; -1 when not present. */
    private static int byteAt(Sim s, Process p, long va) {
        long e = s.k.memory.entry(p.space, va);
        if (!Pte.present(e)) {
            return -1;
        }
        return s.k.machine.memory().load8(Pte.frame(e) + va % Pte.PAGE);
    }

    private static Sim mapped(int pages) {
        Sim s = new Sim();
        assertEquals(VA, s.sys(0, Syscalls.MMAP, Boot.SLOT_MEMORY, VA, pages, 1));
        return s;
    }

    @Test
    void anUnalignedCopyAcrossSeveralPagesMovesEveryByteOnce() {
        Sim s = mapped(5);
        Process init = s.init();
        byte[] data = pattern(3 * Pte.PAGE + 100, 3);
        long at = VA + Pte.PAGE - 37;
        s.poke(init, at, data);
        for (int i = 0; i < data.length; i++) {
            assertEquals(data[i] & 0xff, byteAt(s, init, at + i), "byte " + i);
        }
        assertEquals(0, byteAt(s, init, at - 1), "nothing before");
        assertEquals(0, byteAt(s, init, at + data.length), "nothing after");
        byte[] into = new byte[data.length + 20];
        Arrays.fill(into, (byte) 0x55);
        s.k.user.copyIn(init.space, at, into, 10, data.length);
        for (int i = 0; i < 10; i++) {
            assertEquals(0x55, into[i] & 0xff);
            assertEquals(0x55, into[10 + data.length + i] & 0xff);
        }
        assertArrayEquals(data, Arrays.copyOfRange(into, 10, 10 + data.length));
        s.assertHealthy();
    }

    @Test
    void aPageThatIsNotPresentIsSkippedAndTheOthersAreCopied() {
        Sim s = mapped(3);
        Process init = s.init();
        s.poke(init, VA, pattern(Pte.PAGE, 1));
        s.poke(init, VA + 2 * Pte.PAGE, pattern(Pte.PAGE, 2));
        assertEquals(-1, byteAt(s, init, VA + Pte.PAGE), "the middle page was never touched");
        byte[] into = new byte[3 * Pte.PAGE];
        Arrays.fill(into, (byte) 0x55);
        s.k.user.copyIn(init.space, VA, into, 0, into.length);
        assertArrayEquals(pattern(Pte.PAGE, 1), Arrays.copyOfRange(into, 0, Pte.PAGE));
        for (int i = Pte.PAGE; i < 2 * Pte.PAGE; i++) {
            assertEquals(0x55, into[i] & 0xff, "left as it was");
        }
        assertArrayEquals(pattern(Pte.PAGE, 2), Arrays.copyOfRange(into, 2 * Pte.PAGE, 3 * Pte.PAGE));
        byte[] out = pattern(4 + Pte.PAGE + 4, 9);
        s.k.user.copyOut(init.space, VA + Pte.PAGE - 4, out, 0, out.length);
        assertEquals(-1, byteAt(s, init, VA + Pte.PAGE), "copyOut does not page in");
        for (int i = 0; i < 4; i++) {
            assertEquals(out[i] & 0xff, byteAt(s, init, VA + Pte.PAGE - 4 + i), "before the hole");
            assertEquals(out[4 + Pte.PAGE + i] & 0xff, byteAt(s, init, VA + 2 * Pte.PAGE + i), "after the hole");
        }
        s.assertHealthy();
    }

    @Test
    void longsAlignedOrAcrossAPageBoundaryAreLittleEndian() {
        Sim s = mapped(2);
        Process init = s.init();
        long v = 0x0102030405060708L;
        for (long at : new long[] {VA + 8, VA + Pte.PAGE - 3, VA + 13}) {
            assertEquals(Errors.OK, s.k.user.prepare(init.space, at, 8, true));
            s.k.user.writeLong(init.space, at, v);
            for (int i = 0; i < 8; i++) {
                assertEquals((int) (v >> (8 * i)) & 0xff, byteAt(s, init, at + i), "byte " + i + " at " + at);
            }
            assertEquals(v, s.k.user.readLong(init.space, at));
            s.k.user.writeLong(init.space, at, -v);
            assertEquals(-v, s.k.user.readLong(init.space, at));
        }
        s.assertHealthy();
    }

    /** How readLong assembled an unaligned value before: wrapping products, top byte first. */
    private static long wrappingLittleEndian(byte[] b) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v * 256 + (b[i] & 0xff);
        }
        return v;
    }

    @Test
    void anUnalignedLongReadsAsTheWrappingFormulaAndWritesItsBytes() {
        Sim s = mapped(2);
        Process init = s.init();
        long[] values = {0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 0x8000000000000001L,
            0x7f00000000000000L, 0x80ffffffffffffffL, 0x00ffffffffffffffL, 0xff00000000000000L,
            0x0100000000000000L, 0xfeffffffffffffffL, 0x0123456789abcdefL, 0xfedcba9876543210L, 255L, 256L};
        for (long at : new long[] {VA + 13, VA + Pte.PAGE - 1, VA + Pte.PAGE - 7}) {
            for (long v : values) {
                byte[] b = new byte[8];
                for (int i = 0; i < 8; i++) {
                    b[i] = (byte) (v >>> (8 * i));
                }
                s.poke(init, at, b);
                assertEquals(wrappingLittleEndian(b), s.k.user.readLong(init.space, at), "read " + v + " at " + at);
                assertEquals(v, s.k.user.readLong(init.space, at));
                s.poke(init, at, new byte[8]);
                s.k.user.writeLong(init.space, at, v);
                for (int i = 0; i < 8; i++) {
                    assertEquals(b[i] & 0xff, byteAt(s, init, at + i), "byte " + i + " of " + v + " at " + at);
                }
            }
        }
        s.assertHealthy();
    }

    @Test
    void theBulkCopiesOfSimulatedMemoryRefuseRangesOutsideMemoryOrTheArray() {
        Sim s = new Sim();
        PhysicalMemory m = s.k.machine.memory();
        byte[] b = pattern(16, 4);
        m.write(0x10003, b, 2, 12);
        byte[] back = new byte[12];
        m.read(0x10003, back, 0, 12);
        assertArrayEquals(Arrays.copyOfRange(b, 2, 14), back);
        m.copy(0x20001, 0x10003, 12);
        m.read(0x20001, back, 0, 12);
        assertArrayEquals(Arrays.copyOfRange(b, 2, 14), back);
        byte[] untouched = new byte[4];
        m.read(m.size() - 2, untouched, 0, 4);
        m.read(0x10003, untouched, 2, 4);
        assertArrayEquals(new byte[4], untouched, "nothing copied on a bad range");
    }
}
