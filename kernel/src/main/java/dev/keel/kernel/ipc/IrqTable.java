package dev.keel.kernel.ipc;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The interrupt lines and the ports they notify. A line stays masked from its interrupt until
 * user space acknowledges it, so at most one notification per line is outstanding; when the port
 * cannot take it at once, it stays pending and is delivered as soon as the port has room.
 */
public final class IrqTable {

    // Lines without a port hold null; the array itself is always there.
    /*@ spec_public nullable @*/ private final @Nullable Port[] port;
    /*@ spec_public @*/ private final long[] badge;
    /*@ spec_public @*/ private final boolean[] pending;

    //@ public invariant port != null && \typeof(port) == \type(Port[]);
    // One entry per line in each table.
    //@ public invariant badge.length == port.length && pending.length == port.length;

    /*@ public normal_behavior
      @ requires lines >= 0;
      @ assignable \nothing;
      @*/
    public IrqTable(int lines) {
        int n = lines < 0 ? 0 : lines;
        port = new Port[n];
        badge = new long[n];
        pending = new boolean[n];
    }

    // The queries are helpers that require only the array they read, so that a caller which has
    // just written another of the tables (a delivery clears a pending flag) need not show this
    // table's invariant again before it asks.
    /*@ public normal_behavior
      @ requires port != null;
      @ ensures \result == port.length;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure helper @*/ int lines() {
        return port.length;
    }

    /*@ public normal_behavior
      @ requires port != null;
      @ ensures \result == (0 <= line && line < port.length ? port[line] : null);
      @ assignable \strictly_nothing;
      @*/
    /*@ nullable @*/ public /*@ pure helper @*/ @Nullable Port portOf(int line) {
        return line >= 0 && line < port.length ? port[line] : null;
    }

    /*@ public normal_behavior
      @ requires badge != null;
      @ ensures \result == (0 <= line && line < badge.length ? badge[line] : 0);
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure helper @*/ long badgeOf(int line) {
        return line >= 0 && line < badge.length ? badge[line] : 0;
    }

    /*@ public normal_behavior
      @ requires pending != null;
      @ ensures \result == (0 <= line && line < pending.length && pending[line]);
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure helper @*/ boolean isPending(int line) {
        return line >= 0 && line < pending.length && pending[line];
    }

    /*@ public normal_behavior
      @ requires 0 <= line && line < port.length;
      @ ensures portOf(line) == p && port[line] == p && badge[line] == b;
      @ assignable port[line], badge[line];
      @*/
    public void bind(int line, /*@ nullable @*/ @Nullable Port p, long b) {
        if (line >= 0 && line < port.length && line < badge.length) {
            port[line] = p;
            badge[line] = b;
        }
    }

    /*@ public normal_behavior
      @ ensures 0 <= line && line < pending.length ==> pending[line] == value;
      @ assignable pending[line];
      @*/
    public void setPending(int line, boolean value) {
        if (line >= 0 && line < pending.length) {
            pending[line] = value;
        }
    }

    /** Unbinds every line bound to {@code p} (the port died). */
    /*@ public normal_behavior
      @ assignable port[*];
      @*/
    public void unbindPort(Port p) {
        /*@ loop_invariant 0 <= i && i <= port.length;
          @ assignable port[*];
          @ decreases port.length - i;
          @*/
        for (int i = 0; i < port.length; i++) {
            if (port[i] == p) {
                port[i] = null;
            }
        }
    }
}
