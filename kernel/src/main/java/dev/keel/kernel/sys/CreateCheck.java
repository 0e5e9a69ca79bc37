package dev.keel.kernel.sys;

import dev.keel.kernel.Kernel;
import dev.keel.kernel.abi.Errors;
import dev.keel.kernel.abi.ProcessSpec;
import dev.keel.kernel.cap.CapType;
import dev.keel.kernel.cap.CapabilitySpace;
import dev.keel.kernel.mem.UserMemory;
import dev.keel.kernel.proc.Process;
import dev.keel.kernel.sched.PerCpu;

/**
 * The rest of create_process once the spec block, name, args and env are in the kernel: the
 * initial capabilities (each needs the grant right), the memory capability, the priority and the
 * pools; then the creation itself.
 */
public final class CreateCheck {

    private CreateCheck() {
    }

    /**
     * OK when the process described by {@code c.words} (module {@code m}) can be created. The
     * dispatcher passes the kernel, the CPU's scratch buffers (the spec block already read into
     * {@code c.words}) and the caller, whose address space is live.
     */
    /*@ public normal_behavior
      @ requires \invariant_for(k) && c.words != null && c.slotList != null && c.words.length >= ProcessSpec.WORDS;
      @ requires k.caps != null && k.user != null && k.scheduler != null && k.processes != null && k.threads != null
      @     && k.memory != null && k.memory.frames != null && k.memory.quotas != null;
      @ requires \invariant_for(k.caps) && \invariant_for(k.user) && p.space != null && \invariant_for(p.space);
      @ requires \invariant_for(k.scheduler) && \invariant_for(k.scheduler.boot.runQueue);
      @ requires \invariant_for(k.processes) && \invariant_for(k.threads);
      @ requires (\forall int j; 1 <= j && j < k.processes.table.length; \invariant_for(k.processes.table[j].space));
      @ requires \invariant_for(k.memory) && \invariant_for(k.memory.frames()) && \invariant_for(k.memory.quotas());
      @ assignable \everything;
      @*/
    public static int check(Kernel k, PerCpu c, Process p, int m) {
        long[] w = c.words;
        // Read before the slot list is filled: both are long arrays of the CPU, which the prover
        // does not tell apart, so after the read it would not know these words unchanged.
        long memSlot = ProcessSpec.word(w, ProcessSpec.MEM_SLOT);
        long prio = ProcessSpec.word(w, ProcessSpec.PRIORITY);
        int pi = row(p);
        // The table's shape is read again after the read: the table is none of the arrays it writes.
        apart(k.caps, k.user, c.slotList);
        int e = checkCaps(k, c, p, ProcessSpec.word(w, ProcessSpec.CAPS_PTR), ProcessSpec.word(w, ProcessSpec.CAPS_COUNT));
        if (e != Errors.OK) {
            return e;
        }
        e = k.caps.checkCap(pi, memSlot, CapType.MEMORY, true, true, false);
        if (e != Errors.OK) {
            return e;
        }
        if (prio < 0 || prio >= k.scheduler.priorities()) {
            return Errors.BAD_ARGUMENT;
        }
        if (k.processes.freeEntry() == null || k.threads.allocate() == null || !k.processes.pidsLeft()) {
            return Errors.NO_RESOURCES;
        }
        if (k.memory.frames().freeCount() < k.processes.framesForImage(m)) {
            return Errors.NO_MEMORY;
        }
        int mem = IpcCalls.cap(k, p, memSlot).object();
        return k.memory.quotas().checkCharge(mem, k.processes.pagesForImage(m));
    }

    /** Reads the slot list into {@code c.slotList}; each slot must hold a capability with grant. */
    // A static helper that requires only what it reads: of the capability table the shape checkCap
    // needs, of the user memory what readWords needs. The loop is a helper of its own, so that
    // the table's shape is shown once after the read, not on each pass with the memory's invariant.
    /*@ private normal_behavior
      @ requires k.caps != null && k.caps.slots != null
      @     && k.caps.slots.length == k.caps.slotsPerProcess * k.caps.processCount;
      @ requires k.caps.slotsPerProcess <= k.caps.slots.length && k.caps.processCount <= k.caps.slots.length;
      @ requires (\forall int i; 0 <= i && i < k.caps.slots.length; k.caps.slots[i] != null);
      @ requires k.user != null && \invariant_for(k.user) && p.space != null && \invariant_for(p.space);
      @ requires c.slotList != null;
      @ ensures \result <= 0;
      @ assignable c.slotList[*], k.user.mm.frames.top, k.user.mm.frames.free[*], k.user.mm.frames.refs[*],
      @     k.user.mm.frames.stack[*], k.user.mm.tables.frames.top, k.user.mm.tables.frames.free[*],
      @     k.user.mm.tables.frames.refs[*];
      @*/
    private static /*@ helper @*/ int checkCaps(Kernel k, PerCpu c, Process p, long ptr, long count) {
        if (count < 0 || count > k.caps.slotsPerProcess() || count > c.slotList.length) {
            return Errors.BAD_LENGTH;
        }
        apart(k.caps, k.user, c.slotList);
        // The row is read by a query: an int field read directly has no range for the prover.
        int pi = row(p);
        int e = UserArgs.readWords(k, p, ptr, (int) count, c.slotList);
        if (e == Errors.OK) {
            e = checkGrants(k.caps, pi, c.slotList, (int) count);
        }
        return e;
    }

