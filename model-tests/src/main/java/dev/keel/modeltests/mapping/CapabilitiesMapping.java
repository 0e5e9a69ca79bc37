package dev.keel.modeltests.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.keel.kernel.cap.CapType;
import dev.keel.kernel.cap.Capability;
import dev.keel.kernel.cap.CapabilitySpace;
import dev.keel.modeltests.tla.Value;

/**
 * Refinement mapping from the kernel's capability state to the variables of spec/Capabilities.tla.
 *
 * <ul>
 * <li>{@code slots[p][s]}: process p is the Java process index, TLA+ slot s is Java slot s-1
 *     (slot 1 of the root, the untyped capability, is the kernel's slot 0). A capability becomes
 *     {@code [type, obj, rights, badge]}; an empty slot becomes {@code Empty}.</li>
 * <li>{@code parent[<<p, s>>]}: the global parent slot of {@link CapabilitySpace#parentOf}
 *     split into (process, slot+1), or {@code NoRef = <<"none", 0>>}.</li>
 * <li>{@code objects}: the live objects of the universe, as told by an {@link ObjectTable}.</li>
 * </ul>
 * Objects are named by type and pool index: {@code "Memory0"}, {@code "Port3"}.
 */
public final class CapabilitiesMapping {

    /** Which kernel objects exist now. */
    public interface ObjectTable {
        boolean live(int type, int index);
    }

    /** One kernel object: a type (CapType) and its index in that type's pool. */
    public record ObjectId(int type, int index) {
        public Value name() {
            return Value.str(typeName(type) + index);
        }
    }

    public static final Value NO_REF = Value.tuple(Value.str("none"), Value.of(0));

    public static final Value EMPTY = Value.record("type", Value.str("None"), "obj", Value.str("None"),
        "rights", Value.set(), "badge", Value.of(0));

    private final int[] procs;
    private final int slots;
    private final List<ObjectId> universe;

    /**
     * @param procs the Java process indices that make up {@code Procs}
     * @param slots the number of slots per process in the model ({@code Slots = 1..slots})
     * @param universe the objects that make up {@code Objects}
     */
    public CapabilitiesMapping(int[] procs, int slots, List<ObjectId> universe) {
        this.procs = procs.clone();
        this.slots = slots;
        this.universe = List.copyOf(universe);
    }

    /** The spec's name of a kernel object type. */
    public static String typeName(int type) {
        switch (type) {
            case CapType.MEMORY: return "Memory";
            case CapType.IO_PORT: return "IoPort";
            case CapType.PORT: return "Port";
            case CapType.PROCESS: return "Process";
            case CapType.IRQ: return "Irq";
            default: return "None";
        }
    }

    public static Value rights(boolean read, boolean write, boolean grant) {
        List<Value> r = new ArrayList<>();
        if (read) {
            r.add(Value.str("read"));
        }
        if (write) {
            r.add(Value.str("write"));
        }
        if (grant) {
            r.add(Value.str("grant"));
        }
        return Value.set(r);
    }

    public static Value cap(Capability c) {
        if (c.isEmpty()) {
            return EMPTY;
        }
        return Value.record("type", Value.str(typeName(c.type())),
            "obj", new ObjectId(c.type(), c.object()).name(),
            "rights", rights(c.canRead(), c.canWrite(), c.canGrant()),
            "badge", Value.of(c.badge()));
    }

    /** The TLA+ slot reference of a global slot number. */
    public static Value ref(CapabilitySpace caps, int global) {
        if (global == CapabilitySpace.NO_PARENT) {
            return NO_REF;
        }
        int per = caps.slotsPerProcess();
        return Value.tuple(Value.of(global / per), Value.of(global % per + 1));
    }

    /** The values of slots, parent and objects, in that order. */
    public Map<String, Value> map(CapabilitySpace caps, ObjectTable table) {
        TreeMap<Value, Value> slotsFn = new TreeMap<>();
        TreeMap<Value, Value> parentFn = new TreeMap<>();
        for (int p : procs) {
            TreeMap<Value, Value> space = new TreeMap<>();
            for (int s = 1; s <= slots; s++) {
                int g = caps.globalSlot(p, s - 1);
                space.put(Value.of(s), cap(caps.at(g)));
                parentFn.put(Value.tuple(Value.of(p), Value.of(s)), ref(caps, caps.parentOf(g)));
            }
            slotsFn.put(Value.of(p), Value.fn(space));
        }
        List<Value> live = new ArrayList<>();
        for (ObjectId o : universe) {
            if (table.live(o.type(), o.index())) {
                live.add(o.name());
            }
        }
        Map<String, Value> vars = new LinkedHashMap<>();
        vars.put("slots", Value.fn(slotsFn));
        vars.put("parent", Value.fn(parentFn));
        vars.put("objects", Value.set(live));
        return vars;
    }

    /** The constant {@code TypeOf}: each object of the universe to its type name. */
    public Value typeOf() {
        TreeMap<Value, Value> m = new TreeMap<>();
        for (ObjectId o : universe) {
            m.put(o.name(), Value.str(typeName(o.type())));
        }
        return Value.fn(m);
    }

    public Value objectsConstant() {
        List<Value> all = new ArrayList<>();
        for (ObjectId o : universe) {
            all.add(o.name());
        }
        return Value.set(all);
    }

    public Value procsConstant() {
        List<Value> all = new ArrayList<>();
        for (int p : procs) {
            all.add(Value.of(p));
        }
        return Value.set(all);
    }

    public int slots() {
        return slots;
    }
}
