package dev.keel.kernel.proc;

import dev.keel.hw.PhysicalMemory;
import dev.keel.kernel.mem.MemoryManager;
import dev.keel.kernel.mem.Pte;

/**
 * A user program as its boot module holds it: a static ELF64 executable for x86-64, read in
 * place through physical memory. {@link #check} validates everything the loader relies on;
 * the accessors then describe the header and each program header. Nothing here allocates or
 * writes: ProcessManager maps and copies the segments.
 *
 * What a loadable image is: the ELF magic, class 64, little endian, version 1, machine x86-64,
 * type ET_EXEC; 56-byte program headers lying inside the module; no PT_INTERP or PT_DYNAMIC
 * (no dynamic linking); one to {@link #MAX_SEGMENTS} PT_LOAD segments with a non-empty memory
 * image, each page aligned, with its file bytes inside the module, filesz <= memsz, inside user
 * space below {@code limit} (the stack), none overlapping another; the entry point inside an
 * executable segment. A PT_LOAD with memsz 0 is ignored. Sizes are unsigned in the file: a
 * value with the top bit set reads as negative here and is refused, so no sum overflows.
 *
 * Every read goes through {@link #load8} .. {@link #load64}, which read 0 outside physical
 * memory instead of touching it: the accessors are called with what the file says, and physical
 * memory gives no guarantee that two reads of one address agree, so a check done earlier cannot
 * vouch for a later read. For an image that passed {@link #check} the guards never trigger.
 */
public final class ElfImage {

    /** The image is loadable. */
    public static final int OK = 0;
    /** Shorter than an ELF header, or not inside physical memory. */
    public static final int TOO_SHORT = -1;
    /** Does not start with 0x7f 'E' 'L' 'F'. */
    public static final int BAD_MAGIC = -2;
    /** Not ELFCLASS64. */
    public static final int NOT_64_BIT = -3;
    /** Not little endian. */
    public static final int NOT_LITTLE_ENDIAN = -4;
    /** ELF version other than 1. */
    public static final int BAD_VERSION = -5;
    /** Machine other than x86-64. */
    public static final int NOT_X86_64 = -6;
    /** Type other than ET_EXEC (relocatable, shared object, core). */
    public static final int NOT_EXECUTABLE = -7;
    /** Program header size, count or table position (inside the module, 8-byte aligned) is wrong. */
    public static final int BAD_PROGRAM_HEADERS = -8;
    /** Needs an interpreter or dynamic linking. */
    public static final int NOT_STATIC = -9;
    /** A segment's file bytes lie outside the module. */
    public static final int SEGMENT_OUTSIDE_FILE = -10;
    /** A segment has filesz > memsz, or a memory size above the largest mapping. */
    public static final int BAD_SEGMENT_SIZE = -11;
    /** A segment's virtual address is not page aligned. */
    public static final int NOT_ALIGNED = -12;
    /** A segment lies outside user space or reaches into the stack. */
    public static final int OUTSIDE_USER = -13;
    /** Two segments share a page. */
    public static final int OVERLAP = -14;
    /** No loadable segment, or more than MAX_SEGMENTS. */
    public static final int BAD_SEGMENT_COUNT = -15;
    /** The entry point is not inside an executable segment. */
    public static final int BAD_ENTRY = -16;

    public static final int HEADER_SIZE = 64;
    public static final int PHDR_SIZE = 56;
    /** Most program headers looked at; a linker writes a handful. */
    public static final int MAX_PHDRS = 64;
    /** Most loadable segments: each takes one region of the address space. */
    public static final int MAX_SEGMENTS = 4;

    public static final int PT_LOAD = 1;
    public static final int PT_DYNAMIC = 2;
    public static final int PT_INTERP = 3;
    public static final int PF_X = 1;
    public static final int PF_W = 2;
    public static final int PF_R = 4;

    private static final int ET_EXEC = 2;
    private static final int EM_X86_64 = 62;

