package dev.keel.kernel.proc;

import dev.keel.kernel.abi.Errors;
import dev.keel.kernel.cap.CapType;
import dev.keel.kernel.cap.CapabilitySpace;
import dev.keel.kernel.cap.Capability;
import dev.keel.kernel.ipc.Ipc;
import dev.keel.kernel.ipc.Port;

/**
 * Deleting capabilities with their consequences: when the last capability to a port goes, the
 * port dies and its waiters wake with DEAD_OBJECT (spec DestroyObject). Kept apart from
 * CapabilitySpace so that the capability code does not depend on the object types.
 */
public final class Reclaimer {

    /*@ spec_public @*/ private final CapabilitySpace caps;
    /*@ spec_public @*/ private final Ipc ipc;

    // What deleting a capability may write: the capability table, and what Ipc.destroyPort writes
    // when the last capability to a live port goes. One term, so that the frames of delete and of
    // the slot step are the same set word for word: spelled out in each, the check that the call's
    // frame lies within the caller's split on every field and type and did not close.
    /*@ public model \locset reclaimed;
      @ public represents reclaimed = \set_union(\infinite_union(int g; 0 <= g && g < caps.slots.length; \all_fields(caps.slots[g])),
      @     \set_union(\locset(caps.parent[*]),
      @     \set_union(\infinite_union(Port x; \all_fields(x)),
      @     \set_union(\infinite_union(dev.keel.kernel.sched.ThreadQueue q; \all_fields(q)),
      @     \set_union(\infinite_union(dev.keel.kernel.sched.Tcb x; \all_fields(x)),
      @     \set_union(\infinite_union(dev.keel.kernel.sched.Tcb x; x.regs[*]),
      @     \set_union(\infinite_union(dev.keel.kernel.ipc.Message x; \all_fields(x)),
      @     \set_union(\infinite_union(dev.keel.kernel.sched.PerCpu c; \all_fields(c)),
      @     \set_union(\locset(ipc.scheduler.trace.ops),
      @     \set_union(\locset(ipc.scheduler.trace.overflow),
      @     \set_union(\locset(ipc.scheduler.trace.opKind[*]),
      @     \set_union(\locset(ipc.scheduler.trace.opThread[*]),
      @     \set_union(\locset(ipc.scheduler.trace.opGeneration[*]),
      @     \locset(ipc.irqs.port[*]))))))))))))));
      @*/

    /*@ public normal_behavior
      @ ensures this.caps == caps && this.ipc == ipc;
      @ assignable \nothing;
      @*/
    public Reclaimer(CapabilitySpace caps, Ipc ipc) {
        this.caps = caps;
        this.ipc = ipc;
    }

    /** The capability space's process count, for a caller's range test before {@link #checkDelete}. */
    /*@ public normal_behavior
      @ requires caps != null;
      @ ensures \result == caps.processCount;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure helper @*/ int processCount() {
        return caps.processCount();
    }

