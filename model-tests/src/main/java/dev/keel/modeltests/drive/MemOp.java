package dev.keel.modeltests.drive;

/**
 * One memory operation on an address space, in the spec's terms: spaces and pages are the
 * model's (space index from 0, page from 1). {@code odd} makes the address unaligned, which the
 * kernel must refuse.
 */
public sealed interface MemOp {

    /** A page argument: the first page that would trap. */
    int TRAPPING = 0;
    /** A child argument: the first other space with no mappings. */
    int EMPTY = -1;

    int space();

    /** mmap of one page: a reservation, backed on first touch. */
    record Map(int space, int page, boolean writable, boolean odd) implements MemOp { }

    /** munmap of one page. */
    record Unmap(int space, int page, boolean odd) implements MemOp { }

    /** mprotect of one page ({@link #TRAPPING} as for a fault). */
    record Protect(int space, int page, boolean writable) implements MemOp { }

    /**
     * A page fault: an access that trapped. On a page that is not present the access is a write
     * when {@code write}, else a read; on a present page only a write traps. Page {@link #TRAPPING}
     * names the first page of the space that would trap (mapped, and not present or
     * copy-on-write), as a program touching its memory would.
     */
    record Fault(int space, int page, boolean write) implements MemOp { }

    /**
     * The copy-on-write duplication of {@code space} into the empty space {@code child} (fork).
     * Child {@link #EMPTY} names the first other space with no mappings, as fork's new process.
     */
    record Fork(int space, int child) implements MemOp { }

    /** Tears down every mapping of the space (exit, exec). */
    record Release(int space) implements MemOp { }
}
