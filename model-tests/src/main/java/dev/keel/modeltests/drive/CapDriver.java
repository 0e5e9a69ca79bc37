package dev.keel.modeltests.drive;

import java.util.ArrayList;
import java.util.List;

import dev.keel.kernel.abi.Errors;
import dev.keel.kernel.cap.CapType;
import dev.keel.kernel.cap.Capability;
import dev.keel.kernel.cap.CapabilitySpace;
import dev.keel.modeltests.mapping.CapabilitiesMapping;
import dev.keel.modeltests.mapping.CapabilitiesMapping.ObjectId;
import dev.keel.modeltests.tla.Value;
import dev.keel.modeltests.trace.Step;

/**
 * Runs capability system calls on the kernel and logs each as a {@link Step} of
 * spec/Capabilities.tla. Each call is decoded as the kernel's system call layer does: the
 * subsystem's pure {@code check...} first, the action only on OK, so a refused call changes
 * nothing. Passing a capability to another process follows the IPC transfer path: the sender
 * needs grant, the receiver gets a copy in its first free slot.
 */
public final class CapDriver {

    public static final int ROOT = 1;

    private final KernelParts k;
    private final CapabilitiesMapping mapping;
    private final int[] procs;
    private final int slots;
    private final List<Step> steps = new ArrayList<>();

    public CapDriver(int[] procs, int slots, int ports) {
        this.procs = procs.clone();
        this.slots = slots;
        int processes = procs[procs.length - 1] + 1;
        k = new KernelParts(1, processes, slots, ports, 8, 4);
        k.grantRoot(ROOT);
        List<ObjectId> universe = new ArrayList<>();
        universe.add(new ObjectId(CapType.MEMORY, k.untyped));
        for (int i = 0; i < ports; i++) {
            universe.add(new ObjectId(CapType.PORT, i));
        }
        mapping = new CapabilitiesMapping(procs, slots, universe);
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
        return new ObjectId(CapType.MEMORY, k.untyped).name();
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

    private Step createPort(CapOp.CreatePort o) {
        CapabilitySpace c = k.caps;
        int e = c.checkCap(o.process(), o.mem(), CapType.MEMORY, false, true, false);
        if (e == Errors.OK) {
            e = c.checkEmpty(o.process(), o.dst());
        }
        if (e == Errors.OK) {
            e = k.ipc.checkPortCreate(1);
        }
        Value obj = Value.str("none");
        if (e == Errors.OK) {
            int port = k.ipc.portCreate(1);
            c.createObject(o.process(), o.dst(), CapType.PORT, port, true, true, true);
            obj = new ObjectId(CapType.PORT, port).name();
        }
        return step("CreateObject", e, inModel(o.process(), o.mem(), o.dst()),
            Value.of(o.process()), slot(o.mem()), slot(o.dst()), obj);
    }

    private Step mint(CapOp.Mint o) {
        CapabilitySpace c = k.caps;
        int e = c.checkDerive(o.process(), o.src(), o.process(), o.dst());
        if (e == Errors.OK && (!flag(o.r()) || !flag(o.w()) || !flag(o.g()) || o.badge() < 0)) {
            e = Errors.BAD_ARGUMENT;
        }
        Value rights = CapabilitiesMapping.rights(o.r() == 1, o.w() == 1, o.g() == 1);
        Value badge = Value.of(o.badge());
        if (e == Errors.OK) {
            c.mint(o.process(), o.src(), o.process(), o.dst(), o.r() == 1, o.w() == 1, o.g() == 1,
                o.badge());
            Capability made = c.at(c.globalSlot(o.process(), o.dst()));
            rights = CapabilitiesMapping.rights(made.canRead(), made.canWrite(), made.canGrant());
            badge = Value.of(made.badge());
        }
        return step("Mint", e, inModel(o.process(), o.src(), o.dst()), Value.of(o.process()),
            slot(o.src()), Value.of(o.process()), slot(o.dst()), rights, badge);
    }

    private static boolean flag(int v) {
        return v == 0 || v == 1;
    }

    private Step derive(String action, int p, int src, int dst) {
        CapabilitySpace c = k.caps;
        int e = c.checkDerive(p, src, p, dst);
        if (e == Errors.OK && action.equals("Copy")) {
            c.copy(p, src, p, dst);
        } else if (e == Errors.OK) {
            c.move(p, src, p, dst);
        }
        return step(action, e, inModel(p, src, dst), Value.of(p), slot(src), Value.of(p), slot(dst));
    }

    private Step single(String action, int p, int s) {
        CapabilitySpace c = k.caps;
        int e = c.checkCap(p, s, CapType.NONE, false, false, false);
        if (e == Errors.OK && action.equals("Delete")) {
            c.delete(p, s);
        } else if (e == Errors.OK) {
            c.revoke(p, s);
        }
        return step(action, e, inModel(p, s, 0), Value.of(p), slot(s));
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
        return step("Copy", e, in, Value.of(o.process()), slot(o.src()), Value.of(o.to()),
            Value.of(dst + 1));
    }

    private Step step(String action, int code, boolean inModel, Value... args) {
        return new Step(action, List.of(args), code == Errors.OK, inModel, code,
            mapping.map(k.caps, k::live));
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
