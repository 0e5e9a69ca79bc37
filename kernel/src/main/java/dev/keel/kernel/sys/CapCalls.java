package dev.keel.kernel.sys;

import dev.keel.kernel.Kernel;
import dev.keel.kernel.abi.Errors;
import dev.keel.kernel.cap.CapType;
import dev.keel.kernel.cap.Capability;
import dev.keel.kernel.cap.CapabilitySpace;
import dev.keel.kernel.proc.Process;
import dev.keel.kernel.sched.Tcb;

/** cap_mint, cap_copy, cap_move, cap_delete, cap_revoke, cap_identify: decode, then act. */
public final class CapCalls {

    private CapCalls() {
    }

    /** A rights flag must be 0 or 1. */
    // Stated as a range, which is the same set: "v == 0 || v == 1" is a disjunction the prover
    // splits on, once per flag, and each branch then proves the rest of the caller again.
    /*@ public normal_behavior
      @ ensures \result == (0 <= v && v <= 1);
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ boolean isFlag(long v) {
        return v == 0 || v == 1;
    }

    /** cap_mint's rights flags and badge: each flag 0 or 1, the badge not negative. */
    // One call and one test rather than four: mint's proof then has one path to BAD_ARGUMENT.
    /*@ private normal_behavior
      @ ensures \result == (0 <= r && r <= 1 && 0 <= w && w <= 1 && 0 <= g && g <= 1 && badge >= 0);
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure helper @*/ boolean mintArguments(long r, long w, long g, long badge) {
        return isFlag(r) && isFlag(w) && isFlag(g) && badge >= 0;
    }

    // What checkDerive requires, stated as in copy.
    /*@ public normal_behavior
      @ requires k.caps != null && \invariant_for(k.caps);
      @ requires k.caps.slots != null && k.caps.slots.length == k.caps.slotsPerProcess * k.caps.processCount;
      @ requires k.caps.slotsPerProcess <= k.caps.slots.length && k.caps.processCount <= k.caps.slots.length;
      @ requires (\forall int i; 0 <= i && i < k.caps.slots.length; k.caps.slots[i] != null);
      @ ensures \result <= 0;
      @ assignable \everything;
      @*/
    public static long mint(Kernel k, Process p, long src, long dst, long r, long w, long g,
            long badge) {
        CapabilitySpace caps = k.caps;
        int pi = p.index;
        if (pi < 0 || pi >= caps.processCount()) {
            return Errors.BAD_SLOT;
        }
        int e = caps.checkDerive(pi, src, pi, dst);
        if (e != Errors.OK) {
            return e;
        }
        //@ assert pi * caps.slotsPerProcess + src < caps.slots.length && pi * caps.slotsPerProcess + dst < caps.slots.length;
        if (!mintArguments(r, w, g, badge)) {
            return Errors.BAD_ARGUMENT;
        }
        mintChecked(caps, pi, src, dst, r == 1, w == 1, g == 1, badge);
        return Errors.OK;
    }

    /**
     * The mint itself, once every check has passed. Its own method so that each proof shows the
     * capability space's invariant once: mint's where it calls this, this one's at the call into
     * the capability space.
     */
    // Both global slot numbers in range, as checkDerive ensures: stated, the prover need not find
    // the product bound (pi * per + per <= processCount * per) itself.
    /*@ private normal_behavior
      @ requires \invariant_for(caps);
      @ requires 0 <= pi && pi < caps.processCount && 0 <= src && src < caps.slotsPerProcess;
      @ requires 0 <= dst && dst < caps.slotsPerProcess;
      @ requires caps.slots[pi * caps.slotsPerProcess + src].type != CapType.NONE;
      @ requires caps.slots[pi * caps.slotsPerProcess + dst].type == CapType.NONE;
      @ requires pi * caps.slotsPerProcess + src < caps.slots.length && pi * caps.slotsPerProcess + dst < caps.slots.length;
      @ assignable \all_fields(caps.slots[pi * caps.slotsPerProcess + dst]), caps.parent[pi * caps.slotsPerProcess + dst];
      @*/
    private static void mintChecked(CapabilitySpace caps, int pi, long src, long dst, boolean read,
            boolean write, boolean grant, long badge) {
        caps.mint(pi, src, pi, dst, read, write, grant, badge);
    }

