package dev.keel.modeltests.drive;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.keel.kernel.abi.Errors;
import dev.keel.kernel.cap.CapType;
import dev.keel.kernel.cap.Capability;
import dev.keel.kernel.cap.CapabilitySpace;
import dev.keel.kernel.ipc.Port;
import dev.keel.kernel.proc.Process;
import dev.keel.kernel.sched.Tcb;
import dev.keel.kernel.sys.IpcCalls;
import dev.keel.modeltests.mapping.IpcMapping;
import dev.keel.modeltests.tla.Value;
import dev.keel.modeltests.trace.Step;

/**
 * Runs IPC system calls on the kernel and logs each as a {@link Step} of spec/Ipc.tla. Thread i
 * (the spec's {@code threads.get(i)}) is the one thread of process i+1; port i is the kernel's
 * port i. Every call goes through the kernel's system call code (IpcCalls) with the
 * caller's Tcb and Process, with empty payloads (the spec has none).
 *
 * Conventions a program that knows its capabilities would follow: each process holds a memory
 * capability in slot 0 (to create ports); a thread sends through the send capability the spec's
 * action names (its rights and badge), or its first one; a transferred capability is one of the
 * sender's own to that port, passed as it is: the one with the rights and badge the spec's message
 * carries (or, for a raw transfer, the strongest); a message's label holds its sender and
 * number ({@link IpcMapping#label}). The boot ports are created by the thread that holds an
 * unbadged capability with every right to them, which mints every other initial capability
 * (InitCaps: rights and badge) from its own and moves it to its holder.
 *
 * Not driven, because the spec has no such state: a blocking send or call to a full queue (the
 * kernel blocks the sender holding its message; in the spec Send waits, disabled, until there is
 * room), a send beyond MaxSends, and calls by a blocked thread.
 */
public final class IpcDriver {

    public static final int SLOTS = 16;

    private final KernelParts k;
    private final List<String> threads;
    private final List<String> ports;
    private final int queueLen;
    private final int maxSends;
    private final Tcb[] tcbs;
    private final int[][] sent;
    private final Map<Integer, Integer> calledPort = new HashMap<>();
    private final IpcMapping mapping;
    private final List<Step> steps = new ArrayList<>();
    private boolean replaying;

