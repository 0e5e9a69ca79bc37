package dev.keel.modeltests.drive;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.keel.kernel.abi.Errors;
import dev.keel.kernel.cap.CapType;
import dev.keel.kernel.cap.Capability;
import dev.keel.kernel.cap.CapabilitySpace;
import dev.keel.kernel.proc.Process;
import dev.keel.kernel.sys.CapCalls;
import dev.keel.kernel.sys.IpcCalls;
import dev.keel.modeltests.mapping.CapabilitiesMapping;
import dev.keel.modeltests.mapping.CapabilitiesMapping.ObjectId;
import dev.keel.modeltests.tla.Value;
import dev.keel.modeltests.trace.Step;

/**
 * Runs capability system calls on the kernel and logs each as a {@link Step} of
 * spec/Capabilities.tla. port_create, cap_mint, cap_copy, cap_move, cap_delete and cap_revoke go
 * through the kernel's system call code (IpcCalls, CapCalls) with the caller's Process. Passing
 * a capability to another process stands for the IPC transfer (a message carrying a capability):
 * the sender needs grant, the receiver gets a copy in its first free slot, as Ipc.transferCap
 * does; this step alone is driven here rather than through a send and a receive.
 */
public final class CapDriver {

    public static final int ROOT = 1;

    private final KernelParts k;
    private final CapabilitiesMapping mapping;
    private final int[] procs;
    private final int slots;
    private final List<Step> steps = new ArrayList<>();

    /** Processes {@code procs} (named p1, p2, ...), {@code ports} ports, all three rights in the model. */
    public CapDriver(int[] procs, int slots, int ports) {
        this(procs, slots, ports, null, null, Set.of("read", "write", "grant"));
    }

    /**
     * @param procNames TLA+ names of the processes, or null for model values p1, p2, ...
     * @param objectNames TLA+ names of untyped and ports (in that order), or null for "Memory0", "Port0", ...
     */
    public CapDriver(int[] procs, int slots, int ports, List<Value> procNames, List<Value> objectNames,
            Set<String> rights) {
        this.procs = procs.clone();
        this.slots = slots;
        int processes = procs[procs.length - 1] + 1;
        k = new KernelParts(1, processes, slots, ports, 8, 4);
        k.grantRoot(ROOT);
        Map<Integer, Value> names = new LinkedHashMap<>();
        for (int i = 0; i < procs.length; i++) {
            names.put(procs[i], procNames == null ? Value.model("p" + procs[i]) : procNames.get(i));
        }
        Map<ObjectId, Value> universe = new LinkedHashMap<>();
        ObjectId mem = new ObjectId(CapType.MEMORY, k.untyped);
        universe.put(mem, objectNames == null ? mem.name() : objectNames.get(0));
        for (int i = 0; i < ports; i++) {
            ObjectId port = new ObjectId(CapType.PORT, i);
            universe.put(port, objectNames == null ? port.name() : objectNames.get(i + 1));
        }
        mapping = new CapabilitiesMapping(names, slots, universe, rights);
        steps.add(new Step("Init", List.of(), true, true, Errors.OK, mapping.map(k.caps, k::live)));
    }

    public CapabilitiesMapping mapping() {
        return mapping;
    }

    public KernelParts kernel() {
        return k;
    }

    public List<Step> steps() {
        return List.copyOf(steps);
    }

    public Value untypedName() {
        return mapping.object(CapType.MEMORY, k.untyped);
    }

    /** Runs one call; returns its logged step. */
    public Step apply(CapOp op) {
        op = resolve(op);
        Step s;
        if (op instanceof CapOp.CreatePort o) {
            s = createPort(o);
        } else if (op instanceof CapOp.Mint o) {
            s = mint(o);
        } else if (op instanceof CapOp.Copy o) {
            s = derive("Copy", o.process(), o.src(), o.dst());
        } else if (op instanceof CapOp.Move o) {
            s = derive("Move", o.process(), o.src(), o.dst());
        } else if (op instanceof CapOp.Delete o) {
            s = single("Delete", o.process(), o.slot());
        } else if (op instanceof CapOp.Revoke o) {
            s = single("Revoke", o.process(), o.slot());
        } else {
            s = grant((CapOp.Grant) op);
        }
        steps.add(s);
        return s;
    }

    /** Slot arguments at or above {@link CapOp#FULL} name the n-th full slot, at {@link CapOp#FREE} the first free one. */
    private CapOp resolve(CapOp op) {
        int p = op.process();
        if (op instanceof CapOp.CreatePort o) {
            return new CapOp.CreatePort(p, full(p, o.mem()), free(p, o.dst()));
        } else if (op instanceof CapOp.Mint o) {
            return new CapOp.Mint(p, full(p, o.src()), free(p, o.dst()), o.r(), o.w(), o.g(), o.badge());
        } else if (op instanceof CapOp.Copy o) {
            return new CapOp.Copy(p, full(p, o.src()), free(p, o.dst()));
        } else if (op instanceof CapOp.Move o) {
            return new CapOp.Move(p, full(p, o.src()), free(p, o.dst()));
        } else if (op instanceof CapOp.Delete o) {
            return new CapOp.Delete(p, full(p, o.slot()));
        } else if (op instanceof CapOp.Revoke o) {
            return new CapOp.Revoke(p, full(p, o.slot()));
        }
        CapOp.Grant o = (CapOp.Grant) op;
        return new CapOp.Grant(p, full(p, o.src()), o.to());
    }

