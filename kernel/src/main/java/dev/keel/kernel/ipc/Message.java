package dev.keel.kernel.ipc;

import org.checkerframework.checker.nullness.qual.Nullable;

import dev.keel.kernel.sched.Tcb;

/**
 * One message in flight (spec/Ipc.tla: an element of {@code queue[port]}): a label, the badge of
 * the sender's capability, a payload, and optionally one capability being transferred.
 * Allocated from {@link MessagePool}.
 */
public final class Message {

    public final int id;
    public final byte[] data;
    public int length;
    public long label;
    public long badge;

    // The capability being transferred: its source slot and what the source held when sent.
    public boolean hasCap;
    public int capSource;
    public int capType;
    public int capObject;

    /** For a call: the caller, who gets the one-shot reply capability's answer. */
    /*@ nullable @*/ public @Nullable Tcb caller;

    /*@ nullable @*/ public @Nullable Message next;
    public boolean inUse;

    /*@ public normal_behavior
      @ requires bytes >= 0;
      @ ensures this.id == id && data.length == bytes && !inUse;
      @ assignable \nothing;
      @*/
    public Message(int id, int bytes) {
        this.id = id;
        this.data = new byte[bytes < 0 ? 0 : bytes];
    }

    /** Forgets everything but the buffer, for reuse. */
    /*@ public normal_behavior
      @ ensures !inUse && caller == null && next == null && !hasCap && length == 0;
      @ assignable length, label, badge, hasCap, capSource, capType, capObject, caller, next, inUse;
      @*/
    public void reset() {
        length = 0;
        label = 0;
        badge = 0;
        hasCap = false;
        capSource = -1;
        capType = 0;
        capObject = 0;
        caller = null;
        next = null;
        inUse = false;
    }
}
