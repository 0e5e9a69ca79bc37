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
    /*@ public normal_behavior
      @ requires \invariant_for(caps);
      @ requires 0 <= process && process < caps.processCount && 0 <= slot && slot < caps.slotsPerProcess
      @     && process * caps.slotsPerProcess + slot < caps.slots.length
      @     && caps.slots[process * caps.slotsPerProcess + slot].type != CapType.NONE;
      @ ensures \invariant_for(caps);
      @ assignable \everything;
      @*/
    public void delete(int process, long slot) {
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
      @ assignable \everything;
      @*/
    private void clearSlot(int process, int slot) {
        if (checkDelete(process, slot) == Errors.OK) {
            delete(process, slot);
        }
    }
}
