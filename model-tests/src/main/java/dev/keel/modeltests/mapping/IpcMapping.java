package dev.keel.modeltests.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.keel.kernel.cap.CapType;
import dev.keel.kernel.cap.Capability;
import dev.keel.kernel.cap.CapabilitySpace;
import dev.keel.kernel.ipc.Ipc;
import dev.keel.kernel.ipc.Message;
import dev.keel.kernel.ipc.Port;
import dev.keel.kernel.sched.Tcb;
import dev.keel.kernel.sched.ThreadPool;
import dev.keel.modeltests.tla.Value;

/**
 * Refinement mapping from the kernel's IPC state to the variables of spec/Ipc.tla.
 *
 * <ul>
 * <li>{@code ports}: the live ports (Port.live).</li>
 * <li>{@code queue[p]}: the port's message list, oldest first, each message as
 *     {@code [from, seq, badge, call, xfer]}: from is the sending thread (the caller of a call;
 *     for a send the kernel keeps no sender, but the spec gives each sender its own badge,
 *     Badge[t], so the sender is found from Message.badge), badge is
 *     Message.badge, call is whether it carries a caller. {@code seq} is a history variable of the
 *     spec (the sender's message count); the kernel keeps only per-port counters, so the driver
 *     numbers messages (the label carries it).</li>
 * <li>{@code xfer}: NoXfer, or [port, rights] of the capability the message carries: the
 *     capability in the message's source slot (Message.capSource, which the kernel copies at
 *     delivery), when it still names the object the message recorded.</li>
 * <li>{@code blockedOn[t]}: ON_RECEIVE as [op |-> "recv", port], ON_CALL or ON_REPLY as
 *     [op |-> "call", port]; anything else NotBlocked. Once a call is received the kernel no longer
 *     keeps the port the caller called (Tcb.waitPort is cleared): the caller of map() passes it.</li>
 * <li>{@code replyCap[t]}: Tcb.replyCap, or None.</li>
 * <li>{@code caps[t][p]}: the rights on the capabilities to port p held by t's process.</li>
 * <li>{@code sent}, {@code delivered}: history variables with no kernel counterpart: left unmapped.</li>
 * </ul>
 */
public final class IpcMapping {

    private final Map<Integer, Value> threads;
    private final Map<Integer, Value> ports;
    private final Value none;
    private final Value notBlocked;
    private final Map<Long, Value> senderByBadge;

    /** @param senderByBadge the inverse of the spec's Badge: each sender's badge to the sender */
    public IpcMapping(Map<Integer, Value> threads, Map<Integer, Value> ports, Value none, Value notBlocked,
            Map<Long, Value> senderByBadge) {
        this.senderByBadge = new LinkedHashMap<>(senderByBadge);
        this.threads = new LinkedHashMap<>(threads);
        this.ports = new LinkedHashMap<>(ports);
        this.none = none;
        this.notBlocked = notBlocked;
    }

    private Value thread(Tcb t) {
        if (t == null) {
            return none;
        }
        Value v = threads.get(t.id);
        return v == null ? Value.of(t.id) : v;
    }

    private Value port(Port p) {
        Value v = ports.get(p.id);
        return v == null ? Value.of(p.id) : v;
    }

    public Map<String, Value> map(Ipc ipc, ThreadPool pool, CapabilitySpace caps) {
        return map(ipc, pool, caps, Map.of());
    }

    /**
     * As above; {@code calledPort} gives, by Tcb id, the port index a thread called, for callers
     * waiting for their reply (ON_REPLY), whose port the kernel has forgotten.
     */
    public Map<String, Value> map(Ipc ipc, ThreadPool pool, CapabilitySpace caps, Map<Integer, Integer> calledPort) {
        List<Value> live = new ArrayList<>();
        TreeMap<Value, Value> queue = new TreeMap<>();
        for (Map.Entry<Integer, Value> e : ports.entrySet()) {
            Port p = ipc.port(e.getKey());
            if (p == null) {
                continue;
            }
            if (p.live) {
                live.add(e.getValue());
            }
            List<Value> msgs = new ArrayList<>();
            for (Message m = p.head; m != null; m = m.next) {
                Value from = m.caller != null ? thread(m.caller) : senderByBadge.getOrDefault(m.badge, none);
                msgs.add(Value.record("from", from, "seq", Value.of(m.label), "badge", Value.of(m.badge),
                    "call", Value.of(m.caller != null), "xfer", xfer(caps, m)));
            }
            queue.put(e.getValue(), Value.tuple(msgs));
        }
        TreeMap<Value, Value> blocked = new TreeMap<>();
        TreeMap<Value, Value> reply = new TreeMap<>();
        TreeMap<Value, Value> held = new TreeMap<>();
        for (Map.Entry<Integer, Value> e : threads.entrySet()) {
            Tcb t = pool.at(e.getKey());
            blocked.put(e.getValue(), blockedOn(t, ipc, calledPort.get(t.id)));
            reply.put(e.getValue(), thread(t.replyCap));
            TreeMap<Value, Value> perPort = new TreeMap<>();
            for (Map.Entry<Integer, Value> pe : ports.entrySet()) {
                perPort.put(pe.getValue(), rights(caps, t.owner == null ? -1 : t.owner.index, pe.getKey()));
            }
            held.put(e.getValue(), Value.fn(perPort));
        }
        Map<String, Value> vars = new LinkedHashMap<>();
        vars.put("ports", Value.set(live));
        vars.put("queue", Value.fn(queue));
        vars.put("blockedOn", Value.fn(blocked));
        vars.put("replyCap", Value.fn(reply));
        vars.put("caps", Value.fn(held));
        return vars;
    }

    /** The spec's NoXfer, or the port and rights of the capability message {@code m} carries. */
    private Value xfer(CapabilitySpace caps, Message m) {
        if (!m.hasCap) {
            return Value.record("port", none, "rights", Value.set());
        }
        Capability c = caps.at(m.capSource);
        boolean same = c.type() == m.capType && c.object() == m.capObject;
        Value port = ports.getOrDefault(m.capObject, Value.of(m.capObject));
        Value rights = same ? CapabilitiesMapping.rights(c.canRead(), c.canWrite(), c.canGrant()) : Value.set();
        return Value.record("port", port, "rights", rights);
    }

    private Value blockedOn(Tcb t, Ipc ipc, Integer called) {
        Port w = t.waitPort;
        if (t.state == Tcb.BLOCKED && t.blockedOn == Tcb.ON_REPLY && called != null && ipc.port(called) != null) {
            w = ipc.port(called);
        }
        if (t.state != Tcb.BLOCKED) {
            return notBlocked;
        }
        if (t.blockedOn == Tcb.ON_RECEIVE && w != null) {
            return Value.record("op", Value.str("recv"), "port", port(w));
        }
        if ((t.blockedOn == Tcb.ON_CALL || t.blockedOn == Tcb.ON_REPLY) && w != null) {
            return Value.record("op", Value.str("call"), "port", port(w));
        }
        return notBlocked;
    }

    /** The union of the rights on every capability of {@code process} that names port {@code p}. */
    private static Value rights(CapabilitySpace caps, int process, int p) {
        boolean r = false;
        boolean w = false;
        boolean g = false;
        for (int s = 0; process >= 0 && s < caps.slotsPerProcess(); s++) {
            Capability c = caps.at(caps.globalSlot(process, s));
            if (c.type() == CapType.PORT && c.object() == p) {
                r |= c.canRead();
                w |= c.canWrite();
                g |= c.canGrant();
            }
        }
        return CapabilitiesMapping.rights(r, w, g);
    }
}