    private int full(int p, int s) {
        if (s < CapOp.FULL) {
            return s;
        }
        int n = 0;
        for (int i = 0; i < slots; i++) {
            n += k.caps.at(k.caps.globalSlot(p, i)).isEmpty() ? 0 : 1;
        }
        int want = n == 0 ? 0 : (s - CapOp.FULL) % n;
        for (int i = 0; i < slots; i++) {
            if (!k.caps.at(k.caps.globalSlot(p, i)).isEmpty() && want-- == 0) {
                return i;
            }
        }
        return 0;
    }

    private int free(int p, int s) {
        if (s < CapOp.FREE) {
            return s;
        }
        int f = k.caps.firstFree(p);
        return f < 0 ? 0 : f;
    }

    /** port_create(memSlot, slot, capacity): the spec's CreateObject from the memory capability in memSlot. */
    private Step createPort(CapOp.CreatePort o) {
        boolean[] livePorts = livePorts();
        int e = (int) IpcCalls.portCreate(k.kernel, process(o.process()), o.mem(), o.dst(), 1);
        Value obj = Value.str("none");
        for (int i = 0; e == Errors.OK && i < livePorts.length; i++) {
            if (!livePorts[i] && k.live(CapType.PORT, i)) {
                obj = mapping.object(CapType.PORT, i);
            }
        }
        return step("CreateObject", e, inModel(o.process(), o.mem(), o.dst()),
            proc(o.process()), slot(o.mem()), slot(o.dst()), obj);
    }

    private boolean[] livePorts() {
        boolean[] live = new boolean[k.ipc.portCount()];
        for (int i = 0; i < live.length; i++) {
            live[i] = k.live(CapType.PORT, i);
        }
        return live;
    }

    private Process process(int p) {
        return p >= 0 && p < k.processes.length ? k.processes[p] : k.processes[0];
    }

    private Step mint(CapOp.Mint o) {
        CapabilitySpace c = k.caps;
        int e = (int) CapCalls.mint(k.kernel, process(o.process()), o.src(), o.dst(), o.r(), o.w(), o.g(),
            o.badge());
        Value rights = mapping.rightsValue(o.r() == 1, o.w() == 1, o.g() == 1);
        Value badge = Value.of(o.badge());
        if (e == Errors.OK) {
            Capability made = c.at(c.globalSlot(o.process(), o.dst()));
            rights = mapping.rightsValue(made.canRead(), made.canWrite(), made.canGrant());
            badge = Value.of(made.badge());
        }
        boolean in = inModel(o.process(), o.src(), o.dst()) && flag(o.r()) && flag(o.w()) && flag(o.g())
            && o.badge() >= 0;
        return step("Mint", e, in, proc(o.process()),
            slot(o.src()), proc(o.process()), slot(o.dst()), rights, badge);
    }

    private static boolean flag(int v) {
        return v == 0 || v == 1;
    }

    private Step derive(String action, int p, int src, int dst) {
        int e = (int) (action.equals("Copy") ? CapCalls.copy(k.kernel, process(p), src, dst)
                                              : CapCalls.move(k.kernel, process(p), src, dst));
        return step(action, e, inModel(p, src, dst), proc(p), slot(src), proc(p), slot(dst));
    }

    /**
     * Delete and Revoke. A delete that takes the last capability to a port destroys the port
     * (the kernel's Reclaimer): it is logged with a third argument TRUE, and the trace spec reads
     * it as the spec's DestroyObject, whose effect it has.
     */
    private Step single(String action, int p, int s) {
        CapabilitySpace c = k.caps;
        if (action.equals("Revoke")) {
            int e = (int) CapCalls.revoke(k.kernel, process(p), s);
            return step(action, e, inModel(p, s, 0), proc(p), slot(s));
        }
        Capability cap = c.at(c.globalSlot(p, s));
        int type = cap.type();
        int object = cap.object();
        boolean before = !cap.isEmpty() && k.live(type, object);
        int e = (int) CapCalls.delete(k.kernel, process(p), s);
        boolean destroyed = e == Errors.OK && before && !k.live(type, object);
        return step(action, e, inModel(p, s, 0), proc(p), slot(s), Value.of(destroyed));
    }

    private Step grant(CapOp.Grant o) {
        CapabilitySpace c = k.caps;
        int e = c.checkCap(o.process(), o.src(), CapType.NONE, false, false, true);
        int dst = -1;
        if (e == Errors.OK && (o.to() == o.process() || c.globalSlot(o.to(), 0) < 0)) {
            e = Errors.BAD_ARGUMENT;
        }
        if (e == Errors.OK) {
            dst = c.firstFree(o.to());
            if (dst < 0) {
                e = Errors.NO_RESOURCES;
            }
        }
        if (e == Errors.OK) {
            c.copy(o.process(), o.src(), o.to(), dst);
        }
        boolean in = inModel(o.process(), o.src(), 0) && isProc(o.to()) && o.to() != o.process();
        return step("Copy", e, in, proc(o.process()), slot(o.src()), proc(o.to()),
            Value.of(dst + 1));
    }

    private Step step(String action, int code, boolean inModel, Value... args) {
        return new Step(action, List.of(args), code == Errors.OK, inModel, code,
            mapping.map(k.caps, k::live));
    }

    private Value proc(int p) {
        Value v = mapping.proc(p);
        return v == null ? Value.of(p) : v;
    }

    /** The spec's number of Java slot {@code s}. */
    private static Value slot(int s) {
        return Value.of(s + 1);
    }

    private boolean inModel(int p, int a, int b) {
        return isProc(p) && a >= 0 && a < slots && b >= 0 && b < slots;
    }

    private boolean isProc(int p) {
        for (int q : procs) {
            if (q == p) {
                return true;
            }
        }
        return false;
    }
}
