package dev.keel.kernel.ipc;

import org.checkerframework.checker.nullness.qual.Nullable;

/** All messages, allocated at boot; a message is taken when sent and returned when delivered. */
public final class MessagePool {

    /*@ spec_public @*/ private final Message[] messages;

    // Each message keeps its own invariant (its buffer is there).
    //@ public invariant (\forall int i; 0 <= i && i < messages.length; \invariant_for(messages[i]));

    /*@ public normal_behavior
      @ requires count > 0 && bytes > 0;
      @ assignable \nothing;
      @*/
    public MessagePool(int count, int bytes) {
        messages = new Message[count < 1 ? 1 : count];
        /*@ loop_invariant 0 <= i && i <= messages.length;
          @ loop_invariant (\forall int j; 0 <= j && j < i; messages[j] != null && \invariant_for(messages[j]));
          @ assignable messages[*];
          @ decreases messages.length - i;
          @*/
        for (int i = 0; i < messages.length; i++) {
            messages[i] = new Message(i, bytes);
        }
    }

    /**
     * A free message, marked in use; null when none is free. It writes the fields of the message
     * it hands out, which is one of the pool's: the frame names those fields of every message.
     */
    /*@ public normal_behavior
      @ ensures \result == null || (\result.inUse && \result.length == 0 && \result.next == null
      @     && \result.caller == null && !\result.hasCap);
      @ ensures \result != null ==> (\exists int k; 0 <= k && k < messages.length;
      @     messages[k] == \result && !\old(messages[k].inUse));
      @ ensures \result == null ==> (\forall int k; 0 <= k && k < messages.length; messages[k].inUse);
      @ assignable \infinite_union(int k; 0 <= k && k < messages.length;
      @     \locset(messages[k].length, messages[k].label, messages[k].badge, messages[k].hasCap,
      @         messages[k].capSource, messages[k].capType, messages[k].capObject,
      @         messages[k].caller, messages[k].next, messages[k].inUse));
      @*/
    /*@ nullable @*/ public @Nullable Message allocate() {
        /*@ loop_invariant 0 <= i && i <= messages.length;
          @ loop_invariant (\forall int j; 0 <= j && j < i; messages[j].inUse);
          @ assignable \nothing;
          @ decreases messages.length - i;
          @*/
        for (int i = 0; i < messages.length; i++) {
            Message m = messages[i];
            if (!m.inUse) {
                m.reset();
                m.inUse = true;
                return m;
            }
        }
        return null;
    }

    /*@ public normal_behavior
      @ requires \invariant_for(m);
      @ ensures !m.inUse && \invariant_for(m);
      @ assignable m.length, m.label, m.badge, m.hasCap, m.capSource, m.capType, m.capObject, m.caller, m.next, m.inUse;
      @*/
    public void release(Message m) {
        m.reset();
    }

    /*@ public normal_behavior
      @ ensures \result >= 0;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int free() {
        int n = 0;
        /*@ loop_invariant 0 <= i && i <= messages.length && 0 <= n && n <= i;
          @ assignable \strictly_nothing;
          @ decreases messages.length - i;
          @*/
        for (int i = 0; i < messages.length; i++) {
            if (!messages[i].inUse) {
                n++;
            }
        }
        return n;
    }

    /**
     * True when some message is free, so allocate does not fail: the same test as free() != 0,
     * with a result stated over the messages, which a check's OK can hand on to its action.
     */
    /*@ public normal_behavior
      @ ensures \result == (\exists int k; 0 <= k && k < messages.length; !messages[k].inUse);
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ boolean hasFree() {
        /*@ loop_invariant 0 <= i && i <= messages.length;
          @ loop_invariant (\forall int k; 0 <= k && k < i; messages[k].inUse);
          @ assignable \strictly_nothing;
          @ decreases messages.length - i;
          @*/
        for (int i = 0; i < messages.length; i++) {
            if (!messages[i].inUse) {
                return true;
            }
        }
        return false;
    }

    /*@ public normal_behavior
      @ ensures \result == messages.length;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int size() {
        return messages.length;
    }

    /** Lemma: {@code a}, an array of bytes, is not the pool's array of messages. */
    /*@ normal_behavior
      @ requires a != null && messages != null;
      @ ensures (Object) a != (Object) messages;
      @ assignable \strictly_nothing;
      @*/
    /*@ helper @*/ void notMessages(byte[] a) {
    }

    /** Payload bytes of every message. */
    /*@ public normal_behavior
      @ ensures \result >= 0;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int messageBytes() {
        return messages.length > 0 ? messages[0].data.length : 0;
    }
}