    /**
     * @param initCaps InitCaps: thread → port → set of [rights, badge], for the boot ports (the
     *     first ports)
     * @param initPorts how many of {@code ports} exist at boot
     */
    public IpcDriver(List<String> threads, List<String> ports, int initPorts, Value initCaps, int queueLen,
            int maxSends) {
        this.threads = List.copyOf(threads);
        this.ports = List.copyOf(ports);
        this.queueLen = queueLen;
        this.maxSends = maxSends;
        int n = threads.size();
        k = new KernelParts(1, n + 1, SLOTS, ports.size(), n + 2, 4);
        tcbs = new Tcb[n];
        sent = new int[n][ports.size()];
        Map<Integer, Value> tnames = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            k.caps.createObject(i + 1, 0, CapType.MEMORY, k.untyped, true, true, true);
            Tcb t = k.threads.allocate();
            if (t == null) {
                throw new IllegalStateException("thread pool too small");
            }
            t.owner = k.processes[i + 1];
            k.processes[i + 1].addThread(t);
            k.scheduler.start(t, 1, 0);
            tcbs[i] = t;
            tnames.put(t.id, Value.str(threads.get(i)));
        }
        Map<Integer, Value> pnames = new LinkedHashMap<>();
        for (int p = 0; p < ports.size(); p++) {
            pnames.put(p, Value.str(ports.get(p)));
        }
        mapping = new IpcMapping(tnames, pnames, Value.str("none"),
            Value.record("op", Value.str("none"), "port", Value.str("none")));
        for (int p = 0; p < initPorts; p++) {
            boot(p, initCaps);
        }
        steps.add(new Step("Init", List.of(), true, true, Errors.OK, state()));
    }

    /**
     * Creates boot port {@code p} by the thread holding an unbadged capability with every right to
     * it, and mints every other initial capability to it from that one.
     */
    private void boot(int p, Value initCaps) {
        Value full = Value.record("rights", Value.set(Value.str("grant"), Value.str("read"), Value.str("write")),
            "badge", Value.of(0));
        int creator = -1;
        for (int i = 0; i < threads.size() && creator < 0; i++) {
            if (initial(initCaps, i, p).contains(full)) {
                creator = i;
            }
        }
        if (creator < 0) {
            throw new IllegalArgumentException("boot port " + ports.get(p) + " needs a thread holding every right, unbadged");
        }
        if (apply(new IpcOp.PortCreate(creator), false) == null || k.ipc.port(p) == null || !k.ipc.port(p).live) {
            throw new IllegalStateException("boot port " + ports.get(p) + " was not created as port " + p);
        }
        int src = -1;
        for (int s = 0; s < SLOTS && src < 0; s++) {
            if (isPort(cap(creator, s), p)) {
                src = s;
            }
        }
        for (int i = 0; i < threads.size(); i++) {
            for (Value c : initial(initCaps, i, p)) {
                if (i == creator && c.equals(full)) {
                    continue;
                }
                Set<Value> r = c.get("rights").members();
                int tmp = k.caps.firstFree(creator + 1);
                k.caps.mint(creator + 1, src, creator + 1, tmp, r.contains(Value.str("read")),
                    r.contains(Value.str("write")), r.contains(Value.str("grant")), ((Value.Int) c.get("badge")).n);
                if (i != creator) {
                    k.caps.move(creator + 1, tmp, i + 1, k.caps.firstFree(i + 1));
                }
            }
        }
    }

    /** InitCaps[t][p]: the capabilities thread t holds to port p at boot. */
    private Set<Value> initial(Value initCaps, int t, int p) {
        Value perPort = ((Value.Fn) initCaps).map.get(Value.str(threads.get(t)));
        Value caps = perPort == null ? null : ((Value.Fn) perPort).map.get(Value.str(ports.get(p)));
        return caps == null ? Set.of() : caps.members();
    }

    public Map<String, Value> state() {
        return mapping.map(k.ipc, k.threads, k.caps, calledPort);
    }

    public List<Step> steps() {
        return List.copyOf(steps);
    }

    public KernelParts kernel() {
        return k;
    }

    /**
     * Replay mode: every call is made, none skipped as unmodelled (the spec's own choices never
     * send into a full queue, except a refused call).
     */
    public void replaying() {
        replaying = true;
    }

    public Tcb tcb(int t) {
        return tcbs[t];
    }

    /** Runs one call and logs it; null when it was not driven (see the class comment). */
    public Step apply(IpcOp op) {
        return apply(op, true);
    }

    private Step apply(IpcOp op, boolean log) {
        int t = op.thread();
        Tcb tcb = tcbs[t];
        if (tcb.state == Tcb.BLOCKED && !replaying) {
            return null;
        }
        Step s;
        if (op instanceof IpcOp.PortCreate) {
            s = portCreate(t);
        } else if (op instanceof IpcOp.Send o) {
            s = send(o);
        } else if (op instanceof IpcOp.Receive o) {
            s = receive(o);
        } else {
            s = reply(t);
        }
        if (s != null && log) {
            steps.add(s);
        }
        return s;
    }

    private Process proc(int t) {
        return k.processes[t + 1];
    }

    private Step portCreate(int t) {
        boolean[] before = new boolean[ports.size()];
        for (int p = 0; p < before.length; p++) {
            before[p] = k.ipc.port(p).live;
        }
        int slot = k.caps.firstFree(t + 1);
        int e = (int) IpcCalls.portCreate(k.kernel, proc(t), 0, slot < 0 ? SLOTS : slot, queueLen);
        Value port = Value.str("none");
        for (int p = 0; e == Errors.OK && p < before.length; p++) {
            if (!before[p] && k.ipc.port(p).live) {
                port = Value.str(ports.get(p));
            }
        }
        return step("PortCreate", e, true, name(t), port);
    }

    private Step send(IpcOp.Send o) {
        int t = o.thread();
        int p = o.port();
        Port port = k.ipc.port(p);
        boolean full = port.live && port.receivers.isEmpty() && port.isFull();
        if (!replaying && ((o.kind() != IpcOp.TRY_SEND && full) || sent[t][p] >= maxSends)) {
            return null;
        }
        Value x = Value.record("port", Value.str("none"), "rights", Value.set(), "badge", Value.of(0));
        int capSlot = -1;
        if (o.xport() >= 0) {
            int q = o.xport();
            capSlot = o.raw() ? strongest(t, q) : passing(t, q, o.xrights(), o.xbadge());
            if (capSlot >= 0) {
                Capability c = cap(t, capSlot);
                x = Value.record("port", Value.str(ports.get(q)), "rights", rights(bits(c)), "badge", Value.of(c.badge()));
            } else {
                // The thread holds no such capability: the kernel refuses the empty slot.
                capSlot = emptySlot(t);
                x = Value.record("port", Value.str(ports.get(q)), "rights", rights(o.raw() ? IpcOp.W : o.xrights()),
                    "badge", Value.of(o.xbadge() == IpcOp.ANY_BADGE ? 0 : o.xbadge()));
            }
        }
        int slot = sendSlot(t, p, o.via(), o.viaBadge());
        Capability used = cap(t, slot);
        Value via = isPort(used, p) ? IpcMapping.capValue(used)
            : Value.record("rights", Value.set(), "badge", Value.of(0));
        long label = IpcMapping.label(tcbs[t].id, sent[t][p] + 1);
        boolean call = o.kind() == IpcOp.CALL;
        int e = (int) IpcCalls.send(k.kernel, tcbs[t], proc(t), slot, label, 0, 0, capSlot,
            o.kind() != IpcOp.TRY_SEND, call, 0);
        if (e == Errors.OK) {
            sent[t][p]++;
            if (call) {
                calledPort.put(tcbs[t].id, p);
            }
        }
        String action = o.kind() == IpcOp.SEND ? "Send" : o.kind() == IpcOp.TRY_SEND ? "TrySend" : "Call";
        return step(action, e, true, name(t), Value.str(ports.get(p)), via, x);
    }

    private Step receive(IpcOp.Receive o) {
        int t = o.thread();
        int slot = receiveSlot(t, o.port());
        tcbs[t].regs[0] = 0;
        long r = IpcCalls.receive(k.kernel, tcbs[t], proc(t), slot, 0, 0, o.block());
        int e = Errors.isError(r) ? (int) r : Errors.OK;
        forgetAnswered();
        return step(o.block() ? "Receive" : "TryReceive", e, true, name(t), Value.str(ports.get(o.port())));
    }

    private Step reply(int t) {
        int e = (int) IpcCalls.reply(k.kernel, tcbs[t], 0, 0, 0);
        forgetAnswered();
        return step("Reply", e, true, name(t));
    }

    /** Callers no longer blocked have no called port to remember. */
    private void forgetAnswered() {
        for (Tcb c : tcbs) {
            if (c.state != Tcb.BLOCKED) {
                calledPort.remove(c.id);
            }
        }
    }

    private Step step(String action, int code, boolean inModel, Value... args) {
        return new Step(action, List.of(args), code == Errors.OK, inModel, code, state());
    }

    private Value name(int t) {
        return Value.str(threads.get(t));
    }

    private Capability cap(int t, int slot) {
        return k.caps.at(k.caps.globalSlot(t + 1, slot));
    }

    private boolean isPort(Capability c, int p) {
        return !c.isEmpty() && c.type() == CapType.PORT && c.object() == p;
    }

    /**
     * The slot a program would name to receive from port {@code p}: its first capability with
     * read, else any to the port, else an empty slot.
     */
    private int receiveSlot(int t, int p) {
        return slotFor(t, p, Capability::canRead);
    }

    /**
     * The slot a program would name to send to port {@code p}: its first capability with write and
     * exactly the rights {@code via} (bits; 0 for any) and the badge asked, else any to the port,
     * else an empty slot.
     */
    private int sendSlot(int t, int p, int via, long badge) {
        return slotFor(t, p, c -> c.canWrite() && (via == 0 || bits(c) == via)
            && (badge == IpcOp.ANY_BADGE || c.badge() == badge));
    }

    /** The first capability to port {@code p} that is {@code good}, else any to it, else an empty slot. */
    private int slotFor(int t, int p, java.util.function.Predicate<Capability> good) {
        int any = -1;
        for (int s = 0; s < SLOTS; s++) {
            Capability c = cap(t, s);
            if (isPort(c, p) && good.test(c)) {
                return s;
            }
            any = any < 0 && isPort(c, p) ? s : any;
        }
        return any >= 0 ? any : emptySlot(t);
    }

    private static int bits(Capability c) {
        return (c.canRead() ? IpcOp.R : 0) | (c.canWrite() ? IpcOp.W : 0) | (c.canGrant() ? IpcOp.G : 0);
    }

    /**
     * The capability to {@code q} a program would pass for the rights {@code want} (bits) and the
     * badge asked (or any): one with exactly those rights, else the first with at least them;
     * -1 if none.
     */
    private int passing(int t, int q, int want, long badge) {
        int wider = -1;
        for (int s = 0; s < SLOTS; s++) {
            Capability c = cap(t, s);
            if (isPort(c, q) && (bits(c) & want) == want && (badge == IpcOp.ANY_BADGE || c.badge() == badge)) {
                if (bits(c) == want) {
                    return s;
                }
                wider = wider < 0 ? s : wider;
            }
        }
        return wider;
    }

    private static Value rights(int bits) {
        return dev.keel.modeltests.mapping.CapabilitiesMapping.rights((bits & IpcOp.R) != 0, (bits & IpcOp.W) != 0,
            (bits & IpcOp.G) != 0);
    }

    /** The capability to {@code q} with the most rights; -1 if none. */
    private int strongest(int t, int q) {
        int best = -1;
        int most = -1;
        for (int s = 0; s < SLOTS; s++) {
            Capability c = cap(t, s);
            int n = (c.canRead() ? 1 : 0) + (c.canWrite() ? 1 : 0) + (c.canGrant() ? 1 : 0);
            if (isPort(c, q) && n > most) {
                best = s;
                most = n;
            }
        }
        return best;
    }

    private int emptySlot(int t) {
        int f = k.caps.firstFree(t + 1);
        return f < 0 ? SLOTS - 1 : f;
    }
}
