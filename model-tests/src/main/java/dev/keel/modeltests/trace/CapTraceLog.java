package dev.keel.modeltests.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.keel.modeltests.mapping.CapabilitiesMapping;
import dev.keel.modeltests.tla.Value;
import dev.keel.modeltests.tla.ValueParser;

/**
 * Reads the capability trace the kernel writes itself ({@code dev.keel.kernel.trace.CapTrace}: one
 * {@code @cap <<action, args, entries, objects>>} line per action, the state as TLA+ text) and
 * turns it into the {@link Step}s of one trace of spec/Capabilities.tla, with the model constants
 * the trace needs (processes, slots, objects, badges: those it mentions).
 *
 * The first event must be the creation of the root's memory capability: its state is the spec's
 * Init. Of each later event's arguments, two are read off the states rather than the line: a
 * Mint's rights and badge (those of the new capability) and whether a Delete took the last
 * capability to its object (the object left {@code objects}: the trace spec then reads the step as
 * DestroyObject, as for the hosted traces).
 */
public final class CapTraceLog {

    /** The line prefix of a capability event. */
    public static final String PREFIX = "@cap ";

    /** One event as written: the action, its arguments, and the state after it (sparse). */
    public record Event(int line, String action, List<Value> args, Map<Value, Value> caps,
            Map<Value, Value> parents, Value objects) { }

    /** A decoded trace: the constants of the trace spec and the steps, Init first. */
    public record Decoded(Map<String, Value> constants, List<Step> steps) { }

    private CapTraceLog() {
    }

    /** The events of the {@code @cap} lines of {@code lines} (other lines are skipped). */
    public static List<Event> parse(List<String> lines) {
        List<Event> out = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String l = lines.get(n).strip();
            if (l.startsWith(PREFIX)) {
                out.add(event(n + 1, l.substring(PREFIX.length())));
            }
        }
        return out;
    }

    private static Event event(int line, String text) {
        Value v;
        try {
            v = ValueParser.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("trace line " + line + ": " + e.getMessage(), e);
        }
        Map<Value, Value> caps = new TreeMap<>();
        Map<Value, Value> parents = new TreeMap<>();
        for (Value entry : v.at(3).members()) {
            caps.put(entry.at(1), entry.at(2));
            parents.put(entry.at(1), entry.at(3));
        }
        String action = ((Value.Str) v.at(1)).s;
        return new Event(line, action, v.at(2).items(), caps, parents, v.at(4));
    }

    /** The steps and constants of the trace {@code events}. */
    public static Decoded decode(List<Event> events) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("the trace holds no capability event");
        }
        Event init = events.get(0);
        if (!init.action().equals("CreateObject") || init.caps().size() != 1
                || !((Value.Str) init.caps().values().iterator().next().get("type")).s.equals("Memory")) {
            throw new IllegalArgumentException("trace line " + init.line()
                + ": the first event must create the root's memory capability, not " + init.action());
        }
        Map<String, Value> constants = constants(events);
        TreeSet<Value> procs = constants.get("TrProcs").members();
        TreeSet<Value> slots = constants.get("TrSlots").members();
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("Init", List.of(), true, true, 0, state(init, procs, slots)));
        for (int i = 1; i < events.size(); i++) {
            Event e = events.get(i);
            steps.add(new Step(e.action(), args(events.get(i - 1), e), true, true, 0, state(e, procs, slots)));
        }
        return new Decoded(constants, steps);
    }

    /** The arguments as the trace spec reads them (see the class comment). */
    private static List<Value> args(Event before, Event e) {
        List<Value> a = new ArrayList<>(e.args());
        if (e.action().equals("Mint")) {
            Value minted = e.caps().get(Value.tuple(a.get(2), a.get(3)));
            if (minted == null) {
                throw new IllegalArgumentException("trace line " + e.line() + ": Mint left its destination empty");
            }
            a.add(minted.get("rights"));
            a.add(minted.get("badge"));
        } else if (e.action().equals("Delete")) {
            Value gone = before.caps().get(Value.tuple(a.get(0), a.get(1)));
            boolean destroyed = gone != null && !e.objects().members().contains(gone.get("obj"));
            a.add(Value.of(destroyed));
        }
        return a;
    }

    /** slots, parent and objects over the whole model, from the event's full slots. */
    private static Map<String, Value> state(Event e, TreeSet<Value> procs, TreeSet<Value> slots) {
        TreeMap<Value, Value> slotsFn = new TreeMap<>();
        TreeMap<Value, Value> parentFn = new TreeMap<>();
        for (Value p : procs) {
            TreeMap<Value, Value> space = new TreeMap<>();
            for (Value s : slots) {
                Value ref = Value.tuple(p, s);
                space.put(s, e.caps().getOrDefault(ref, CapabilitiesMapping.EMPTY));
                parentFn.put(ref, e.parents().getOrDefault(ref, CapabilitiesMapping.NO_REF));
            }
            slotsFn.put(p, Value.fn(space));
        }
        Map<String, Value> vars = new LinkedHashMap<>();
        vars.put("slots", Value.fn(slotsFn));
        vars.put("parent", Value.fn(parentFn));
        vars.put("objects", Value.set(e.objects().members()));
        return vars;
    }

    /** The constants: every process, slot, object and badge the trace mentions. */
    private static Map<String, Value> constants(List<Event> events) {
        TreeSet<Value> procs = new TreeSet<>();
        TreeSet<Value> slots = new TreeSet<>();
        TreeMap<Value, Value> typeOf = new TreeMap<>();
        TreeSet<Value> badges = new TreeSet<>(List.of(Value.of(0)));
        for (Event e : events) {
            for (Map.Entry<Value, Value> c : e.caps().entrySet()) {
                addRef(c.getKey(), procs, slots);
                typeOf.put(c.getValue().get("obj"), c.getValue().get("type"));
                badges.add(c.getValue().get("badge"));
            }
            for (Value parent : e.parents().values()) {
                if (!parent.equals(CapabilitiesMapping.NO_REF)) {
                    addRef(parent, procs, slots);
                }
            }
        }
        Event init = events.get(0);
        Value rootRef = init.caps().keySet().iterator().next();
        Map<String, Value> c = new LinkedHashMap<>();
        c.put("TrProcs", Value.set(procs));
        c.put("TrSlots", Value.set(slots));
        c.put("TrObjects", Value.set(typeOf.keySet()));
        c.put("TrTypeOf", Value.fn(typeOf));
        c.put("TrUntyped", init.caps().get(rootRef).get("obj"));
        c.put("TrRoot", rootRef.at(1));
        c.put("TrBadges", Value.set(badges));
        c.put("TrRights", Value.set(Value.str("read"), Value.str("write"), Value.str("grant")));
        return c;
    }

    private static void addRef(Value ref, TreeSet<Value> procs, TreeSet<Value> slots) {
        procs.add(ref.at(1));
        slots.add(ref.at(2));
    }
}