    /*@ spec_public @*/ private final PhysicalMemory memory;

    /*@ public normal_behavior
      @ ensures this.memory == memory;
      @ assignable \nothing;
      @*/
    public ElfImage(PhysicalMemory memory) {
        this.memory = memory;
    }

    // ---- Validation ----

    /**
     * OK when the module at {@code base} of {@code length} bytes is a loadable executable whose
     * segments all end at or below {@code limit}; otherwise the first reason found.
     */
    /*@ public normal_behavior
      @ ensures \result <= OK && \result >= BAD_ENTRY;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int check(long base, long length, long limit) {
        int e = checkHeader(base, length);
        if (e == OK) {
            e = checkSegments(base, length, limit);
        }
        if (e == OK) {
            e = checkEntry(base);
        }
        return e;
    }

    /*@ private normal_behavior
      @ ensures \result <= OK && \result >= BAD_PROGRAM_HEADERS;
      @ assignable \strictly_nothing;
      @*/
    private /*@ pure @*/ int checkHeader(long base, long length) {
        if (length < HEADER_SIZE || base < 0) {
            return TOO_SHORT;
        }
        long size = memory.size();
        //@ assert -Long.MAX_VALUE <= size - length && size - length <= Long.MAX_VALUE - HEADER_SIZE;
        if (base > size - length) {
            return TOO_SHORT;
        }
        // The header lies below size: the offsets read below do not wrap.
        //@ assert 0 <= base && base <= Long.MAX_VALUE - HEADER_SIZE;
        if (u8(base) != 0x7f || u8(base + 1) != 'E' || u8(base + 2) != 'L' || u8(base + 3) != 'F') {
            return BAD_MAGIC;
        }
        if (u8(base + 4) != 2) {
            return NOT_64_BIT;
        }
        if (u8(base + 5) != 1) {
            return NOT_LITTLE_ENDIAN;
        }
        if (u8(base + 6) != 1 || u32(base + 20) != 1) {
            return BAD_VERSION;
        }
        if (u16(base + 18) != EM_X86_64) {
            return NOT_X86_64;
        }
        if (u16(base + 16) != ET_EXEC) {
            return NOT_EXECUTABLE;
        }
        return checkHeaderTable(base, length);
    }

    /*@ private normal_behavior
      @ ensures \result == OK || \result == BAD_PROGRAM_HEADERS;
      @ assignable \strictly_nothing;
      @*/
    private /*@ pure @*/ int checkHeaderTable(long base, long length) {
        long phoff = load64(header(base, 32));
        int n = u16(header(base, 56));
        if (u16(header(base, 54)) != PHDR_SIZE || n < 1 || n > MAX_PHDRS) {
            return BAD_PROGRAM_HEADERS;
        }
        //@ assert 0 <= (long) n * PHDR_SIZE && (long) n * PHDR_SIZE <= (long) MAX_PHDRS * PHDR_SIZE;
        if (phoff < 0 || phoff % 8 != 0 || phoff > length || (long) n * PHDR_SIZE > length - phoff) {
            return BAD_PROGRAM_HEADERS;
        }
        return OK;
    }

    /*@ private normal_behavior
      @ ensures \result <= OK && \result >= BAD_SEGMENT_COUNT;
      @ assignable \strictly_nothing;
      @*/
    private /*@ pure @*/ int checkSegments(long base, long length, long limit) {
        int n = headers(base);
        int loads = 0;
        /*@ loop_invariant 0 <= i && i <= n && 0 <= loads && loads <= i && \invariant_for(this);
          @ decreases n - i;
          @ assignable \strictly_nothing;
          @*/
        for (int i = 0; i < n; i++) {
            int type = type(base, i);
            if (type == PT_INTERP || type == PT_DYNAMIC) {
                return NOT_STATIC;
            }
            if (isLoad(base, i)) {
                int e = checkSegment(base, length, limit, i);
                if (e != OK) {
                    return e;
                }
                if (overlapsEarlier(base, i)) {
                    return OVERLAP;
                }
                loads++;
            }
        }
        return loads < 1 || loads > MAX_SEGMENTS ? BAD_SEGMENT_COUNT : OK;
    }

