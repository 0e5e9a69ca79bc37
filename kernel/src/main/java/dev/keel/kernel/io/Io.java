package dev.keel.kernel.io;

import dev.keel.kernel.Kernel;
import dev.keel.kernel.abi.Errors;
import dev.keel.kernel.abi.IoProtocol;
import dev.keel.kernel.cap.CapType;
import dev.keel.kernel.cap.Capability;
import dev.keel.kernel.ipc.Port;
import dev.keel.kernel.proc.Process;
import dev.keel.kernel.sched.Tcb;

/**
 * open, read, write and close: the kernel turns each into a call to an I/O server's port named by
 * a capability in the caller's space (see {@link IoProtocol}), and finishes it when the server
 * replies. open needs an unbadged port capability with write right; the file it returns is a
 * badged copy (read and write, no grant) in a free slot of the caller.
 */
public final class Io {

    private Io() {
    }

    /*@ public normal_behavior
      @ ensures \result <= 0;
      @ assignable \everything;
      @*/
    public static long open(Kernel k, Tcb t, Process p, long serverSlot, long pathPtr, long pathLen,
            long flags) {
        int e = k.caps.checkCap(p.index, serverSlot, CapType.PORT, false, true, false);
        if (e != Errors.OK) {
            return e;
        }
        if (cap(k, p, serverSlot).badge() != 0 || flags < 0 || flags > 255) {
            return Errors.BAD_ARGUMENT;
        }
        if (pathLen < 1) {
            return Errors.BAD_LENGTH;
        }
        if (k.caps.firstFree(p.index) < 0) {
            return Errors.NO_RESOURCES;
        }
        return request(k, t, p, serverSlot, IoProtocol.OPEN, flags, pathPtr, pathLen, 0);
    }

    /*@ public normal_behavior
      @ ensures \result <= 0;
      @ assignable \everything;
      @*/
    public static long read(Kernel k, Tcb t, Process p, long fileSlot, long buf, long len) {
        int e = checkFile(k, p, fileSlot, true, false);
        if (e != Errors.OK) {
            return e;
        }
        return request(k, t, p, fileSlot, IoProtocol.READ, len < 0 ? 0 : len, buf, 0, len);
    }

    /*@ public normal_behavior
      @ ensures \result <= 0;
      @ assignable \everything;
      @*/
    public static long write(Kernel k, Tcb t, Process p, long fileSlot, long buf, long len) {
        int e = checkFile(k, p, fileSlot, false, true);
        if (e != Errors.OK) {
            return e;
        }
        return request(k, t, p, fileSlot, IoProtocol.WRITE, 0, buf, len, 0);
    }

    /*@ public normal_behavior
      @ ensures \result <= 0;
      @ assignable \everything;
      @*/
    public static long close(Kernel k, Tcb t, Process p, long fileSlot) {
        int e = checkFile(k, p, fileSlot, false, false);
        if (e != Errors.OK) {
            return e;
        }
        return request(k, t, p, fileSlot, IoProtocol.CLOSE, 0, 0, 0, 0);
    }

    private static Capability cap(Kernel k, Process p, long slot) {
        return k.caps.at(k.caps.globalSlot(p.index, slot));
    }

    /** A file is a badged port capability. */
    private static int checkFile(Kernel k, Process p, long slot, boolean read, boolean write) {
        int e = k.caps.checkCap(p.index, slot, CapType.PORT, read, write, false);
        if (e != Errors.OK) {
            return e;
        }
        return cap(k, p, slot).badge() == 0 ? Errors.BAD_ARGUMENT : Errors.OK;
    }

    /** Sends the request as a call; the caller blocks until the server replies. */
    private static long request(Kernel k, Tcb t, Process p, long slot, int op, long arg, long buf,
            long len, long replyMax) {
        Capability c = cap(k, p, slot);
        Port port = k.ipc.port(c.object());
        if (port == null) {
            return Errors.DEAD_OBJECT;
        }
        int e = k.ipc.checkSend(t, port, buf, len, true, true, replyMax);
        if (e == Errors.OK) {
            e = k.ipc.prepareSend(t, buf, len, true, replyMax);
        }
        if (e != Errors.OK) {
            return e;
        }
        long label = op * IoProtocol.OP_UNIT + arg;
        k.ipc.call(t, port, label, c.badge(), buf, (int) len, -1, (int) replyMax);
        t.ioOp = op;
        t.ioSlot = (int) slot;
        return Errors.OK;
    }

    /**
     * The server replied to {@code t}'s request (reply length in r0, label in r2): open installs
     * the file capability, write and close return the label, close deletes the file.
     */
    // The frame is what it writes: t's request and r0; a minted file capability (open); and, for
    // close, what Reclaimer.delete writes: the capability table, and, when the last capability to
    // a port goes, what Ipc.destroyPort writes. The proof rests on Reclaimer.delete's contract,
    // which still names everything.
    /*@ public normal_behavior
      @ ensures t.ioOp == 0;
      @ assignable t.ioOp, t.regs[0];
      @ assignable \infinite_union(int g; 0 <= g && g < k.caps.slots.length; \all_fields(k.caps.slots[g])),
      @     k.caps.parent[*];
      @ assignable \infinite_union(Port x; \locset(x.live, x.head, x.tail, x.count, x.sent, x.received, x.dropped));
      @ assignable \infinite_union(dev.keel.kernel.sched.ThreadQueue q; \all_fields(q));
      @ assignable \infinite_union(Tcb x; \locset(x.state, x.blockedOn, x.next, x.prev, x.queued, x.inQueue,
      @     x.waitPort, x.pending, x.recvBuffer, x.recvMax, x.ioOp, x.ioSlot, x.replyCap, x.replyHolder));
      @ assignable \infinite_union(Tcb x; x.regs[*]);
      @ assignable \infinite_union(dev.keel.kernel.ipc.Message x; \locset(x.length, x.label, x.badge, x.hasCap,
      @     x.capSource, x.capType, x.capObject, x.caller, x.next, x.inUse));
      @ assignable \infinite_union(dev.keel.kernel.sched.PerCpu c; \locset(c.needResched));
      @ assignable k.ipc.scheduler.trace.ops, k.ipc.scheduler.trace.overflow, k.ipc.scheduler.trace.opKind[*],
      @     k.ipc.scheduler.trace.opThread[*], k.ipc.scheduler.trace.opGeneration[*];
      @ assignable k.ipc.irqs.port[*];
      @*/
    public static void complete(Kernel k, Tcb t) {
        int op = t.ioOp;
        int slot = t.ioSlot;
        t.ioOp = 0;
        Process p = t.owner;
        long label = t.reg(2);
        if (p == null || t.reg(0) < 0 || op == IoProtocol.READ) {
            return;
        }
        if (op == IoProtocol.OPEN) {
            t.setR0(label < 0 ? label : installFile(k, p, slot, label));
            return;
        }
        t.setR0(label);
        if (op == IoProtocol.CLOSE && label >= 0
                && k.caps.checkCap(p.index, slot, CapType.PORT, false, false, false) == Errors.OK) {
            k.reclaimer.delete(p.index, slot);
        }
    }

    private static long installFile(Kernel k, Process p, int serverSlot, long handle) {
        int slot = k.caps.firstFree(p.index);
        if (slot < 0 || k.caps.checkDerive(p.index, serverSlot, p.index, slot) != Errors.OK
                || handle >= Long.MAX_VALUE - 1) {
            return Errors.NO_RESOURCES;
        }
        k.caps.mint(p.index, serverSlot, p.index, slot, true, true, false, handle + 1);
        return slot;
    }
}
