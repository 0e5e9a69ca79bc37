package dev.keel.kernel.sys;

import dev.keel.kernel.Kernel;
import dev.keel.kernel.abi.Errors;
import dev.keel.kernel.cap.CapType;
import dev.keel.kernel.cap.Capability;
import dev.keel.kernel.io.Io;
import dev.keel.kernel.ipc.Port;
import dev.keel.kernel.proc.Process;
import dev.keel.kernel.sched.Tcb;

/** port_create, send, try_send, call, receive, try_receive, reply, irq_bind, irq_ack. */
public final class IpcCalls {

    private IpcCalls() {
    }

    /**
     * port_create: a port is a new kernel object, so, as every object, it is made from a memory
     * capability with the write right (no ambient authority); the new capability goes to the
     * empty {@code slot}.
     */
    // Ipc's checkPortCreate and portCreate need Ipc's invariant, as reply does.
    /*@ public normal_behavior
      @ requires k.caps != null && \invariant_for(k.caps);
      @ requires k.ipc != null && \invariant_for(k.ipc);
      @ ensures \result <= 0;
      @ assignable \infinite_union(int j; 0 <= j && j < k.ipc.ports.length;
      @     \locset(k.ipc.ports[j].live, k.ipc.ports[j].capacity, k.ipc.ports[j].head, k.ipc.ports[j].tail,
      @         k.ipc.ports[j].count, k.ipc.ports[j].sent, k.ipc.ports[j].received, k.ipc.ports[j].dropped));
      @ assignable \all_fields(k.caps.slots[p.index * k.caps.slotsPerProcess + slot]),
      @     k.caps.parent[p.index * k.caps.slotsPerProcess + slot];
      @*/
    public static long portCreate(Kernel k, Process p, long memSlot, long slot, long capacity) {
        // checkCap says BAD_SLOT for a process number out of range too; tested first here because
        // the prover knows no range of an int field (as in CapCalls).
        int pi = p.index;
        if (pi < 0 || pi >= k.caps.processCount()) {
            return Errors.BAD_SLOT;
        }
        int e = k.caps.checkCap(pi, memSlot, CapType.MEMORY, false, true, false);
        if (e == Errors.OK) {
            e = k.caps.checkEmpty(p.index, slot);
        }
        if (e == Errors.OK) {
            e = k.ipc.checkPortCreate(capacity);
        }
        if (e != Errors.OK) {
            return e;
        }
        int port = k.ipc.portCreate((int) capacity);
        k.caps.createObject(p.index, slot, CapType.PORT, port, true, true, true);
        return Errors.OK;
    }

    /** The capability in (p, slot), which must have been checked. */
    static Capability cap(Kernel k, Process p, long slot) {
        return k.caps.at(k.caps.globalSlot(p.index, slot));
    }

