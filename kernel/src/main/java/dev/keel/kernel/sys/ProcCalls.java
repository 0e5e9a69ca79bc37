package dev.keel.kernel.sys;

import dev.keel.kernel.Kernel;
import dev.keel.kernel.abi.Errors;
import dev.keel.kernel.abi.ProcessSpec;
import dev.keel.kernel.cap.CapType;
import dev.keel.kernel.mem.MemoryManager;
import dev.keel.kernel.mem.PageTable;
import dev.keel.kernel.proc.Process;
import dev.keel.kernel.recovery.Recovery;
import dev.keel.kernel.sched.PerCpu;
import dev.keel.kernel.sched.Tcb;

/**
 * fork, exec, exit, wait, create_process, kill, thread_create, getpid, yield, set_priority,
 * set_realtime. Handlers that leave the caller's registers set themselves return
 * {@link SyscallDispatcher#KEEP}.
 */
public final class ProcCalls {

    private ProcCalls() {
    }

    /*@ public normal_behavior
      @ assignable \everything;
      @*/
    public static long fork(Kernel k, Tcb t) {
        int e = k.processes.checkFork(t);
        return e != Errors.OK ? e : k.processes.fork(t);
    }

    /** Reads an executable name and finds its module; the module number, or an error (NOT_FOUND, BAD_EXECUTABLE). */
    static int module(Kernel k, PerCpu c, Process p, long namePtr, long nameLen) {
        if (nameLen < 1) {
            return Errors.BAD_LENGTH;
        }
        int e = UserArgs.readBytes(k, p, namePtr, nameLen, ProcessSpec.NAME_MAX, c.nameBuffer);
        if (e != Errors.OK) {
            return e;
        }
        return k.processes.findModule(c.nameBuffer, (int) nameLen);
    }

    /** Reads args and env into the CPU's buffers. */
    static int argsAndEnv(Kernel k, PerCpu c, Process p, long argsPtr, long argsLen, long envPtr,
            long envLen) {
        int e = UserArgs.readBytes(k, p, argsPtr, argsLen, ProcessSpec.ARG_MAX, c.argsBuffer);
        if (e == Errors.OK) {
            e = UserArgs.readBytes(k, p, envPtr, envLen, ProcessSpec.ARG_MAX, c.envBuffer);
        }
        return e;
    }

    /*@ public normal_behavior
      @ assignable \everything;
      @*/
    public static long execProgram(Kernel k, PerCpu c, Tcb t, Process p, long namePtr, long nameLen,
            long argsPtr, long argsLen, long envPtr, long envLen) {
        int m = module(k, c, p, namePtr, nameLen);
        if (m < 0) {
            return m;
        }
        int e = argsAndEnv(k, c, p, argsPtr, argsLen, envPtr, envLen);
        if (e == Errors.OK) {
            e = k.processes.checkExec(t, m);
        }
        if (e != Errors.OK) {
            return e;
        }
        e = k.processes.execProgram(t, m, c.argsBuffer, (int) argsLen, c.envBuffer, (int) envLen);
        return e == Errors.OK ? SyscallDispatcher.KEEP : e;
    }

    /*@ public normal_behavior
      @ requires p.state == Process.ALIVE;
      @ assignable \everything;
      @*/
    public static long exit(Kernel k, Process p, long status) {
        Recovery.terminate(k, p, status);
        return SyscallDispatcher.KEEP;
    }

    // Only the process manager is read: the kernel's invariant, unfolded, instantiates its
    // quantifier over the capability slots at every index of the proof.
    /*@ public normal_behavior
      @ requires k.processes != null && \invariant_for(k.processes) && t.owner == p;
      @ assignable \everything;
      @*/
    public static long waitChild(Kernel k, Tcb t, Process p, long pid) {
        if (pid < -1 || pid == 0 || pid > Integer.MAX_VALUE) {
            return Errors.BAD_ARGUMENT;
        }
        int e = k.processes.checkWait(p, pid);
        if (e != Errors.OK) {
            return e;
        }
        k.processes.waitChild(t, pid);
        return SyscallDispatcher.KEEP;
    }

    /*@ public normal_behavior
      @ assignable \everything;
      @*/
    public static long createProcess(Kernel k, PerCpu c, Process p, long specPtr, long procSlot) {
        int e = UserArgs.readWords(k, p, specPtr, ProcessSpec.WORDS, c.words);
        if (e == Errors.OK && procSlot != -1) {
            e = k.caps.checkEmpty(p.index, procSlot);
        }
        if (e != Errors.OK) {
            return e;
        }
        long[] w = c.words;
        int m = module(k, c, p, ProcessSpec.word(w, ProcessSpec.NAME_PTR), ProcessSpec.word(w, ProcessSpec.NAME_LEN));
        if (m < 0) {
            return m;
        }
        e = argsAndEnv(k, c, p, ProcessSpec.word(w, ProcessSpec.ARGS_PTR), ProcessSpec.word(w, ProcessSpec.ARGS_LEN),
                ProcessSpec.word(w, ProcessSpec.ENV_PTR), ProcessSpec.word(w, ProcessSpec.ENV_LEN));
        if (e == Errors.OK) {
            e = CreateCheck.check(k, c, p, m);
        }
        if (e != Errors.OK) {
            return e;
        }
        return CreateCheck.create(k, c, p, m, procSlot);
    }