    /*@ private normal_behavior
      @ requires 0 <= i && i < MAX_PHDRS;
      @ ensures \result == OK || (\result <= SEGMENT_OUTSIDE_FILE && \result >= OUTSIDE_USER);
      @ assignable \strictly_nothing;
      @*/
    private /*@ pure @*/ int checkSegment(long base, long length, long limit, int i) {
        long off = fileOffset(base, i);
        long filesz = fileSize(base, i);
        long memsz = memorySize(base, i);
        long va = vaddr(base, i);
        if (off < 0 || filesz < 0 || off > length || filesz > length - off) {
            return SEGMENT_OUTSIDE_FILE;
        }
        if (memsz < 0 || filesz > memsz || memsz > MemoryManager.MAX_PAGES * Pte.PAGE) {
            return BAD_SEGMENT_SIZE;
        }
        if (va % Pte.PAGE != 0) {
            return NOT_ALIGNED;
        }
        long span = (long) pages(base, i) * Pte.PAGE;
        if (va < MemoryManager.USER_BASE || limit < Long.MIN_VALUE + span || va > limit - span) {
            return OUTSIDE_USER;
        }
        return OK;
    }

    /** True when loadable segment {@code i} shares a page with a loadable segment before it. */
    /*@ private normal_behavior
      @ requires 0 <= i && i < MAX_PHDRS;
      @ assignable \strictly_nothing;
      @*/
    private /*@ pure @*/ boolean overlapsEarlier(long base, int i) {
        long start = vaddr(base, i);
        long span = (long) pages(base, i) * Pte.PAGE;
        // checkSegment has put the segment inside user space; a value read now may differ.
        if (start < 0 || start > Long.MAX_VALUE - span) {
            return true;
        }
        long end = start + span;
        /*@ loop_invariant 0 <= j && j <= i && \invariant_for(this);
          @ decreases i - j;
          @ assignable \strictly_nothing;
          @*/
        for (int j = 0; j < i; j++) {
            if (isLoad(base, j)) {
                long s = vaddr(base, j);
                long sspan = (long) pages(base, j) * Pte.PAGE;
                if (s < 0 || s > Long.MAX_VALUE - sspan
                        || (start < s + sspan && s < end)) {
                    return true;
                }
            }
        }
        return false;
    }

    /*@ private normal_behavior
      @ ensures \result == OK || \result == BAD_ENTRY;
      @ assignable \strictly_nothing;
      @*/
    private /*@ pure @*/ int checkEntry(long base) {
        long entry = entry(base);
        int n = headers(base);
        /*@ loop_invariant 0 <= i && i <= n && \invariant_for(this);
          @ decreases n - i;
          @ assignable \strictly_nothing;
          @*/
        for (int i = 0; i < n; i++) {
            if (isLoad(base, i) && (flags(base, i) & PF_X) != 0) {
                long va = vaddr(base, i);
                if (entry >= va && va >= 0 && entry - va < memorySize(base, i)) {
                    return OK;
                }
            }
        }
        return BAD_ENTRY;
    }

    // ---- The header (valid after check) ----