    /**
     * send, try_send and call. Sending needs the write right on the port capability; transferring
     * a capability ({@code capSlot} != -1) needs the grant right too.
     */
    /*@ public normal_behavior
      @ requires k.caps != null && \invariant_for(k.caps);
      @ ensures \result <= 0;
      @ assignable k.ipc.mark[*];
      @ assignable \infinite_union(Port x; \locset(x.head, x.tail, x.count, x.sent, x.received, x.dropped));
      @ assignable \infinite_union(dev.keel.kernel.sched.ThreadQueue q; \all_fields(q));
      @ assignable \infinite_union(Tcb x; \locset(x.state, x.blockedOn, x.next, x.prev, x.queued, x.inQueue,
      @     x.waitPort, x.pending, x.recvBuffer, x.recvMax, x.ioOp, x.ioSlot, x.replyCap, x.replyHolder));
      @ assignable \infinite_union(Tcb x; x.regs[*]);
      @ assignable \infinite_union(dev.keel.kernel.ipc.Message x; \locset(x.length, x.label, x.badge, x.hasCap,
      @     x.capSource, x.capType, x.capObject, x.caller, x.next, x.inUse));
      @ assignable \infinite_union(dev.keel.kernel.sched.PerCpu c; \locset(c.needResched));
      @ assignable k.ipc.scheduler.trace.ops, k.ipc.scheduler.trace.overflow, k.ipc.scheduler.trace.opKind[*],
      @     k.ipc.scheduler.trace.opThread[*], k.ipc.scheduler.trace.opGeneration[*];
      @ assignable k.ipc.user.mm.frames.top, k.ipc.user.mm.frames.free[*], k.ipc.user.mm.frames.refs[*],
      @     k.ipc.user.mm.frames.stack[*], k.ipc.user.mm.tables.frames.top, k.ipc.user.mm.tables.frames.free[*],
      @     k.ipc.user.mm.tables.frames.refs[*];
      @ assignable \infinite_union(int g; 0 <= g && g < k.ipc.caps.slots.length; \all_fields(k.ipc.caps.slots[g])),
      @     k.ipc.caps.parent[*];
      @ assignable \infinite_union(dev.keel.kernel.ipc.Message x; x.data[*]);
      @*/
    public static long send(Kernel k, Tcb t, Process p, long portSlot, long label, long buf,
            long len, long capSlot, boolean block, boolean call, long replyMax) {
        boolean transfer = capSlot != -1;
        int e = k.caps.checkCap(p.index, portSlot, CapType.PORT, false, true, transfer);
        if (e == Errors.OK && transfer) {
            e = k.caps.checkCap(p.index, capSlot, CapType.NONE, false, false, false);
        }
        if (e != Errors.OK) {
            return e;
        }
        Capability c = cap(k, p, portSlot);
        Port port = k.ipc.port(c.object());
        if (port == null) {
            return Errors.DEAD_OBJECT;
        }
        e = k.ipc.checkSend(t, port, buf, len, block, call, replyMax);
        if (e == Errors.OK) {
            e = k.ipc.prepareSend(t, buf, len, call, replyMax);
        }
        if (e != Errors.OK) {
            return e;
        }
        int source = transfer ? k.caps.globalSlot(p.index, capSlot) : -1;
        if (call) {
            k.ipc.call(t, port, label, c.badge(), buf, (int) len, source, (int) replyMax);
        } else if (block) {
            k.ipc.send(t, port, label, c.badge(), buf, (int) len, source, false, 0);
        } else {
            k.ipc.trySend(t, port, label, c.badge(), buf, (int) len, source);
        }
        return Errors.OK;
    }

    /** receive and try_receive; needs the read right. Returns r0 when the message came at once. */
    /*@ public normal_behavior
      @ requires k.caps != null && \invariant_for(k.caps);
      @ assignable \infinite_union(Port x; \locset(x.head, x.tail, x.count, x.sent, x.received, x.dropped));
      @ assignable \infinite_union(dev.keel.kernel.sched.ThreadQueue q; \all_fields(q));
      @ assignable \infinite_union(Tcb x; \locset(x.state, x.blockedOn, x.next, x.prev, x.queued, x.inQueue,
      @     x.waitPort, x.pending, x.recvBuffer, x.recvMax, x.ioOp, x.ioSlot, x.replyCap, x.replyHolder));
      @ assignable \infinite_union(Tcb x; x.regs[*]);
      @ assignable \infinite_union(dev.keel.kernel.ipc.Message x; \locset(x.length, x.label, x.badge, x.hasCap,
      @     x.capSource, x.capType, x.capObject, x.caller, x.next, x.inUse));
      @ assignable \infinite_union(dev.keel.kernel.sched.PerCpu c; \locset(c.needResched));
      @ assignable k.ipc.scheduler.trace.ops, k.ipc.scheduler.trace.overflow, k.ipc.scheduler.trace.opKind[*],
      @     k.ipc.scheduler.trace.opThread[*], k.ipc.scheduler.trace.opGeneration[*];
      @ assignable k.ipc.user.mm.frames.top, k.ipc.user.mm.frames.free[*], k.ipc.user.mm.frames.refs[*],
      @     k.ipc.user.mm.frames.stack[*], k.ipc.user.mm.tables.frames.top, k.ipc.user.mm.tables.frames.free[*],
      @     k.ipc.user.mm.tables.frames.refs[*];
      @ assignable \infinite_union(int g; 0 <= g && g < k.ipc.caps.slots.length; \all_fields(k.ipc.caps.slots[g])),
      @     k.ipc.caps.parent[*];
      @ assignable k.ipc.irqs.pending[*];
      @*/
    public static long receive(Kernel k, Tcb t, Process p, long portSlot, long buf, long max,
            boolean block) {
        int e = k.caps.checkCap(p.index, portSlot, CapType.PORT, true, false, false);
        if (e != Errors.OK) {
            return e;
        }
        Port port = k.ipc.port(cap(k, p, portSlot).object());
        if (port == null) {
            return Errors.DEAD_OBJECT;
        }
        e = k.ipc.checkReceive(t, port, buf, max, block);
        if (e == Errors.OK) {
            e = k.ipc.prepareReceive(t, buf, max);
        }
        if (e != Errors.OK) {
            return e;
        }
        if (block) {
            k.ipc.receive(t, port, buf, (int) max);
        } else {
            k.ipc.tryReceive(t, port, buf, (int) max);
        }
        return t.reg(0);
    }

