package dev.keel.boot.corpus;

import dev.keel.boot.translate.Console;

/**
 * A kernel-like x86-64 four-level page table over a simulated physical memory (a long array of
 * 4 KiB frames): map, walk with present/writable bits, unmap.
 */
public final class PageTable {

    static final long PRESENT = 1L;
    static final long WRITABLE = 2L;
    static final long ADDR_MASK = 0x000ffffffffff000L;
    static final int ENTRIES = 512;

    private final long[] memory;
    private int nextFrame;
    private final long root;

    PageTable(int frames) {
        memory = new long[frames * ENTRIES];
        nextFrame = 1;
        root = allocFrame();
    }

    private long allocFrame() {
        if ((nextFrame + 1) * ENTRIES > memory.length) {
            return -1;
        }
        long pa = (long) nextFrame << 12;
        nextFrame++;
        return pa;
    }

    private int slot(long tablePa, long va, int level) {
        int index = (int) ((va >>> (12 + 9 * level)) & (ENTRIES - 1));
        return (int) (tablePa >>> 12) * ENTRIES + index;
    }

    int map(long va, long pa, boolean writable) {
        long table = root;
        for (int level = 3; level > 0; level--) {
            int s = slot(table, va, level);
            long e = memory[s];
            if ((e & PRESENT) == 0) {
                long frame = allocFrame();
                if (frame < 0) {
                    return -1;
                }
                e = frame | PRESENT | WRITABLE;
                memory[s] = e;
            }
            table = e & ADDR_MASK;
        }
        int leaf = slot(table, va, 0);
        if ((memory[leaf] & PRESENT) != 0) {
            return -2;
        }
        memory[leaf] = (pa & ADDR_MASK) | PRESENT | (writable ? WRITABLE : 0);
        return 0;
    }

    /** The physical address {@code va} maps to, or -1; with write set, -2 for read-only pages. */
    long walk(long va, boolean write) {
        long table = root;
        for (int level = 3; level >= 0; level--) {
            long e = memory[slot(table, va, level)];
            if ((e & PRESENT) == 0) {
                return -1;
            }
            if (level == 0 && write && (e & WRITABLE) == 0) {
                return -2;
            }
            table = e & ADDR_MASK;
        }
        return table | (va & 0xfff);
    }

    boolean unmap(long va) {
        long table = root;
        for (int level = 3; level > 0; level--) {
            long e = memory[slot(table, va, level)];
            if ((e & PRESENT) == 0) {
                return false;
            }
            table = e & ADDR_MASK;
        }
        int leaf = slot(table, va, 0);
        boolean was = (memory[leaf] & PRESENT) != 0;
        memory[leaf] = 0;
        return was;
    }

    /** The benchmark body: walks over a mapped region. */
    public static long walks(PageTable t, int rounds) {
        long acc = 0;
        for (int r = 0; r < rounds; r++) {
            for (long va = 0x400000L; va < 0x400000L + 64 * 4096; va += 4096) {
                acc += t.walk(va + r, (r & 1) == 0);
            }
        }
        return acc;
    }

    public static PageTable mapped() {
        PageTable t = new PageTable(64);
        for (int i = 0; i < 64; i++) {
            t.map(0x400000L + i * 4096L, 0x10000000L + i * 8192L, (i & 3) != 0);
        }
        return t;
    }

    public static void run(long[] in) {
        PageTable t = new PageTable(32);
        Console.print(t.map(0x400000L, 0x200000L, true));
        Console.print(t.map(0x401000L, 0x201000L, false));
        Console.print(t.map(0x400000L, 0x300000L, true));
        Console.print(t.map(0x7fff_ffff_f000L, 0xabc000L, true));
        Console.println();
        Console.print(t.walk(0x400123L, true));
        Console.print(" ");
        Console.print(t.walk(0x401fffL, true));
        Console.print(" ");
        Console.print(t.walk(0x401fffL, false));
        Console.print(" ");
        Console.print(t.walk(0x7fff_ffff_f008L, false));
        Console.print(" ");
        Console.print(t.walk(0x999000L, false));
        Console.println();
        Console.print(t.unmap(0x400000L));
        Console.print(t.unmap(0x400000L));
        Console.print(t.walk(0x400123L, false));
        Console.println();
        for (long v : in) {
            long va = v & 0x0000_7fff_ffff_f000L;
            int r = t.map(va, v << 12, (v & 1) != 0);
            Console.print(r);
            Console.print(" ");
            Console.print(t.walk(va | (v & 0xfff), (v & 2) != 0));
            Console.println();
        }
        Console.print(walks(mapped(), 10));
        Console.println();
    }
}