    // What checkDerive requires is implied by the invariant; stated, the proof need not unfold
    // the invariant to find it (7,340 steps rather than 9,784).
    /*@ public normal_behavior
      @ requires k.caps != null && \invariant_for(k.caps);
      @ requires k.caps.slots != null && k.caps.slots.length == k.caps.slotsPerProcess * k.caps.processCount;
      @ requires k.caps.slotsPerProcess <= k.caps.slots.length && k.caps.processCount <= k.caps.slots.length;
      @ requires (\forall int i; 0 <= i && i < k.caps.slots.length; k.caps.slots[i] != null);
      @ ensures \result <= 0;
      @ assignable \everything;
      @*/
    public static long copy(Kernel k, Process p, long src, long dst) {
        CapabilitySpace caps = k.caps;
        int pi = p.index;
        if (pi < 0 || pi >= caps.processCount()) {
            return Errors.BAD_SLOT;
        }
        int e = caps.checkDerive(pi, src, pi, dst);
        if (e != Errors.OK) {
            return e;
        }
        caps.copy(pi, src, pi, dst);
        return Errors.OK;
    }

    /*@ public normal_behavior
      @ requires k.caps != null && \invariant_for(k.caps);
      @ ensures \result <= 0;
      @ assignable \everything;
      @*/
    public static long move(Kernel k, Process p, long src, long dst) {
        CapabilitySpace caps = k.caps;
        int pi = p.index;
        if (pi < 0 || pi >= caps.processCount()) {
            return Errors.BAD_SLOT;
        }
        int e = caps.checkDerive(pi, src, pi, dst);
        if (e != Errors.OK) {
            return e;
        }
        // Full source, empty destination: two slots (move's precondition), shown on its own.
        //@ assert src != dst;
        caps.move(pi, src, pi, dst);
        return Errors.OK;
    }

    /*@ public normal_behavior
      @ requires k.reclaimer != null && \invariant_for(k.reclaimer.caps);
      @ requires \invariant_for(k.reclaimer);
      @ ensures \result <= 0;
      @ assignable \everything;
      @*/
    public static long delete(Kernel k, Process p, long slot) {
        // The process test is checkCap's own first test (same BAD_SLOT), made here as in copy and
        // move so that the index is a checked int before it is passed on.
        int pi = p.index;
        if (pi < 0 || pi >= k.reclaimer.processCount()) {
            return Errors.BAD_SLOT;
        }
        // The same check as checkCap(pi, slot, NONE, no rights), in the form delete requires.
        int e = k.reclaimer.checkDelete(pi, slot);
        if (e != Errors.OK) {
            return e;
        }
        k.reclaimer.delete(pi, slot);
        return Errors.OK;
    }

    /*@ public normal_behavior
      @ requires k.caps != null && \invariant_for(k.caps);
      @ ensures \result <= 0;
      @ assignable \everything;
      @*/
    public static long revoke(Kernel k, Process p, long slot) {
        int pi = p.index;
        if (pi < 0 || pi >= k.caps.processCount()) {
            return Errors.BAD_SLOT;
        }
        int e = k.caps.checkCap(pi, slot, CapType.NONE, false, false, false);
        if (e != Errors.OK) {
            return e;
        }
        k.caps.revoke(pi, slot);
        return Errors.OK;
    }

    /** r0 = type, r1 = rights (read 1 + write 2 + grant 4), r2 = badge, r3 = object. */
    /*@ public normal_behavior
      @ requires k.caps != null && \invariant_for(k.caps) && \invariant_for(t);
      @ assignable t.regs[*];
      @*/
    public static long identify(Kernel k, Tcb t, Process p, long slot) {
        // checkCap says BAD_SLOT for a process number out of range too; tested first here because
        // the prover knows no range of an int field.
        int pi = p.index;
        if (pi < 0 || pi >= k.caps.processCount()) {
            return Errors.BAD_SLOT;
        }
        int e = k.caps.checkCap(pi, slot, CapType.NONE, false, false, false);
        if (e != Errors.OK) {
            return e;
        }
        Capability c = k.caps.at(k.caps.globalSlot(pi, slot));
        t.setResult(c.type(), rights(c), c.badge(), c.object());
        return c.type();
    }

    /** The rights of {@code c} as identify reports them: read 1 + write 2 + grant 4. */
    /*@ private normal_behavior
      @ ensures 0 <= \result && \result <= 7;
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure helper @*/ long rights(Capability c) {
        long r = 0;
        if (c.canRead()) {
            r = 1;
        }
        if (c.canWrite()) {
            r = r + 2;
        }
        if (c.canGrant()) {
            r = r + 4;
        }
        return r;
    }
}
