package dev.keel.kernel.proc;

import static dev.keel.kernel.proc.ElfBuilder.phdr;
import static dev.keel.kernel.proc.ElfBuilder.put16;
import static dev.keel.kernel.proc.ElfBuilder.put32;
import static dev.keel.kernel.proc.ElfBuilder.put64;
import static dev.keel.kernel.proc.ElfBuilder.put8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.keel.hw.sim.SimPhysicalMemory;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** ElfImage's checks on executables built as byte arrays and placed in simulated memory. */
class ElfImageTest {

    private static final long BASE = 0x10000;
    private static final long LIMIT = 0x7ffe00000000L;
    private static final long CODE = 0x400000;
    private static final int RX = ElfImage.PF_R | ElfImage.PF_X;
    private static final int RW = ElfImage.PF_R | ElfImage.PF_W;

    private final SimPhysicalMemory memory = new SimPhysicalMemory(1 << 20);
    private final ElfImage elf = new ElfImage(memory);

    private long place(byte[] file) {
        for (int i = 0; i < file.length; i++) {
            memory.store8(BASE + i, file[i]);
        }
        return BASE;
    }

    private int check(byte[] file) {
        return elf.check(place(file), file.length, LIMIT);
    }

    /** Text, read-only data and data with bss, as the user programs' linker script lays them out. */
    private static ElfBuilder program() {
        return new ElfBuilder()
                .load(CODE, RX, bytes(5000, 1), 5000)
                .load(CODE + 0x2000, ElfImage.PF_R, bytes(100, 2), 100)
                .load(CODE + 0x3000, RW, bytes(300, 3), 3 * 4096 + 5)
                .header(0x6474e551)   // PT_GNU_STACK: ignored
                .entry(CODE + 16);
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 13 + seed);
        }
        return b;
    }

    @Test
    void aWellFormedProgramIsDescribedSegmentBySegment() {
        byte[] f = program().build();
        long base = place(f);
        assertEquals(ElfImage.OK, elf.check(base, f.length, LIMIT));
        assertEquals(CODE + 16, elf.entry(base));
        assertEquals(4, elf.headers(base));
        assertEquals(3, elf.loadCount(base));
        assertEquals(2 + 1 + 4, elf.totalPages(base));
        assertFalse(ElfImage.writable(elf.flags(base, 0)));
        assertFalse(ElfImage.writable(elf.flags(base, 1)));
        assertTrue(ElfImage.writable(elf.flags(base, 2)));
        assertFalse(elf.isLoad(base, 3));
        assertEquals(CODE + 0x3000, elf.vaddr(base, 2));
        assertEquals(300, elf.fileSize(base, 2));
        assertEquals(4, elf.pages(base, 2));
        assertEquals(f[(int) elf.fileOffset(base, 1)], bytes(100, 2)[0]);
    }

    @Test
    void headerFieldsAreEachChecked() {
        assertEquals(ElfImage.TOO_SHORT, elf.check(place(program().build()), 63, LIMIT));
        assertEquals(ElfImage.BAD_MAGIC, check(put8(program().build(), 1, 'e')));
        assertEquals(ElfImage.NOT_64_BIT, check(put8(program().build(), 4, 1)));
        assertEquals(ElfImage.NOT_LITTLE_ENDIAN, check(put8(program().build(), 5, 2)));
        assertEquals(ElfImage.BAD_VERSION, check(put8(program().build(), 6, 0)));
        assertEquals(ElfImage.BAD_VERSION, check(put32(program().build(), 20, 2)));
        assertEquals(ElfImage.NOT_X86_64, check(put16(program().build(), 18, 3)));
        assertEquals(ElfImage.NOT_EXECUTABLE, check(put16(program().build(), 16, 3)), "ET_DYN");
        assertEquals(ElfImage.NOT_EXECUTABLE, check(put16(program().build(), 16, 1)), "ET_REL");
    }

    @Test
    void theProgramHeaderTableMustLieInsideTheModule() {
        assertEquals(ElfImage.BAD_PROGRAM_HEADERS, check(put16(program().build(), 54, 64)), "entry size");
        assertEquals(ElfImage.BAD_PROGRAM_HEADERS, check(put16(program().build(), 56, 0)), "no headers");
        assertEquals(ElfImage.BAD_PROGRAM_HEADERS, check(put16(program().build(), 56, 65)), "too many");
        byte[] f = program().build();
        assertEquals(ElfImage.BAD_PROGRAM_HEADERS, check(put64(f, 32, f.length - 100)), "table runs past the end");
        assertEquals(ElfImage.BAD_PROGRAM_HEADERS, check(put64(program().build(), 32, -8)), "offset overflows");
        assertEquals(ElfImage.BAD_PROGRAM_HEADERS, check(put64(program().build(), 32, Long.MAX_VALUE)));
    }

    @Test
    void segmentsMustBeInsideTheFileAndConsistent() {
        byte[] f = program().build();
        assertEquals(ElfImage.SEGMENT_OUTSIDE_FILE, check(put64(f, phdr(1, 8), f.length - 50)), "offset + filesz past end");
        assertEquals(ElfImage.SEGMENT_OUTSIDE_FILE, check(put64(program().build(), phdr(1, 8), -1)));
        assertEquals(ElfImage.SEGMENT_OUTSIDE_FILE, check(put64(program().build(), phdr(1, 32), Long.MAX_VALUE)),
                "filesz overflows");
        assertEquals(ElfImage.BAD_SEGMENT_SIZE, check(put64(program().build(), phdr(1, 40), 50)), "filesz > memsz");
        assertEquals(ElfImage.BAD_SEGMENT_SIZE, check(put64(program().build(), phdr(2, 40), -4096)), "memsz overflows");
        assertEquals(ElfImage.BAD_SEGMENT_SIZE, check(put64(program().build(), phdr(2, 40), 1L << 40)), "memsz too large");
    }

    @Test
    void segmentsMustBeAlignedInUserSpaceBelowTheStackAndApart() {
        assertEquals(ElfImage.NOT_ALIGNED, check(put64(program().build(), phdr(1, 16), CODE + 0x2010)));
        assertEquals(ElfImage.OUTSIDE_USER, check(put64(program().build(), phdr(1, 16), 0)), "page 0");
        assertEquals(ElfImage.OUTSIDE_USER, check(put64(program().build(), phdr(1, 16), 0xffffffff80000000L)), "kernel half");
        assertEquals(ElfImage.OUTSIDE_USER, check(put64(program().build(), phdr(2, 16), LIMIT - 0x2000)), "into the stack");
        assertEquals(ElfImage.OK, check(put64(program().build(), phdr(2, 16), LIMIT - 0x4000)), "just below the stack");
        assertEquals(ElfImage.OVERLAP, check(put64(program().build(), phdr(1, 16), CODE + 0x1000)), "shares text's second page");
        assertEquals(ElfImage.OVERLAP, check(put64(program().build(), phdr(2, 16), CODE)), "on top of text");
    }

    @Test
    void segmentCountInterpreterAndEntryAreChecked() {
        assertEquals(ElfImage.NOT_STATIC, check(put32(program().build(), phdr(3, 0), ElfImage.PT_INTERP)));
        assertEquals(ElfImage.NOT_STATIC, check(put32(program().build(), phdr(3, 0), ElfImage.PT_DYNAMIC)));
        assertEquals(ElfImage.BAD_SEGMENT_COUNT, check(new ElfBuilder().header(0x6474e551).build()), "nothing to load");
        ElfBuilder five = new ElfBuilder();
        for (int i = 0; i < 5; i++) {
            five.load(CODE + 0x1000L * i, RX, bytes(10, i), 10);
        }
        assertEquals(ElfImage.BAD_SEGMENT_COUNT, check(five.build()));
        assertEquals(ElfImage.BAD_ENTRY, check(program().entry(CODE + 0x3000).build()), "entry in data");
        assertEquals(ElfImage.BAD_ENTRY, check(program().entry(CODE + 5000).build()), "past text's bytes");
    }

    @Test
    void aSegmentWithNoMemoryImageIsIgnored() {
        byte[] f = new ElfBuilder().load(CODE, RX, bytes(10, 1), 10).load(0, RW, new byte[0], 0).build();
        long base = place(f);
        assertEquals(ElfImage.OK, elf.check(base, f.length, LIMIT));
        assertEquals(1, elf.loadCount(base));
        assertEquals(1, elf.totalPages(base));
    }

    /** Any single corrupted byte of the headers gives OK or one of the reasons, never anything else. */
    @Property(tries = 400)
    void corruptedHeadersGiveAReasonNeverAFault(@ForAll @IntRange(min = 0, max = 64 + 4 * 56 - 1) int at,
            @ForAll byte value) {
        byte[] f = program().build();
        f[at] = value;
        int e = check(f);
        assertTrue(e <= ElfImage.OK && e >= ElfImage.BAD_ENTRY, "result " + e);
        assertEquals(0, memory.busErrors(), "no read outside memory");
    }

    @Property(tries = 100)
    void truncatedFilesAreRefused(@ForAll @IntRange(min = 0, max = 500) int cut) {
        byte[] f = program().build();
        byte[] t = Arrays.copyOf(f, f.length - 1 - cut);
        assertTrue(check(t) < ElfImage.OK);
    }
}
