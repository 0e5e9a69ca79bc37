package dev.keel.modeltests.drive;

import java.util.List;
import java.util.Map;

import dev.keel.kernel.abi.Errors;
import dev.keel.kernel.cap.CapType;
import dev.keel.kernel.cap.Capability;
import dev.keel.kernel.cap.CapabilitySpace;
import dev.keel.kernel.sys.CapCalls;
import dev.keel.kernel.sys.IpcCalls;
import dev.keel.modeltests.mapping.CapabilitiesMapping;
import dev.keel.modeltests.tla.Value;

/**
 * Replays actions of spec/Capabilities.tla, as TLC chose them, on the kernel's capability code:
 * each action runs through the kernel's pure check first (which must accept what the spec
 * enabled) and then the method of the same name (the mapping in spec/README.md). Within one process
 * the kernel's system calls run: port_create (IpcCalls.portCreate) for CreateObject, cap_mint,
 * cap_copy, cap_move, cap_delete, cap_revoke (CapCalls). Copies and moves between processes,
 * which only a message transfer does in the kernel, use CapabilitySpace.copy/move after the
 * transfer's grant check; DestroyObject uses destroyObject and Ipc.destroyPort. CopySpace is
 * fork's copy of the capability space (slot by slot, as ProcessManager.fork), ClearSpace is
 * exit's Reclaimer.clear. Processes p1, p2 are Java processes 1, 2; slot s is Java slot s-1;
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
            case "CopySpace": e = copySpace(proc(act.at(2)), proc(act.at(3))); break;
            case "ClearSpace": e = clearSpace(proc(act.at(2))); break;
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

    /** The kernel's port_create from the memory capability in slot a into slot b. */
    private int create(int p, int a, int b) {
        return (int) IpcCalls.portCreate(k.kernel, k.processes[p], a, b, 1);
    }

    private int mint(Value act) {
        int p = proc(act.at(2));
        int a = slot(act.at(3));
        int b = slot(act.at(4));
        Value.SetV r = (Value.SetV) act.at(5);
        long badge = ((Value.Int) act.at(6)).n;
        // The model has no read right: keep the source's read (the mapping drops it).
        return (int) CapCalls.mint(k.kernel, k.processes[p], a, b, 1, r.members.contains(Value.str("write")) ? 1 : 0,
            r.members.contains(Value.str("grant")) ? 1 : 0, badge);
    }

    private int derive(Value act, boolean move) {
        int p = proc(act.at(2));
        int a = slot(act.at(3));
        int q = proc(act.at(4));
        int b = slot(act.at(5));
        CapabilitySpace c = k.caps;
        if (q == p) {
            return (int) (move ? CapCalls.move(k.kernel, k.processes[p], a, b) : CapCalls.copy(k.kernel, k.processes[p], a, b));
        }
        int e = c.checkDerive(p, a, q, b);
        if (e == Errors.OK) {
            e = c.checkCap(p, a, CapType.NONE, false, false, true);
        }
        if (e == Errors.OK && move) {
            c.move(p, a, q, b);
        } else if (e == Errors.OK) {
            c.copy(p, a, q, b);
        }
        return e;
    }

    /** cap_delete: the last capability to a port takes the port with it (Reclaimer). */
    private int delete(int p, int a) {
        return (int) CapCalls.delete(k.kernel, k.processes[p], a);
    }

    /**
     * Fork's copy of process p's capability space into new process c: each full slot is copied
     * to the same slot, derived from the parent's (as ProcessManager.fork does; its copy loop is
     * private). The kernel checks the child's space is empty by taking a free process entry.
     */
    private int copySpace(int p, int c) {
        CapabilitySpace caps = k.caps;
        for (int s = 0; s < caps.slotsPerProcess(); s++) {
            if (caps.checkEmpty(c, s) != Errors.OK) {
                return Errors.SLOT_FULL;
            }
        }
        for (int s = 0; s < caps.slotsPerProcess(); s++) {
            if (caps.checkDerive(p, s, c, s) == Errors.OK) {
                caps.copy(p, s, c, s);
            }
        }
        return Errors.OK;
    }

    /** Exit's deletion of every capability of process p: the last one to a port takes it along. */
    private int clearSpace(int p) {
        k.kernel.reclaimer.clear(p);
        return Errors.OK;
    }

    private int revoke(int p, int a) {
        return (int) CapCalls.revoke(k.kernel, k.processes[p], a);
    }

    /**
     * The kernel has no system call for DestroyObject (a port dies with its last capability,
     * Reclaimer): the object's capabilities go (destroyObject) and the port dies (destroyPort),
     * with no check of the kernel's own to compare with the spec's guard.
     */
    private int destroy(int p, int a) {
        CapabilitySpace c = k.caps;
        int e = c.checkCap(p, a, CapType.PORT, false, false, false);
        int g = c.globalSlot(p, a);
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
