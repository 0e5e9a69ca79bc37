package dev.keel.modeltests.drive;

import java.util.List;
import java.util.Map;

import dev.keel.kernel.abi.Errors;
import dev.keel.kernel.cap.CapType;
import dev.keel.kernel.cap.Capability;
import dev.keel.kernel.cap.CapabilitySpace;
import dev.keel.modeltests.mapping.CapabilitiesMapping;
import dev.keel.modeltests.tla.Value;

/**
 * Replays actions of spec/Capabilities.tla, as TLC chose them, on the kernel's capability code:
 * each action runs through the kernel's pure check first (which must accept what the spec
 * enabled) and then the method of the same name (the shared naming table): createObject with a
 * port from Ipc.portCreate, mint, copy, move, delete, revoke, and destroyObject with
 * Ipc.destroyPort. Processes p1, p2 are Java processes 1, 2; slot s is Java slot s-1;
 * the model's Untyped is the boot memory object and its other object is port 0.
 */
public final class CapReplayer {

    /** What one replayed action did: the kernel's check result and the mapped state after it. */
    public record Result(int check, Map<String, Value> state) { }

    private final CapDriver driver;
    private final KernelParts k;

    /** @param untyped the model's name of the boot memory object; @param port its name of port 0 */
    public CapReplayer(Value untyped, Value port) {
        driver = new CapDriver(new int[] {1, 2}, 2, 1, List.of(Value.model("p1"), Value.model("p2")),
            List.of(untyped, port), java.util.Set.of("write", "grant"));
        k = driver.kernel();
    }

    public Map<String, Value> state() {
        return driver.mapping().map(k.caps, k::live);
    }

    /** Runs {@code act} = <<name, args...>>; a refused check leaves the kernel unchanged. */
    public Result apply(Value act) {
        String name = ((Value.Str) act.at(1)).s;
        int e;
        switch (name) {
            case "CreateObject": e = create(proc(act.at(2)), slot(act.at(3)), slot(act.at(4))); break;
            case "Mint": e = mint(act); break;
            case "Copy": e = derive(act, false); break;
            case "Move": e = derive(act, true); break;
            case "Delete": e = delete(proc(act.at(2)), slot(act.at(3))); break;
            case "Revoke": e = revoke(proc(act.at(2)), slot(act.at(3))); break;
            case "DestroyObject": e = destroy(proc(act.at(2)), slot(act.at(3))); break;
            default: throw new IllegalArgumentException("unknown action " + act.tla());
        }
        return new Result(e, state());
    }

    private static int proc(Value v) {
        String n = ((Value.ModelValue) v).name;
        return Integer.parseInt(n.substring(1));
    }

    private static int slot(Value v) {
        return (int) ((Value.Int) v).n - 1;
    }

    private int create(int p, int a, int b) {
        CapabilitySpace c = k.caps;
        int e = c.checkCap(p, a, CapType.MEMORY, false, true, false);
        if (e == Errors.OK) {
            e = c.checkEmpty(p, b);
        }
        if (e == Errors.OK) {
            e = k.ipc.checkPortCreate(1);
        }
        if (e == Errors.OK) {
            int port = k.ipc.portCreate(1);
            c.createObject(p, b, CapType.PORT, port, true, true, true);
        }
        return e;
    }

    private int mint(Value act) {
        int p = proc(act.at(2));
        int a = slot(act.at(3));
        int b = slot(act.at(4));
        Value.SetV r = (Value.SetV) act.at(5);
        long badge = ((Value.Int) act.at(6)).n;
        int e = k.caps.checkDerive(p, a, p, b);
        if (e == Errors.OK) {
            // The model has no read right: keep the source's read (the mapping drops it).
            k.caps.mint(p, a, p, b, true, r.members.contains(Value.str("write")),
                r.members.contains(Value.str("grant")), badge);
        }
        return e;
    }

    private int derive(Value act, boolean move) {
        int p = proc(act.at(2));
        int a = slot(act.at(3));
        int q = proc(act.at(4));
        int b = slot(act.at(5));
        CapabilitySpace c = k.caps;
        int e = c.checkDerive(p, a, q, b);
        if (e == Errors.OK && q != p) {
            e = c.checkCap(p, a, CapType.NONE, false, false, true);
        }
        if (e == Errors.OK && move) {
            c.move(p, a, q, b);
        } else if (e == Errors.OK) {
            c.copy(p, a, q, b);
        }
        return e;
    }

    private int delete(int p, int a) {
        int e = k.caps.checkCap(p, a, CapType.NONE, false, false, false);
        if (e == Errors.OK) {
            k.caps.delete(p, a);
        }
        return e;
    }

    private int revoke(int p, int a) {
        int e = k.caps.checkCap(p, a, CapType.NONE, false, false, false);
        if (e == Errors.OK) {
            k.caps.revoke(p, a);
        }
        return e;
    }

    /** The kernel destroys a port through an original capability with write. */
    private int destroy(int p, int a) {
        CapabilitySpace c = k.caps;
        int e = c.checkCap(p, a, CapType.PORT, false, true, false);
        int g = c.globalSlot(p, a);
        if (e == Errors.OK && c.parentOf(g) != CapabilitySpace.NO_PARENT) {
            e = Errors.BAD_ARGUMENT;
        }
        if (e == Errors.OK) {
            Capability cap = c.at(g);
            int port = cap.object();
            c.destroyObject(CapType.PORT, port);
            if (k.ipc.port(port) != null) {
                k.ipc.destroyPort(k.ipc.port(port));
            }
        }
        return e;
    }
}