    /** reply; finishes the I/O request the caller made through the kernel, if any. */
    // The frame is Ipc.reply's and Io.complete's.
    /*@ public normal_behavior
      @ requires \invariant_for(k.ipc) && \invariant_for(k.ipc.user) && \invariant_for(k.ipc.scheduler);
      @ requires t.owner != null ==> t.owner.space != null && \invariant_for(t.owner.space);
      @ ensures \result <= 0;
      @ assignable \infinite_union(int g; 0 <= g && g < k.caps.slots.length; \all_fields(k.caps.slots[g])),
      @     k.caps.parent[*];
      @ assignable \infinite_union(Port x; \locset(x.live, x.head, x.tail, x.count, x.sent, x.received, x.dropped));
      @ assignable \infinite_union(dev.keel.kernel.sched.ThreadQueue q; \all_fields(q));
      @ assignable \infinite_union(Tcb x; \locset(x.state, x.blockedOn, x.next, x.prev, x.queued, x.inQueue,
      @     x.waitPort, x.pending, x.recvBuffer, x.recvMax, x.ioOp, x.ioSlot, x.replyCap, x.replyHolder));
      @ assignable \infinite_union(Tcb x; x.regs[*]);
      @ assignable \infinite_union(dev.keel.kernel.ipc.Message x; \locset(x.length, x.label, x.badge, x.hasCap,
      @     x.capSource, x.capType, x.capObject, x.caller, x.next, x.inUse));
      @ assignable \infinite_union(dev.keel.kernel.ipc.Message x; x.data[*]);
      @ assignable \infinite_union(dev.keel.kernel.sched.PerCpu c; \locset(c.needResched));
      @ assignable k.ipc.scheduler.trace.ops, k.ipc.scheduler.trace.overflow, k.ipc.scheduler.trace.opKind[*],
      @     k.ipc.scheduler.trace.opThread[*], k.ipc.scheduler.trace.opGeneration[*];
      @ assignable k.ipc.user.mm.frames.top, k.ipc.user.mm.frames.free[*], k.ipc.user.mm.frames.refs[*],
      @     k.ipc.user.mm.frames.stack[*], k.ipc.user.mm.tables.frames.top, k.ipc.user.mm.tables.frames.free[*],
      @     k.ipc.user.mm.tables.frames.refs[*];
      @ assignable k.ipc.irqs.port[*];
      @*/
    public static long reply(Kernel k, Tcb t, long label, long buf, long len) {
        int e = k.ipc.checkReply(t, buf, len);
        if (e != Errors.OK) {
            return e;
        }
        Tcb caller = k.ipc.reply(t, label, buf, (int) len);
        if (caller != null && caller.ioOp != 0) {
            Io.complete(k, caller);
        }
        return Errors.OK;
    }