    /*@ public normal_behavior
      @ requires \invariant_for(k) && \invariant_for(k.processes);
      @ requires k.caps.slots != null && k.caps.slots.length == k.caps.slotsPerProcess * k.caps.processCount;
      @ requires k.caps.slotsPerProcess <= k.caps.slots.length && k.caps.processCount <= k.caps.slots.length;
      @ requires (\forall int i; 0 <= i && i < k.caps.slots.length; k.caps.slots[i] != null);
      @ assignable \everything;
      @*/
    public static long kill(Kernel k, Process p, long procSlot, long status) {
        // checkCap says BAD_SLOT for a process number out of range too; tested first here because
        // the prover knows no range of an int field.
        int pi = p.index;
        if (pi < 0 || pi >= k.caps.processCount()) {
            return Errors.BAD_SLOT;
        }
        int e = k.caps.checkCap(pi, procSlot, CapType.PROCESS, false, true, false);
        if (e != Errors.OK) {
            return e;
        }
        Process target = k.processes.at(IpcCalls.cap(k, p, procSlot).object());
        if (!target.isAlive()) {
            return Errors.DEAD_OBJECT;
        }
        Recovery.terminate(k, target, status);
        return target == p ? SyscallDispatcher.KEEP : Errors.OK;
    }

    /*@ public normal_behavior
      @ requires \invariant_for(k) && \invariant_for(k.processes) && \invariant_for(p);
      @ requires \invariant_for(k.processes.threads);
      @ requires k.scheduler.boot != null && k.scheduler.boot.runQueue != null && \invariant_for(k.scheduler.boot.runQueue);
      @ assignable \everything;
      @*/
    public static long threadCreate(Kernel k, Process p, long pc, long sp, long priority) {
        if (priority < 0 || priority >= k.scheduler.priorities()) {
            return Errors.BAD_ARGUMENT;
        }
        if (!userAddress(pc) || !userAddress(sp)) {
            return Errors.BAD_ADDRESS;
        }
        return createThread(k, p, pc, sp, (int) priority);
    }

    /**
     * threadCreate once its arguments are checked. Apart, so that the run queue's invariant
     * (which the priority test needs) and the process manager's (which the creation needs) are
     * each shown in a proof of their own.
     */
    /*@ private normal_behavior
      @ requires \invariant_for(k) && \invariant_for(k.processes) && \invariant_for(p);
      @ requires \invariant_for(k.processes.threads);
      @ assignable \everything;
      @*/
    private static long createThread(Kernel k, Process p, long pc, long sp, int priority) {
        int e = k.processes.checkThreadCreate(p);
        return e != Errors.OK ? e : k.processes.threadCreate(p, pc, sp, priority);
    }

    private static boolean userAddress(long va) {
        return va >= MemoryManager.USER_BASE && va < PageTable.USER_TOP;
    }

    /*@ public normal_behavior
      @ requires \invariant_for(k) && \invariant_for(k.scheduler);
      @ ensures \result == Errors.OK;
      @ assignable \everything;
      @*/
    public static long yieldCpu(Kernel k, PerCpu c) {
        k.scheduler.yieldCurrent(c);
        return Errors.OK;
    }

    // The boot CPU's run queue keeps its invariant between kernel entries; the scheduler's
    // invariant leaves it out, and priorities() needs it. The queue is named non-null as well:
    // PerCpu's non-null fields are not known in a proof of this class.
    /*@ public normal_behavior
      @ requires \invariant_for(k) && \invariant_for(k.scheduler);
      @ requires k.scheduler.boot.runQueue != null && \invariant_for(k.scheduler.boot.runQueue);
      @ ensures \result <= 0;
      @ assignable \everything;
      @*/
    public static long setPriority(Kernel k, Tcb t, long priority) {
        if (priority < 0 || priority >= k.scheduler.priorities()) {
            return Errors.BAD_ARGUMENT;
        }
        k.scheduler.setPriority(t, (int) priority);
        return Errors.OK;
    }

    /*@ public normal_behavior
      @ requires \invariant_for(k) && \invariant_for(k.scheduler);
      @ ensures \result <= 0;
      @ assignable \everything;
      @*/
    public static long setRealtime(Kernel k, Tcb t, long budget, long period) {
        int e = k.scheduler.checkRealtime(t, budget, period);
        if (e != Errors.OK) {
            return e;
        }
        k.scheduler.setRealtime(t, (int) budget, (int) period);
        return Errors.OK;
    }
}
