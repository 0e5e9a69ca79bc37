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
 * <li>{@code slots[p][s]}: process p is a Java process index named by a model value (p1 for
 *     process 1), TLA+ slot s is Java slot s-1
 *     (slot 1 of the root, the untyped capability, is the kernel's slot 0). A capability becomes
 *     {@code [type, obj, rights, badge]}; an empty slot becomes {@code Empty}.</li>
 * <li>{@code parent[<<p, s>>]}: the global parent slot of {@link CapabilitySpace#parentOf}
 *     split into (process, slot+1), or {@code NoRef = <<"none", 0>>}.</li>
 * <li>{@code objects}: the live objects of the universe, as told by an {@link ObjectTable}.</li>
 * </ul>
 * Objects are named by the caller (the small model's {@code mem}, {@code port}) or by type and pool
 * index ({@code "Memory0"}, {@code "Port3"}). Rights outside the model's {@code Rights} are dropped.
 */
public final class CapabilitiesMapping {

    /** Which kernel objects exist now. */
    public interface ObjectTable {
        boolean live(int type, int index);
    }

    /** One kernel object: a type (CapType) and its index in that type's pool. */
    public record ObjectId(int type, int index) {
        /** The default name, a string such as "Port3". */
        public Value name() {
            return Value.str(typeName(type) + index);
        }
    }

    public static final Value NO_REF = Value.tuple(Value.str("none"), Value.of(0));

    public static final Value EMPTY = Value.record("type", Value.str("None"), "obj", Value.str("None"),
        "rights", Value.set(), "badge", Value.of(0));

    private final Map<Integer, Value> procs;
    private final int slots;
    private final Map<ObjectId, Value> universe;
    private final java.util.Set<String> rights;

    /**
     * @param procs the Java process indices that make up {@code Procs}, with their TLA+ names
     * @param slots the number of slots per process in the model ({@code Slots = 1..slots})
     * @param universe the objects that make up {@code Objects}, with their TLA+ names
     * @param rights the model's {@code Rights}; a right outside it is abstracted away
     */
    public CapabilitiesMapping(Map<Integer, Value> procs, int slots, Map<ObjectId, Value> universe,
            java.util.Set<String> rights) {
        this.procs = new LinkedHashMap<>(procs);
        this.slots = slots;
        this.universe = new LinkedHashMap<>(universe);
        this.rights = java.util.Set.copyOf(rights);
    }

    /** The TLA+ name of Java process {@code p}, or null when it is outside the model. */
    public Value proc(int p) {
        return procs.get(p);
    }

    /** The TLA+ name of an object (the default name when outside the model). */
    public Value object(int type, int index) {
        ObjectId id = new ObjectId(type, index);
        return universe.getOrDefault(id, id.name());
    }

    /** Rights as the model's set of strings. */
    public Value rightsValue(boolean read, boolean write, boolean grant) {
        List<Value> r = new ArrayList<>();
        for (Value v : ((Value.SetV) rights(read, write, grant)).members) {
            if (rights.contains(((Value.Str) v).s)) {
                r.add(v);
            }
        }
        return Value.set(r);
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

    public Value cap(Capability c) {
        if (c.isEmpty()) {
            return EMPTY;
        }
        return Value.record("type", Value.str(typeName(c.type())),
            "obj", object(c.type(), c.object()),
            "rights", rightsValue(c.canRead(), c.canWrite(), c.canGrant()),
            "badge", Value.of(c.badge()));
    }

    /** The TLA+ slot reference of a global slot number. */
    public Value ref(CapabilitySpace caps, int global) {
        if (global == CapabilitySpace.NO_PARENT) {
            return NO_REF;
        }
        int per = caps.slotsPerProcess();
        Value p = proc(global / per);
        return Value.tuple(p == null ? Value.of(global / per) : p, Value.of(global % per + 1));
    }

    /** The values of slots, parent and objects, in that order. */
    public Map<String, Value> map(CapabilitySpace caps, ObjectTable table) {
        TreeMap<Value, Value> slotsFn = new TreeMap<>();
        TreeMap<Value, Value> parentFn = new TreeMap<>();
        for (Map.Entry<Integer, Value> pe : procs.entrySet()) {
            int p = pe.getKey();
            TreeMap<Value, Value> space = new TreeMap<>();
            for (int s = 1; s <= slots; s++) {
                int g = caps.globalSlot(p, s - 1);
                space.put(Value.of(s), cap(caps.at(g)));
                parentFn.put(Value.tuple(pe.getValue(), Value.of(s)), ref(caps, caps.parentOf(g)));
            }
            slotsFn.put(pe.getValue(), Value.fn(space));
        }
        List<Value> live = new ArrayList<>();
        for (Map.Entry<ObjectId, Value> o : universe.entrySet()) {
            if (table.live(o.getKey().type(), o.getKey().index())) {
                live.add(o.getValue());
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
        for (Map.Entry<ObjectId, Value> o : universe.entrySet()) {
            m.put(o.getValue(), Value.str(typeName(o.getKey().type())));
        }
        return Value.fn(m);
    }

    public Value objectsConstant() {
        return Value.set(new ArrayList<>(universe.values()));
    }

    public Value procsConstant() {
        return Value.set(new ArrayList<>(procs.values()));
    }

    public Value rightsConstant() {
        List<Value> r = new ArrayList<>();
        for (String x : rights) {
            r.add(Value.str(x));
        }
        return Value.set(r);
    }

    public int slots() {
        return slots;
    }
}
