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
import dev.keel.kernel.sys.CapCalls;
import dev.keel.kernel.sys.IpcCalls;
import dev.keel.modeltests.mapping.IpcMapping;
import dev.keel.modeltests.tla.Value;
import dev.keel.modeltests.trace.Step;

/**
 * Runs IPC system calls on the kernel and logs each as a {@link Step} of spec/Ipc.tla. Thread i
 * (the spec's {@code threads.get(i)}) is the one thread of process i+1; port i is the kernel's
 * port i. Every call goes through the kernel's system call code (IpcCalls, CapCalls) with the
 * caller's Tcb and Process, with empty payloads (the spec has none).
 *
 * Conventions a program that knows its capabilities would follow: each process holds a memory
 * capability in slot 0 (to create ports); a thread sends through a send capability badged with
 * its own badge (Badge[t]) when it has one, and right after port_create it mints one from the
 * creator's capability; a transferred capability is minted from the sender's capability to that
 * port with the rights the spec's message carries (or, for a raw transfer, passed as it is). The
 * boot ports are created by the thread that holds read on them, which mints each other thread's
 * initial capability with that thread's badge.
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
    private final long[] badges;
    private final int queueLen;
    private final int maxSends;
    private final Tcb[] tcbs;
    private final int[][] sent;
    private final Map<Integer, Integer> calledPort = new HashMap<>();
    private final IpcMapping mapping;
    private final List<Step> steps = new ArrayList<>();
    private boolean replaying;

    /**
     * @param initCaps InitCaps: thread → port → rights, for the boot ports (the first ports)
     * @param initPorts how many of {@code ports} exist at boot
     */
    public IpcDriver(List<String> threads, List<String> ports, int initPorts, List<Long> badges,
            Map<String, Map<String, Set<String>>> initCaps, int queueLen, int maxSends) {
        this.threads = List.copyOf(threads);
        this.ports = List.copyOf(ports);
        this.badges = badges.stream().mapToLong(Long::longValue).toArray();
        this.queueLen = queueLen;
        this.maxSends = maxSends;
        int n = threads.size();
        k = new KernelParts(1, n + 1, SLOTS, ports.size(), n + 2, 4);
        tcbs = new Tcb[n];
        sent = new int[n][ports.size()];
        Map<Integer, Value> tnames = new LinkedHashMap<>();
        Map<Long, Value> byBadge = new LinkedHashMap<>();
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
            byBadge.put(this.badges[i], Value.str(threads.get(i)));
        }
        Map<Integer, Value> pnames = new LinkedHashMap<>();
        for (int p = 0; p < ports.size(); p++) {
            pnames.put(p, Value.str(ports.get(p)));
        }
        mapping = new IpcMapping(tnames, pnames, Value.str("none"),
            Value.record("op", Value.str("none"), "port", Value.str("none")), byBadge);
        for (int p = 0; p < initPorts; p++) {
            boot(p, initCaps);
        }
        steps.add(new Step("Init", List.of(), true, true, Errors.OK, state()));
    }

    /** Creates boot port {@code p} by the thread holding read on it, and hands out the others' capabilities. */
    private void boot(int p, Map<String, Map<String, Set<String>>> initCaps) {
        int creator = -1;
        for (int i = 0; i < threads.size() && creator < 0; i++) {
            if (rightsAt(initCaps, i, p).contains("read")) {
                creator = i;
            }
        }
        if (creator < 0 || !rightsAt(initCaps, creator, p).equals(Set.of("read", "write", "grant"))) {
            throw new IllegalArgumentException("boot port " + ports.get(p) + " needs a thread holding every right");
        }
        if (apply(new IpcOp.PortCreate(creator), false) == null || k.ipc.port(p) == null || !k.ipc.port(p).live) {
            throw new IllegalStateException("boot port " + ports.get(p) + " was not created as port " + p);
        }
        int src = -1;
        for (int s = 0; s < SLOTS && src < 0; s++) {
            if (isPort(cap(creator, s), p) && cap(creator, s).badge() == 0) {
                src = s;
            }
        }
        for (int i = 0; i < threads.size(); i++) {
            Set<String> r = rightsAt(initCaps, i, p);
            if (i == creator || r.isEmpty()) {
                continue;
            }
            int tmp = k.caps.firstFree(creator + 1);
            k.caps.mint(creator + 1, src, creator + 1, tmp, r.contains("read"), r.contains("write"),
                r.contains("grant"), badges[i]);
            k.caps.move(creator + 1, tmp, i + 1, k.caps.firstFree(i + 1));
        }
    }

    private Set<String> rightsAt(Map<String, Map<String, Set<String>>> m, int t, int p) {
        return m.getOrDefault(threads.get(t), Map.of()).getOrDefault(ports.get(p), Set.of());
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
                // The creator's own badged send capability.
                int b = k.caps.firstFree(t + 1);
                if (b >= 0) {
                    CapCalls.mint(k.kernel, proc(t), slot, b, 1, 1, 1, badges[t]);
                }
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
        Value x = Value.record("port", Value.str("none"), "rights", Value.set());
        int capSlot = -1;
        if (o.xport() >= 0) {
            int q = o.xport();
            Value rights;
            if (o.raw()) {
                capSlot = strongest(t, q);
                Capability c = capSlot < 0 ? null : cap(t, capSlot);
                rights = c == null ? Value.set(Value.str("write"))
                    : dev.keel.modeltests.mapping.CapabilitiesMapping.rights(c.canRead(), c.canWrite(), c.canGrant());
            } else {
                boolean rd = (o.xrights() & IpcOp.R) != 0;
                boolean w = (o.xrights() & IpcOp.W) != 0;
                boolean g = (o.xrights() & IpcOp.G) != 0;
                rights = dev.keel.modeltests.mapping.CapabilitiesMapping.rights(rd, w, g);
                capSlot = holding(t, q, rd, w, g);
                int dst = k.caps.firstFree(t + 1);
                if (capSlot >= 0 && dst >= 0) {
                    CapCalls.mint(k.kernel, proc(t), capSlot, dst, rd ? 1 : 0, w ? 1 : 0, g ? 1 : 0, 0);
                    capSlot = dst;
                } else {
                    capSlot = -1;
                }
            }
            if (capSlot < 0) {
                capSlot = emptySlot(t);
            }
            x = Value.record("port", Value.str(ports.get(q)), "rights", rights);
        }
        // After the transferred capability is in place, so that the two never share a slot.
        int slot = slotOf(t, p, false, true);
        if (slot == capSlot) {
            slot = SLOTS - 1;
        }
        long label = sent[t][p] + 1;
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
        return step(action, e, true, name(t), Value.str(ports.get(p)), x);
    }

    private Step receive(IpcOp.Receive o) {
        int t = o.thread();
        int slot = slotOf(t, o.port(), true, false);
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
     * The slot a program would name for port {@code p}: a capability with the right it needs
     * (read for receiving, write for sending, the own badge preferred), else any to the port, else
     * an empty slot.
     */
    private int slotOf(int t, int p, boolean read, boolean write) {
        int any = -1;
        int good = -1;
        for (int s = 0; s < SLOTS; s++) {
            Capability c = cap(t, s);
            if (!isPort(c, p)) {
                continue;
            }
            any = any < 0 ? s : any;
            if ((!read || c.canRead()) && (!write || c.canWrite())) {
                if (good < 0 || (write && c.badge() == badges[t] && cap(t, good).badge() != badges[t])) {
                    good = s;
                }
            }
        }
        return good >= 0 ? good : any >= 0 ? any : emptySlot(t);
    }

    /** A capability to {@code q} with at least read/write/grant as asked, the own badged one preferred; -1 if none. */
    private int holding(int t, int q, boolean rd, boolean w, boolean g) {
        int best = -1;
        for (int s = 0; s < SLOTS; s++) {
            Capability c = cap(t, s);
            if (isPort(c, q) && (!rd || c.canRead()) && (!w || c.canWrite()) && (!g || c.canGrant())
                    && (best < 0 || c.badge() == badges[t])) {
                best = s;
            }
        }
        return best;
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
