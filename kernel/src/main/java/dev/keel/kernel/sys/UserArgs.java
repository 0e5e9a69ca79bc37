package dev.keel.kernel.sys;

import dev.keel.kernel.Kernel;
import dev.keel.kernel.abi.Errors;
import dev.keel.kernel.mem.AddressSpace;
import dev.keel.kernel.mem.MemoryManager;
import dev.keel.kernel.mem.PageTable;
import dev.keel.kernel.mem.UserMemory;
import dev.keel.kernel.proc.Process;

/**
 * Copying system call arguments that live in user memory into the CPU's scratch buffers. Only
 * reads user memory (paging it in if needed, which user space cannot observe); a bad pointer or
 * length gives BAD_ADDRESS or BAD_LENGTH.
 */
public final class UserArgs {

    private UserArgs() {
    }

    /** Copies {@code len} bytes (at most {@code max} and dst.length) at {@code va} into {@code dst}. */
    // Besides dst, paging in writes only the frame allocator's counts (through the manager, and
    // through its page tables, which share the allocator): that is prepare's frame, named here.
    /*@ public normal_behavior
      @ requires k.user != null && \invariant_for(k.user) && p.space != null && \invariant_for(p.space);
      @ ensures \result == Errors.OK || \result == Errors.BAD_LENGTH || \result == Errors.BAD_ADDRESS || \result == Errors.NO_MEMORY;
      @ ensures \result == Errors.OK ==> 0 <= len && len <= max && len <= dst.length;
      @ assignable dst[*], k.user.mm.frames.top, k.user.mm.frames.free[*], k.user.mm.frames.refs[*],
      @     k.user.mm.frames.stack[*], k.user.mm.tables.frames.top, k.user.mm.tables.frames.free[*],
      @     k.user.mm.tables.frames.refs[*];
      @*/
    public static int readBytes(Kernel k, Process p, long va, long len, long max, byte[] dst) {
        if (len < 0 || len > max || len > dst.length) {
            return Errors.BAD_LENGTH;
        }
        int e = k.user.check(p.space, va, len, false);
        if (e == Errors.OK) {
            e = k.user.prepare(p.space, va, len, false);
        }
        if (e != Errors.OK) {
            return e;
        }
        k.user.copyIn(p.space, va, dst, 0, (int) len);
        return Errors.OK;
    }

    /** Copies {@code n} 64-bit words at {@code va} into {@code dst[0..n)}. */
    /*@ public normal_behavior
      @ requires k.user != null && \invariant_for(k.user) && p.space != null && \invariant_for(p.space);
      @ ensures \result == Errors.OK || \result == Errors.BAD_LENGTH || \result == Errors.BAD_ADDRESS || \result == Errors.NO_MEMORY;
      @ assignable dst[*], k.user.mm.frames.top, k.user.mm.frames.free[*], k.user.mm.frames.refs[*],
      @     k.user.mm.frames.stack[*], k.user.mm.tables.frames.top, k.user.mm.tables.frames.free[*],
      @     k.user.mm.tables.frames.refs[*];
      @*/
    public static int readWords(Kernel k, Process p, long va, int n, long[] dst) {
        if (n < 0 || n > dst.length) {
            return Errors.BAD_LENGTH;
        }
        int e = k.user.check(p.space, va, 8L * n, false);
        if (e == Errors.OK) {
            e = k.user.prepare(p.space, va, 8L * n, false);
        }
        if (e != Errors.OK) {
            return e;
        }
        copyWords(k.user, p.space, va, n, dst);
        return Errors.OK;
    }

    /** Copies the {@code n} words of a checked and prepared range at {@code va} into {@code dst}. */
    // A helper apart from readWords: readLong needs only the user-memory access's parts to be
    // there and each word's address in user space (what check's OK promised), so neither this
    // proof nor its loop carries the access's or the space's whole invariant. The loop's frame
    // names dst's elements only, so the fields read through u are not in it.
    /*@ private normal_behavior
      @ requires u.mm != null && u.mm.tables != null && u.mm.tables.memory != null && u.memory != null;
      @ requires s.root >= 0 && 0 <= n && n <= dst.length;
      @ requires n == 0 || (MemoryManager.USER_BASE <= va && va <= PageTable.USER_TOP - 8L * n);
      @ assignable dst[0 .. dst.length - 1];
      @*/
    private static /*@ helper @*/ void copyWords(UserMemory u, AddressSpace s, long va, int n, long[] dst) {
        /*@ loop_invariant 0 <= i && i <= n;
          @ assignable dst[0 .. dst.length - 1];
          @ decreases n - i;
          @*/
        for (int i = 0; i < n && i < dst.length; i++) {
            // Each bound of the word's address on its own, for the prover, which does not split them.
            //@ assert MemoryManager.USER_BASE <= va + 8L * i;
            //@ assert va + 8L * i <= PageTable.USER_TOP - 8;
            dst[i] = u.readLong(s, va + 8L * i);
        }
    }
}