    /** irq_bind: needs write on both the irq and the port capability. */
    // Of the capability table only its shape is read, as in irq_ack; Ipc.irqBind needs Ipc's,
    // the user-memory access's and the scheduler's invariants, as reply does.
    /*@ public normal_behavior
      @ requires k.caps != null && k.caps.slots != null && \nonnullelements(k.caps.slots)
      @     && k.caps.slots.length == k.caps.slotsPerProcess * k.caps.processCount
      @     && k.caps.slotsPerProcess <= k.caps.slots.length && k.caps.processCount <= k.caps.slots.length;
      @ requires k.ipc != null && \invariant_for(k.ipc) && \invariant_for(k.ipc.irqs)
      @     && \invariant_for(k.ipc.user) && \invariant_for(k.ipc.scheduler);
      @ ensures \result <= 0;
      @ assignable \infinite_union(Port x; \locset(x.head, x.tail, x.count, x.sent, x.received, x.dropped));
      @ assignable \infinite_union(dev.keel.kernel.sched.ThreadQueue q; \locset(q.head, q.tail, q.count, q.nodes));
      @ assignable \infinite_union(Tcb x; \locset(x.state, x.blockedOn, x.next, x.prev, x.queued, x.inQueue,
      @     x.waitPort, x.pending, x.recvBuffer, x.recvMax, x.ioOp, x.ioSlot, x.replyCap, x.replyHolder));
      @ assignable \infinite_union(Tcb x; x.regs[*]);
      @ assignable \infinite_union(dev.keel.kernel.ipc.Message x; \locset(x.length, x.label, x.badge, x.hasCap,
      @     x.capSource, x.capType, x.capObject, x.caller, x.next, x.inUse));
      @ assignable \infinite_union(dev.keel.kernel.sched.PerCpu c; \locset(c.needResched));
      @ assignable k.ipc.scheduler.trace.ops, k.ipc.scheduler.trace.overflow, k.ipc.scheduler.trace.opKind[*],
      @     k.ipc.scheduler.trace.opThread[*], k.ipc.scheduler.trace.opGeneration[*];
      @ assignable k.ipc.user.mm.frames.top, k.ipc.user.mm.frames.free[*], k.ipc.user.mm.frames.refs[*],
      @     k.ipc.user.mm.frames.stack[*], k.ipc.user.mm.tables.frames.top, k.ipc.user.mm.tables.frames.free[*],
      @     k.ipc.user.mm.tables.frames.refs[*];
      @ assignable \infinite_union(int g; 0 <= g && g < k.ipc.caps.slots.length; \all_fields(k.ipc.caps.slots[g])),
      @     k.ipc.caps.parent[*];
      @ assignable k.ipc.irqs.port[*], k.ipc.irqs.badge[*], k.ipc.irqs.pending[*];
      @*/
    public static long irqBind(Kernel k, Process p, long irqSlot, long portSlot) {
        // The checks are a method of their own, which needs none of the invariants this method
        // requires: those invariants, unfolded, are carried along one path, not every branch.
        int e = bindCheck(k, p, irqSlot, portSlot);
        if (e != Errors.OK) {
            return e;
        }
        int irq = k.caps.globalSlot(p.index, irqSlot);
        Port port = k.ipc.port(objectAt(k, k.caps.globalSlot(p.index, portSlot)));
        // Never null once checked; the test is for the nullness checker.
        if (port != null) {
            k.ipc.irqBind(objectAt(k, irq), port, badgeAt(k, irq));
        }
        return Errors.OK;
    }

    /**
     * The object of the capability in global slot {@code g}. A helper that needs only the slot:
     * Capability's getters are not helpers, so each call of one asks for the capability's invariant.
     */
    /*@ private normal_behavior
      @ requires k.caps != null && k.caps.slots != null && 0 <= g && g < k.caps.slots.length
      @     && k.caps.slots[g] != null;
      @ ensures \result == k.caps.slots[g].object;
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure helper @*/ int objectAt(Kernel k, int g) {
        return k.caps.at(g).object();
    }

    /** The badge of the capability in global slot {@code g}; a helper, as objectAt. */
    /*@ private normal_behavior
      @ requires k.caps != null && k.caps.slots != null && 0 <= g && g < k.caps.slots.length
      @     && k.caps.slots[g] != null;
      @ ensures \result == k.caps.slots[g].badge;
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure helper @*/ long badgeAt(Kernel k, int g) {
        return k.caps.at(g).badge();
    }