    /*@ public normal_behavior
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ long entry(long base) {
        return load64(header(base, 24));
    }

    /** Number of program headers, at most MAX_PHDRS. */
    /*@ public normal_behavior
      @ ensures 0 <= \result && \result <= MAX_PHDRS;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int headers(long base) {
        int n = u16(header(base, 56));
        return n < 0 ? 0 : n > MAX_PHDRS ? MAX_PHDRS : n;
    }

    /** Pages of every loadable segment together (1 when there is none). */
    /*@ public normal_behavior
      @ ensures \result >= 1 && \result <= MemoryManager.MAX_PAGES;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int totalPages(long base) {
        long sum = 0;
        int n = headers(base);
        /*@ loop_invariant 0 <= i && i <= n && n <= MAX_PHDRS && \invariant_for(this);
          @ loop_invariant 0 <= sum && sum <= i * MemoryManager.MAX_PAGES;
          @ decreases n - i;
          @ assignable \strictly_nothing;
          @*/
        for (int i = 0; i < n; i++) {
            if (isLoad(base, i)) {
                long p = (long) pages(base, i);
                //@ assert 0 <= sum + p && sum + p <= (i + 1) * MemoryManager.MAX_PAGES && sum + p <= Long.MAX_VALUE;
                sum = sum + p;
            }
        }
        return sum < 1 ? 1 : sum > MemoryManager.MAX_PAGES ? (int) MemoryManager.MAX_PAGES : (int) sum;
    }

    /** Number of loadable segments. */
    /*@ public normal_behavior
      @ ensures \result >= 0 && \result <= MAX_PHDRS;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int loadCount(long base) {
        int loads = 0;
        int n = headers(base);
        /*@ loop_invariant 0 <= i && i <= n && n <= MAX_PHDRS && 0 <= loads && loads <= i && \invariant_for(this);
          @ decreases n - i;
          @ assignable \strictly_nothing;
          @*/
        for (int i = 0; i < n; i++) {
            if (isLoad(base, i)) {
                loads++;
            }
        }
        return loads;
    }

    // ---- Program header i (valid after check) ----

    /** True for a PT_LOAD with a non-empty memory image. */
    /*@ public normal_behavior
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ boolean isLoad(long base, int i) {
        return type(base, i) == PT_LOAD && memorySize(base, i) != 0;
    }

    /*@ public normal_behavior
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int type(long base, int i) {
        return load32(phdr(base, i, 0, 4));
    }

    /*@ public normal_behavior
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int flags(long base, int i) {
        return load32(phdr(base, i, 4, 4));
    }

    // The predicates below take a flags word read once by the caller ({@link #flags}): two
    // reads of physical memory need not agree, so a predicate that read it again could not be
    // stated in terms of the caller's value.

    /** True when a segment with flags {@code f} is to be mapped writable (PF_W). */
    /*@ public normal_behavior
      @ ensures \result == ((f & PF_W) != 0);
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ boolean writable(int f) {
        return (f & PF_W) != 0;
    }

    /**
     * True when a segment with flags {@code f} is to be mapped executable (PF_X); otherwise its
     * pages are NX.
     */
    /*@ public normal_behavior
      @ ensures \result == ((f & PF_X) != 0);
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ boolean executable(int f) {
        return (f & PF_X) != 0;
    }

    /*@ public normal_behavior
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ long fileOffset(long base, int i) {
        return load64(phdr(base, i, 8, 8));
    }

    /*@ public normal_behavior
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ long vaddr(long base, int i) {
        return load64(phdr(base, i, 16, 8));
    }

    /*@ public normal_behavior
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ long fileSize(long base, int i) {
        return load64(phdr(base, i, 32, 8));
    }

    /*@ public normal_behavior
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ long memorySize(long base, int i) {
        return load64(phdr(base, i, 40, 8));
    }

    /** Pages segment {@code i} spans from its (aligned) virtual address; 0 when memsz is bad. */
    /*@ public normal_behavior
      @ ensures \result >= 0 && \result <= MemoryManager.MAX_PAGES;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int pages(long base, int i) {
        long m = memorySize(base, i);
        if (m <= 0 || m > MemoryManager.MAX_PAGES * Pte.PAGE) {
            return 0;
        }
        return (int) ((m + Pte.PAGE - 1) / Pte.PAGE);
    }

    // ---- Reads ----

    /** Physical address of byte {@code at} of the ELF header; -1 when the header is not in memory. */
    /*@ private normal_behavior
      @ requires 0 <= at && at < HEADER_SIZE;
      @ ensures \result == -1 || (0 <= \result && \result <= memory.memSize - HEADER_SIZE + at);
      @ assignable \strictly_nothing;
      @*/
    private /*@ pure @*/ long header(long base, int at) {
        long size = memory.size();
        if (base < 0 || base > size - (long) HEADER_SIZE) {
            return -1;
        }
        //@ assert 0 <= base + at && base + at <= size - HEADER_SIZE + at && base + at <= Long.MAX_VALUE;
        return base + (long) at;
    }

    /**
     * Physical address of the {@code width} bytes at {@code at} in program header {@code i}; -1
     * when they are not in physical memory (the table's position is what the file says).
     */
    /*@ private normal_behavior
      @ requires 0 <= at && at <= PHDR_SIZE - width && 0 < width && width <= 8;
      @ ensures \result == -1 || (0 <= \result && \result <= memory.memSize - width);
      @ assignable \strictly_nothing;
      @*/
    private /*@ pure @*/ long phdr(long base, int i, int at, int width) {
        long table = load64(header(base, 32));
        long size = memory.size();
        if (i < 0 || i >= MAX_PHDRS || base < 0 || base > size) {
            return -1;
        }
        // Each difference and sum below is bounded by size; spelled out for the prover.
        //@ assert 0 <= size - base && size - base <= size;
        long room = size - base;
        if (table < 0 || table > room) {
            return -1;
        }
        //@ assert 0 <= room - table && room - table <= room && -8 <= room - table - width && room - table - width <= room;
        //@ assert 0 <= (long) i * PHDR_SIZE && (long) i * PHDR_SIZE <= (long) MAX_PHDRS * PHDR_SIZE;
        //@ assert 0 <= (long) i * PHDR_SIZE + at && (long) i * PHDR_SIZE + at <= (long) MAX_PHDRS * PHDR_SIZE;
        long rel = (long) i * (long) PHDR_SIZE + (long) at;
        if (rel > room - table - (long) width) {
            return -1;
        }
        //@ assert 0 <= base + table && base + table <= size && 0 <= base + table + rel && base + table + rel <= size - width;
        return base + table + rel;
    }

    /*@ private normal_behavior
      @ ensures 0 <= \result && \result <= 0xff;
      @ assignable \strictly_nothing;
      @*/
    private /*@ pure @*/ int u8(long pa) {
        if (pa < 0 || pa > memory.size() - 1) {
            return 0;
        }
        // The machine zero-extends a byte load (PhysicalMemory's contract); the mask stays
        // for a machine that would not, and is taken only then.
        int v = memory.load8(pa);
        return v >= 0 && v <= 0xff ? v : v & 0xff;
    }

    /*@ private normal_behavior
      @ ensures 0 <= \result && \result <= 0xffff;
      @ assignable \strictly_nothing;
      @*/
    private /*@ pure @*/ int u16(long pa) {
        if (pa < 0 || pa > memory.size() - 2) {
            return 0;
        }
        int v = memory.load16(pa);
        return v >= 0 && v <= 0xffff ? v : v & 0xffff;
    }

    /*@ private normal_behavior
      @ assignable \strictly_nothing;
      @*/
    private /*@ pure @*/ long u32(long pa) {
        return load32(pa) & 0xffffffffL;
    }

    /** The 32-bit word at {@code pa}; 0 outside physical memory. */
    /*@ private normal_behavior
      @ assignable \strictly_nothing;
      @*/
    private /*@ pure @*/ int load32(long pa) {
        return pa >= 0 && pa <= memory.size() - 4 ? memory.load32(pa) : 0;
    }

    /** The 64-bit word at {@code pa}; 0 outside physical memory. */
    /*@ private normal_behavior
      @ assignable \strictly_nothing;
      @*/
    private /*@ pure @*/ long load64(long pa) {
        return pa >= 0 && pa <= memory.size() - 8 ? memory.load64(pa) : 0;
    }
}
