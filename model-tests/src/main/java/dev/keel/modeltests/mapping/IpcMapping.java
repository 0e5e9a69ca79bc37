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
 *     {@code [from, seq, badge, call, xfer]}: badge is Message.badge, call is whether it carries a
 *     caller. {@code from} (the sending thread) and {@code seq} (the sender's message count) are
 *     history variables of the spec: the kernel keeps neither for a send, so the driver writes
 *     both into the label ({@link #label}); a call's sender is also Message.caller.</li>
 * <li>{@code xfer}: NoXfer, or [port, rights, badge] of the capability the message carries: the
 *     capability in the message's source slot (Message.capSource, which the kernel copies at
 *     delivery), when it still names the object the message recorded.</li>
 * <li>{@code blockedOn[t]}: ON_RECEIVE as [op |-> "recv", port], ON_CALL or ON_REPLY as
 *     [op |-> "call", port]; anything else NotBlocked. Once a call is received the kernel no longer
 *     keeps the port the caller called (Tcb.waitPort is cleared): the caller of map() passes it.</li>
 * <li>{@code replyCap[t]}: Tcb.replyCap, or None.</li>
 * <li>{@code caps[t][p]}: the [rights, badge] of each capability to port p held by t's process.</li>
 * <li>{@code sent}, {@code delivered}: history variables with no kernel counterpart: left unmapped.</li>
 * </ul>
 */
public final class IpcMapping {

    private final Map<Integer, Value> threads;
    private final Map<Integer, Value> ports;
    private final Value none;
    private final Value notBlocked;
    /** The label of a message: the sender's thread id above this, its message count below. */
    public static final long SENDER = 1L << 32;

    public IpcMapping(Map<Integer, Value> threads, Map<Integer, Value> ports, Value none, Value notBlocked) {
        this.threads = new LinkedHashMap<>(threads);
        this.ports = new LinkedHashMap<>(ports);
        this.none = none;
        this.notBlocked = notBlocked;
    }

    /** The label the driver gives message {@code seq} of the thread with id {@code tcb}. */
    public static long label(int tcb, long seq) {
        return tcb * SENDER + seq;
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
                Value from = m.caller != null ? thread(m.caller) : sender(m.label);
                msgs.add(Value.record("from", from, "seq", Value.of(m.label % SENDER), "badge", Value.of(m.badge),
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
                perPort.put(pe.getValue(), held(caps, t.owner == null ? -1 : t.owner.index, pe.getKey()));
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

    /** The sender of a send, from the label the driver gave it; none if the label names no thread. */
    private Value sender(long label) {
        long id = label / SENDER;
        Value v = id >= 0 && id <= Integer.MAX_VALUE ? threads.get((int) id) : null;
        return v == null ? none : v;
    }

    /** The spec's NoXfer, or the port, rights and badge of the capability message {@code m} carries. */
    private Value xfer(CapabilitySpace caps, Message m) {
        if (!m.hasCap) {
            return Value.record("port", none, "rights", Value.set(), "badge", Value.of(0));
        }
        Capability c = caps.at(m.capSource);
        boolean same = c.type() == m.capType && c.object() == m.capObject;
        Value port = ports.getOrDefault(m.capObject, Value.of(m.capObject));
        Value rights = same ? CapabilitiesMapping.rights(c.canRead(), c.canWrite(), c.canGrant()) : Value.set();
        return Value.record("port", port, "rights", rights, "badge", Value.of(same ? c.badge() : 0));
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

    /** The [rights, badge] of every capability of {@code process} that names port {@code p}. */
    private static Value held(CapabilitySpace caps, int process, int p) {
        List<Value> out = new ArrayList<>();
        for (int s = 0; process >= 0 && s < caps.slotsPerProcess(); s++) {
            Capability c = caps.at(caps.globalSlot(process, s));
            if (c.type() == CapType.PORT && c.object() == p) {
                out.add(capValue(c));
            }
        }
        return Value.set(out);
    }

    /** A capability as Ipc.tla sees it: its rights and badge. */
    public static Value capValue(Capability c) {
        return Value.record("rights", CapabilitiesMapping.rights(c.canRead(), c.canWrite(), c.canGrant()),
            "badge", Value.of(c.badge()));
    }
}
