package dev.keel.kernel.sys;

import dev.keel.kernel.Kernel;
import dev.keel.kernel.abi.Errors;
import dev.keel.kernel.cap.Capability;
import dev.keel.kernel.cap.CapType;
import dev.keel.kernel.proc.Process;

/**
 * mmap, munmap, mprotect. Mapping names a memory capability: read right to map at all, write
 * right to map writable (and to make the mapping writable later).
 */
public final class MemCalls {

    private MemCalls() {
    }

    /*@ public normal_behavior
      @ requires k.caps != null && \invariant_for(k.caps);
      @ requires k.memory != null && \invariant_for(k.memory) && p.space != null && \invariant_for(p.space);
      @ assignable \everything;
      @*/
    public static long mmap(Kernel k, Process p, long memSlot, long va, long pages, long writable) {
        if (!CapCalls.isFlag(writable)) {
            return Errors.BAD_ARGUMENT;
        }
        int e = k.caps.checkCap(p.index, memSlot, CapType.MEMORY, true, writable == 1, false);
        if (e != Errors.OK) {
            return e;
        }
        // The checked slot, read once: its object is charged, its write right is the ceiling.
        Capability c = k.caps.at(k.caps.globalSlot(p.index, memSlot));
        int mem = c.object();
        e = k.memory.checkMap(p.space, va, pages, mem);
        if (e != Errors.OK) {
            return e;
        }
        k.memory.map(p.space, va, (int) pages, writable == 1, mem, c.canWrite());
        return va;
    }

    /*@ public normal_behavior
      @ requires k.memory != null && \invariant_for(k.memory) && p.space != null && \invariant_for(p.space);
      @ ensures \result <= 0;
      @ assignable \everything;
      @*/
    public static long munmap(Kernel k, Process p, long va, long pages) {
        int r = k.memory.checkRegion(p.space, va, pages);
        if (r < 0) {
            return r;
        }
        k.memory.unmap(p.space, r);
        return Errors.OK;
    }

    /*@ public normal_behavior
      @ requires k.memory != null && \invariant_for(k.memory) && p.space != null && \invariant_for(p.space);
      @ ensures \result <= 0;
      @ assignable \everything;
      @*/
    public static long mprotect(Kernel k, Process p, long va, long pages, long writable) {
        if (!CapCalls.isFlag(writable)) {
            return Errors.BAD_ARGUMENT;
        }
        int r = k.memory.checkRegion(p.space, va, pages);
        if (r < 0) {
            return r;
        }
        if (writable == 1 && !p.space.regionMayWrite(r)) {
            return Errors.NO_RIGHTS;
        }
        k.memory.protect(p.space, r, writable == 1);
        return Errors.OK;
    }
}