    /**
     * OK when (process, slot) holds a capability {@link #delete} may remove; otherwise why not
     * (checkCap's reason). A caller tests this and meets delete's precondition with the result.
     */
    // OK is stated "if and only if" over the capability space's fields (checkCap's verdict for
    // no type and no rights): a caller's test of the result and delete's requires then meet, and
    // the proof need not evaluate checkCap inside its own postcondition.
    /*@ public normal_behavior
      @ requires \invariant_for(caps);
      @ ensures \result == Errors.OK <==> (0 <= process && process < caps.processCount && 0 <= slot && slot < caps.slotsPerProcess
      @     && process * caps.slotsPerProcess + slot < caps.slots.length
      @     && caps.slots[process * caps.slotsPerProcess + slot].type != CapType.NONE);
      @ ensures \result <= 0;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int checkDelete(int process, long slot) {
        return caps.checkCap(process, slot, CapType.NONE, false, false, false);
    }

    /** Deletes (process, slot), destroying the object when it was the last capability to it. */
    // The requires is checkDelete's OK written out over the fields, as its "if and only if"
    // states it, so that a caller's test of checkDelete meets it without evaluating the query.
    // The frame is what it writes: the capability table (CapabilitySpace.delete's frame, over any
    // slot), and what Ipc.destroyPort writes when the last capability to a live port goes. A
    // caller (a process's exit) then keeps its own fields, the address spaces and the memory
    // manager across the call.
    /*@ public normal_behavior
      @ requires \invariant_for(caps);
      @ requires 0 <= process && process < caps.processCount && 0 <= slot && slot < caps.slotsPerProcess
      @     && process * caps.slotsPerProcess + slot < caps.slots.length
      @     && caps.slots[process * caps.slotsPerProcess + slot].type != CapType.NONE;
      @ ensures \invariant_for(caps);
      @ assignable reclaimed;
      @*/
    public void delete(int process, long slot) {
        apart(this);
        Capability c = caps.at(caps.globalSlot(process, slot));
        int type = c.type();
        int object = c.object();
        if (caps.delete(process, slot)) {
            destroy(type, object);
        }
    }

    /** Destroys object (type, object) after its last capability went. */
    private void destroy(int type, int object) {
        if (type == CapType.PORT) {
            Port p = ipc.port(object);
            if (p != null && p.live) {
                ipc.destroyPort(p);
            }
        }
    }

    /** Deletes every capability of {@code process}. */
    /*@ public normal_behavior
      @ requires \invariant_for(caps);
      @ ensures \invariant_for(caps);
      @ assignable \everything;
      @*/
    public void clear(int process) {
        // Deleting capabilities does not change how many slots a process has.
        int n = caps.slotsPerProcess();
        /*@ loop_invariant 0 <= s && s <= n && \invariant_for(this) && \invariant_for(caps);
          @ decreases n - s;
          @ assignable \everything;
          @*/
        for (int s = 0; s < n; s++) {
            clearSlot(process, s);
        }
    }

    /** Deletes (process, slot) when it holds a capability. */
    // Its own method, so that the loop's body is one call that hands the capability space's
    // invariant back whole, on either branch.
    /*@ private normal_behavior
      @ requires \invariant_for(caps);
      @ ensures \invariant_for(caps);
      @ assignable reclaimed;
      @*/
    private void clearSlot(int process, int slot) {
        apart(this);
        if (checkDelete(process, slot) == Errors.OK) {
            delete(process, slot);
        }
    }

    /**
     * Lemma: the reclaimer, its capability space and its IPC are no thread queue, thread, port,
     * message or CPU record. The frame of a port's teardown takes in every field of those; the
     * prover does not tell objects of unrelated classes apart unaided, and this says the fields
     * read here were not among them.
     */
    /*@ private normal_behavior
      @ requires r != null;
      @ ensures (\forall dev.keel.kernel.sched.ThreadQueue q; q != null ==> (Object) q != (Object) r
      @     && (Object) q != (Object) r.caps && (Object) q != (Object) r.ipc);
      @ ensures (\forall dev.keel.kernel.sched.Tcb t; t != null ==> (Object) t != (Object) r
      @     && (Object) t != (Object) r.caps && (Object) t != (Object) r.ipc);
      @ ensures (\forall Port x; x != null ==> (Object) x != (Object) r
      @     && (Object) x != (Object) r.caps && (Object) x != (Object) r.ipc);
      @ ensures (\forall dev.keel.kernel.ipc.Message m; m != null ==> (Object) m != (Object) r
      @     && (Object) m != (Object) r.caps && (Object) m != (Object) r.ipc);
      @ ensures (\forall dev.keel.kernel.sched.PerCpu c; c != null ==> (Object) c != (Object) r
      @     && (Object) c != (Object) r.caps && (Object) c != (Object) r.ipc);
      @ assignable \strictly_nothing;
      @*/
    /*@ helper @*/ private static void apart(Reclaimer r) {
    }
}
