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
      @ assignable \nothing;
      @*/
    public Reclaimer(CapabilitySpace caps, Ipc ipc) {
        this.caps = caps;
        this.ipc = ipc;
    }

    /** Deletes (process, slot), destroying the object when it was the last capability to it. */
    /*@ public normal_behavior
      @ requires caps.checkCap(process, slot, CapType.NONE, false, false, false) == Errors.OK;
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
      @ assignable \everything;
      @*/
    public void clear(int process) {
        // Deleting capabilities does not change how many slots a process has.
        int n = caps.slotsPerProcess();
        /*@ loop_invariant 0 <= s && s <= n && \invariant_for(this);
          @ decreases n - s;
          @ assignable \everything;
          @*/
        for (int s = 0; s < n; s++) {
            if (caps.checkCap(process, s, CapType.NONE, false, false, false) == Errors.OK) {
                delete(process, s);
            }
        }
    }
}
