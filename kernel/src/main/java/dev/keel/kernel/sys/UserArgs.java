package dev.keel.kernel.sys;

import dev.keel.kernel.Kernel;
import dev.keel.kernel.abi.Errors;
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
        // readLong is a helper that needs only the user-memory access's parts to be there;
        // the loop states those, not the access's whole invariant.
        /*@ loop_invariant 0 <= i && i <= n && k.user.mm != null && k.user.mm.tables != null
          @     && k.user.mm.tables.memory != null && k.user.memory != null;
          @ assignable dst[*];
          @ decreases n - i;
          @*/
        for (int i = 0; i < n && i < dst.length; i++) {
            dst[i] = k.user.readLong(p.space, va + 8L * i);
        }
        return Errors.OK;
    }
}
