package dev.keel.kernel.recovery;

import dev.keel.kernel.Kernel;
import dev.keel.kernel.abi.Errors;
import dev.keel.kernel.proc.Process;

/**
 * Process isolation and automatic restart. Every way a process ends (exit, kill, a fault) goes
 * through {@link #terminate}: the process is torn down and its resources reclaimed while the
 * others go on; a registered service is then started again from its module with the initial
 * capabilities kept for it, and finds its checkpoint area as it left it.
 */
public final class Recovery {

    private Recovery() {
    }

    /**
     * Ends {@code p} with {@code status}; restarts it when it is a live service. An orphan is
     * reaped at once, and its free entry may be the one the restart takes: {@code p} is then
     * alive again, as the restarted service.
     */
    /*@ public normal_behavior
      @ requires p.state == Process.ALIVE;
      @ ensures p.state != Process.ALIVE || (\old(p.service) >= 0 && p.service >= 0);
      @ assignable \everything;
      @*/
    public static void terminate(Kernel k, Process p, long status) {
        int svc = p.service;
        boolean service = svc >= 0 && k.services.isLive(svc) && k.services.processOf(svc) == p.index;
        p.service = -1;
        k.processes.exit(p, status);
        if (service) {
            restart(k, svc);
        }
    }

    private static void restart(Kernel k, int svc) {
        ServiceTable s = k.services;
        if (s.restarts(svc) >= ServiceTable.MAX_RESTARTS) {
            retire(k, svc);
            return;
        }
        byte[] none = s.none();
        Process np = k.processes.freeEntry() == null ? null : k.processes.createProcess(
                k.processes.init(), s.moduleOf(svc), s.memoryOf(svc), s.priorityOf(svc), none, 0,
                none, 0);
        if (np == null) {
            retire(k, svc);
            return;
        }
        giveKeptCaps(k, svc, np);
        np.service = svc;
        s.setProcess(svc, np.index);
        s.countRestart(svc);
        k.metrics.restart();
    }

    private static void giveKeptCaps(Kernel k, int svc, Process np) {
        int first = k.services.firstKept(svc);
        int n = k.services.keptCount(svc);
        for (int i = 0; i < n; i++) {
            if (k.caps.checkDerive(0, first + i, np.index, i) == Errors.OK) {
                k.caps.copy(0, first + i, np.index, i);
            }
        }
        np.initialCaps = n;
    }

    /** Gives up on service {@code svc}: its record and kept capabilities go. */
    private static void retire(Kernel k, int svc) {
        int first = k.services.firstKept(svc);
        for (int i = 0; i < k.services.keptCount(svc); i++) {
            if (k.reclaimer.checkDelete(0, first + i) == Errors.OK) {
                k.reclaimer.delete(0, first + i);
            }
        }
        k.services.retire(svc);
    }

    /** OK when {@code target} can be registered as a service now; the first kept slot otherwise. */
    /*@ public normal_behavior
      @ requires \invariant_for(k) && \invariant_for(k.caps) && \invariant_for(k.services);
      @ requires \invariant_for(target);
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ int checkRegister(Kernel k, Process target) {
        if (!target.isAlive() || target.service >= 0) {
            return Errors.BAD_ARGUMENT;
        }
        if (k.services.free() < 0 || keptRun(k, target.initialCapCount()) < 0) {
            return Errors.NO_RESOURCES;
        }
        return Errors.OK;
    }

    /** The first of {@code n} consecutive free kernel slots not kept for a service, or -1. */
    /*@ private normal_behavior
      @ requires \invariant_for(k) && \invariant_for(k.caps) && \invariant_for(k.services);
      @ ensures \result >= -1;
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure @*/ int keptRun(Kernel k, int n) {
        int per = k.caps.slotsPerProcess();
        // A negative count asks for no slots; compared as first <= per - need, nothing wraps.
        int need = n < 0 ? 0 : n;
        if (need > per) {
            return -1;
        }
        return keptFrom(k, 0, need, per);
    }

    /**
     * keptRun from {@code first} on; recursive like runFree, at most a process's slot count deep.
     * The measure stays above runFree's ({@code need}), since the prover compares the two at the call.
     */
    /*@ private normal_behavior
      @ requires \invariant_for(k) && \invariant_for(k.caps) && \invariant_for(k.services);
      @ requires 0 <= need && need <= per && 0 <= first && first <= per - need;
      @ ensures \result >= -1;
      @ measured_by per - first + 1;
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure @*/ int keptFrom(Kernel k, int first, int need, int per) {
        if (runFree(k, first, need)) {
            return first;
        }
        // Tested before the step, so first + 1 cannot wrap even for the largest slot count.
        if (first >= per - need) {
            return -1;
        }
        return keptFrom(k, first + 1, need, per);
    }

    /**
     * True when kernel slots {@code first..first+n-1} are all empty and kept for no service.
     * Recursive rather than a loop: a loop's rule gives the prover an unknown heap to re-prove
     * the invariants in, while a call to a method that writes nothing keeps the heap it had. The
     * depth is {@code n}, at most a process's slot count. Only the bound that keeps first + n
     * from wrapping is required: a slot beyond the process's count is not empty (checkEmpty).
     */
    /*@ private normal_behavior
      @ requires \invariant_for(k) && \invariant_for(k.caps) && \invariant_for(k.services);
      @ requires 0 <= first && 0 <= n && first <= Integer.MAX_VALUE - n;
      @ measured_by n;
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure @*/ boolean runFree(Kernel k, int first, int n) {
        if (n == 0) {
            return true;
        }
        if (k.caps.checkEmpty(0, first) != Errors.OK || k.services.slotKept(first)) {
            return false;
        }
        return runFree(k, first + 1, n - 1);
    }

    /** Registers {@code target} as a service, keeping copies of its initial capabilities. */
    /*@ public normal_behavior
      @ requires checkRegister(k, target) == Errors.OK;
      @ ensures target.service >= 0;
      @ assignable \everything;
      @*/
    public static void register(Kernel k, Process target, int priority) {
        int svc = k.services.free();
        int n = target.initialCaps;
        int first = keptRun(k, n);
        for (int i = 0; i < n; i++) {
            if (k.caps.checkDerive(target.index, i, 0, first + i) == Errors.OK) {
                k.caps.copy(target.index, i, 0, first + i);
            }
        }
        k.services.register(svc, target.index, target.module, priority, target.memory, first, n);
        target.service = svc;
    }
}