    /** The capability-table row of {@code p}. */
    /*@ private normal_behavior
      @ ensures \result == p.index;
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure helper @*/ int row(Process p) {
        return p.index;
    }

    /** OK when each of the first {@code n} slots of {@code list} holds a capability with grant. */
    /*@ private normal_behavior
      @ requires caps.slots != null && caps.slots.length == caps.slotsPerProcess * caps.processCount;
      @ requires caps.slotsPerProcess <= caps.slots.length && caps.processCount <= caps.slots.length;
      @ requires (\forall int i; 0 <= i && i < caps.slots.length; caps.slots[i] != null);
      @ requires list != null;
      @ ensures \result <= 0;
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure helper @*/ int checkGrants(CapabilitySpace caps, int pi, long[] list, int n) {
        int e = Errors.OK;
        /*@ loop_invariant 0 <= i && e <= 0;
          @ assignable \strictly_nothing;
          @ decreases list.length - i;
          @*/
        for (int i = 0; e == Errors.OK && i < n && i < list.length; i++) {
            // The element read by a query: a long array element read directly has no range for the prover.
            e = caps.checkCap(pi, ProcessSpec.word(list, i), CapType.NONE, false, false, true);
        }
        return e;
    }

    /**
     * Lemma: the capability table is none of the arrays that reading the slot list writes. The
     * prover does not tell arrays apart by their types unaided, and splits on each alias.
     */
    /*@ private normal_behavior
      @ requires caps.slots != null;
      @ ensures (Object) caps.slots != (Object) list;
      @ ensures (Object) caps.slots != (Object) u.mm.frames.free && (Object) caps.slots != (Object) u.mm.frames.refs
      @     && (Object) caps.slots != (Object) u.mm.frames.stack;
      @ ensures (Object) caps.slots != (Object) u.mm.tables.frames.free
      @     && (Object) caps.slots != (Object) u.mm.tables.frames.refs
      @     && (Object) caps.slots != (Object) u.mm.tables.frames.stack;
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure helper @*/ void apart(CapabilitySpace caps, UserMemory u, long[] list) {
    }

    /**
     * Creates the process; its pid, or NO_MEMORY when frames ran out (nothing left behind). Runs
     * after {@link #check} said OK on the same words (and the args and env were read): the memory
     * slot holds a memory capability, a process table entry is free, the lengths are in range.
     */
    /*@ public normal_behavior
      @ requires \invariant_for(k) && c.words != null && c.slotList != null && c.words.length >= ProcessSpec.WORDS;
      @ requires c.argsBuffer != null && c.envBuffer != null;
      @ requires \invariant_for(k.caps) && \invariant_for(k.processes);
      @ requires k.caps.checkCap(p.index, c.words[ProcessSpec.MEM_SLOT], CapType.MEMORY, true, true, false) == Errors.OK;
      @ requires k.processes.freeEntry() != null;
      @ requires 0 <= c.words[ProcessSpec.ARGS_LEN] && c.words[ProcessSpec.ARGS_LEN] <= ProcessSpec.ARG_MAX;
      @ requires 0 <= c.words[ProcessSpec.ENV_LEN] && c.words[ProcessSpec.ENV_LEN] <= ProcessSpec.ARG_MAX;
      @ requires 0 <= c.words[ProcessSpec.PRIORITY] && c.words[ProcessSpec.PRIORITY] <= Integer.MAX_VALUE;
      @ requires 0 <= c.words[ProcessSpec.CAPS_COUNT] && c.words[ProcessSpec.CAPS_COUNT] <= c.slotList.length;
      @ assignable \everything;
      @*/
    public static long create(Kernel k, PerCpu c, Process p, int m, long procSlot) {
        long[] w = c.words;
        int mem = IpcCalls.cap(k, p, ProcessSpec.word(w, ProcessSpec.MEM_SLOT)).object();
        Process child = k.processes.createProcess(p, m, mem, (int) ProcessSpec.word(w, ProcessSpec.PRIORITY),
                c.argsBuffer, (int) ProcessSpec.word(w, ProcessSpec.ARGS_LEN), c.envBuffer, (int) ProcessSpec.word(w, ProcessSpec.ENV_LEN));
        if (child == null) {
            return Errors.NO_MEMORY;
        }
        int n = (int) ProcessSpec.word(w, ProcessSpec.CAPS_COUNT);
        for (int i = 0; i < n && i < c.slotList.length; i++) {
            k.caps.copy(p.index, c.slotList[i], child.index, i);
        }
        child.initialCaps = n;
        if (procSlot != -1) {
            k.caps.createObject(p.index, procSlot, CapType.PROCESS, child.index, true, true, true);
        }
        return child.pid;
    }
}
