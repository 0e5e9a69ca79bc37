package dev.keel.kernel;

import dev.keel.kernel.cap.CapType;
import dev.keel.kernel.cap.Capability;
import dev.keel.kernel.ipc.Ipc;
import dev.keel.kernel.sched.Tcb;

/**
 * Invariant self-checks: each subsystem's invariants, checked on every kernel exit when enabled.
 * A broken capability derivation is a security violation; a call cycle among blocked threads is a
 * kernel deadlock; any other broken invariant is corruption. Each panics, naming the check.
 */
public final class SelfCheck {

    private SelfCheck() {
    }

    /** Runs every check; panics on the first that fails. Returns true when all hold. */
    /*@ public normal_behavior
      @ ensures !\result ==> k.panic.panicked();
      @ assignable \everything;
      @*/
    public static boolean run(Kernel k) {
        if (!k.caps.invariantsHold()) {
            k.panic.panic(Panic.SECURITY, "CapabilitySpace.invariantsHold: RightsOnlyDiminish", 1);
            return false;
        }
        if (!k.memory.invariantsHold()) {
            k.panic.panic(Panic.CORRUPTION, "MemoryManager.invariantsHold: NoFrameFreeAndMapped", 2);
            return false;
        }
        if (!k.scheduler.invariantsHold()) {
            k.panic.panic(Panic.CORRUPTION, "Scheduler.invariantsHold: HighestRuns", 3);
            return false;
        }
        if (!k.ipc.invariantsHold() || !repliesPaired(k)) {
            k.panic.panic(Panic.CORRUPTION, "Ipc.invariantsHold: NoMessageLost", 4);
            return false;
        }
        if (!k.processes.invariantsHold()) {
            k.panic.panic(Panic.CORRUPTION, "ProcessManager.invariantsHold: ZombieHasNoThreads", 5);
            return false;
        }
        if (callCycle(k)) {
            k.panic.panic(Panic.DEADLOCK, "Ipc.closesCycle: threads blocked in a call cycle", 6);
            return false;
        }
        if (!processCapsNameRows(k)) {
            k.panic.panic(Panic.CORRUPTION, "Kernel: ProcessCapabilityNamesARow", 7);
            return false;
        }
        return true;
    }

    private static boolean repliesPaired(Kernel k) {
        for (int i = 0; i < k.threads.size(); i++) {
            if (!Ipc.replyPaired(k.threads.at(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The kernel's own invariant: every process capability's object is a row of the process
     * table. Neither the capability space nor the process manager holds both tables to check it.
     */
    private static boolean processCapsNameRows(Kernel k) {
        int rows = k.processes.count();
        for (int g = 0; g < k.caps.size(); g++) {
            Capability c = k.caps.at(g);
            if (c.type() == CapType.PROCESS && (c.object() < 0 || c.object() >= rows)) {
                return false;
            }
        }
        return true;
    }

    /** True when some thread blocked awaiting a reply waits, through reply holders, on itself. */
    private static boolean callCycle(Kernel k) {
        for (int i = 0; i < k.threads.size(); i++) {
            Tcb t = k.threads.at(i);
            if (t.state == Tcb.BLOCKED && t.blockedOn == Tcb.ON_REPLY && waitsOnItself(k, t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean waitsOnItself(Kernel k, Tcb start) {
        Tcb t = start.replyHolder;
        for (int i = 0; i < k.threads.size() && t != null; i++) {
            if (t == start) {
                return true;
            }
            t = t.state == Tcb.BLOCKED && t.blockedOn == Tcb.ON_REPLY ? t.replyHolder : null;
        }
        return false;
    }
}