    /**
     * irq_bind's checks; OK states what the binding needs of the two capabilities. The line count
     * is stated as the query Ipc.irqBind's precondition names, so the caller meets it as it is.
     */
    /*@ private normal_behavior
      @ requires k.caps != null && k.caps.slots != null && \nonnullelements(k.caps.slots)
      @     && k.caps.slots.length == k.caps.slotsPerProcess * k.caps.processCount
      @     && k.caps.slotsPerProcess <= k.caps.slots.length && k.caps.processCount <= k.caps.slots.length;
      @ requires k.ipc != null && k.ipc.ports != null && k.ipc.irqs != null && \invariant_for(k.ipc.irqs);
      @ ensures \result <= 0;
      @ ensures \result == Errors.OK ==> 0 <= p.index && p.index < k.caps.processCount
      @     && 0 <= irqSlot && irqSlot < k.caps.slotsPerProcess
      @     && 0 <= portSlot && portSlot < k.caps.slotsPerProcess
      @     && 0 <= k.caps.slots[p.index * k.caps.slotsPerProcess + irqSlot].object
      @     && k.caps.slots[p.index * k.caps.slotsPerProcess + irqSlot].object < k.ipc.irqs.port.length
      @     && k.ipc.irqs.port.length == k.ipc.irqs.lines()
      @     && 0 <= k.caps.slots[p.index * k.caps.slotsPerProcess + portSlot].object
      @     && k.caps.slots[p.index * k.caps.slotsPerProcess + portSlot].object < k.ipc.ports.length
      @     && k.ipc.ports[k.caps.slots[p.index * k.caps.slotsPerProcess + portSlot].object] != null
      @     && k.ipc.ports[k.caps.slots[p.index * k.caps.slotsPerProcess + portSlot].object].live;
      @ assignable \strictly_nothing;
      @*/
    private static int bindCheck(Kernel k, Process p, long irqSlot, long portSlot) {
        // The process number is tested first, as in portCreate. One if per test: an || chain
        // splits once per operand and each branch runs on to the end of the method.
        int pi = p.index;
        if (pi < 0) {
            return Errors.BAD_SLOT;
        }
        if (pi >= k.caps.processCount()) {
            return Errors.BAD_SLOT;
        }
        int e = k.caps.checkCap(pi, irqSlot, CapType.IRQ, false, true, false);
        if (e != Errors.OK) {
            return e;
        }
        e = k.caps.checkCap(pi, portSlot, CapType.PORT, false, true, false);
        if (e != Errors.OK) {
            return e;
        }
        Capability irq = cap(k, p, irqSlot);
        Port port = k.ipc.port(cap(k, p, portSlot).object());
        int line = irq.object();
        // A held port capability names a live port (a port dies with its last capability), so the
        // test of live returns nothing new; Ipc.irqBind requires it.
        if (port == null) {
            return Errors.DEAD_OBJECT;
        }
        if (!port.live) {
            return Errors.DEAD_OBJECT;
        }
        if (line < 0) {
            return Errors.DEAD_OBJECT;
        }
        if (line >= k.ipc.irqs().lines()) {
            return Errors.DEAD_OBJECT;
        }
        return Errors.OK;
    }

    // Of the capability table, only the shape its invariant gives is read (checkCap, globalSlot,
    // at): the whole invariant, unfolded, sent the prover down chains of parents. The line's
    // number is checked against the interrupt table, whose invariant (its arrays are there) is
    // needed; Ipc.irqs and Ipc.irqAck are helpers that need only the fields named.
    /*@ public normal_behavior
      @ requires k.caps != null && k.caps.slots != null && \nonnullelements(k.caps.slots)
      @     && k.caps.slots.length == k.caps.slotsPerProcess * k.caps.processCount
      @     && k.caps.slotsPerProcess <= k.caps.slots.length && k.caps.processCount <= k.caps.slots.length;
      @ requires k.ipc != null && k.ipc.irqs != null && k.ipc.interrupts != null && \invariant_for(k.ipc.irqs);
      @ ensures \result <= 0;
      @ assignable \nothing;
      @*/
    public static long irqAck(Kernel k, Process p, long irqSlot) {
        // The process number is tested first, as in portCreate.
        int pi = p.index;
        if (pi < 0 || pi >= k.caps.processCount()) {
            return Errors.BAD_SLOT;
        }
        int e = k.caps.checkCap(pi, irqSlot, CapType.IRQ, false, true, false);
        if (e != Errors.OK) {
            return e;
        }
        int line = cap(k, p, irqSlot).object();
        if (line < 0 || line >= k.ipc.irqs().lines()) {
            return Errors.DEAD_OBJECT;
        }
        k.ipc.irqAck(line);
        return Errors.OK;
    }
}
