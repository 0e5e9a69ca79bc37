package dev.keel.modeltests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.keel.hw.sim.SimTraceSink;
import dev.keel.modeltests.drive.CapDriver;
import dev.keel.modeltests.drive.CapOp;
import dev.keel.modeltests.drive.KernelParts;
import dev.keel.modeltests.mapping.CapabilitiesMapping;
import dev.keel.modeltests.tla.Value;
import dev.keel.modeltests.trace.CapTraceLog;
import dev.keel.modeltests.trace.Step;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * The kernel's own capability trace (dev.keel.kernel.trace.CapTrace, what the booted kernel writes
 * to COM2) and the hosted refinement mapping (CapabilitiesMapping) say the same: the hosted trace
 * validation's programs run with the kernel's trace on, and after every system call that wrote an
 * event, the state in the event equals the mapping's state, slot by slot, link by link, and on
 * the live ports. (The mapping keeps the untyped memory object in objects for ever, the kernel's
 * trace while a capability names it; the two differ only once the root deletes its last memory
 * capability, so memory objects are not compared.) A call that wrote no event changed nothing.
 */
class KernelTraceMappingTest {

    @Property(tries = 1, seed = "20261125", shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void theKernelsTraceAgreesWithTheHostedMapping(@ForAll("programs") List<List<CapOp>> programs) {
        long compared = 0;
        long events = 0;
        for (List<CapOp> program : programs) {
            CapDriver d = new CapDriver(CapabilitiesTraceTest.PROCS, CapabilitiesTraceTest.SLOTS,
                CapabilitiesTraceTest.PORTS);
            KernelParts k = d.kernel();
            k.machine.simTrace().enable();
            k.caps.trace().attach(k.machine.trace(), k.ipc);
            Step before = d.steps().get(0);
            int seen = 0;
            for (int i = 0; i < program.size(); i++) {
                Step s = d.apply(program.get(i));
                List<CapTraceLog.Event> all = CapTraceLog.parse(lines(k.machine.simTrace()));
                String where = "program step " + (i + 1) + ": " + s;
                if (all.size() == seen) {
                    assertEquals(before.state(), s.state(), where + " changed the state but wrote no event");
                } else {
                    compare(d.mapping(), s.state(), all.get(all.size() - 1), where);
                    compared++;
                }
                events += all.size() - seen;
                seen = all.size();
                before = s;
            }
        }
        assertTrue(compared > 200, "only " + compared + " steps wrote events");
        Summary.put("1-trace-capabilities-kernel-mapping", String.format(
            "Kernel trace vs hosted mapping, Capabilities: %,d events of the kernel's own trace, %,d states "
                + "equal to the hosted mapping's", events, compared));
    }

    private static void compare(CapabilitiesMapping m, Map<String, Value> mapped, CapTraceLog.Event e,
            String where) {
        Value.Fn slots = (Value.Fn) mapped.get("slots");
        Value.Fn parent = (Value.Fn) mapped.get("parent");
        for (Map.Entry<Value, Value> p : slots.map.entrySet()) {
            Value proc = strings(p.getKey());
            for (Map.Entry<Value, Value> s : ((Value.Fn) p.getValue()).map.entrySet()) {
                Value ref = Value.tuple(proc, s.getKey());
                assertEquals(s.getValue(), e.caps().getOrDefault(ref, CapabilitiesMapping.EMPTY),
                    where + ": slot " + ref.tla());
                assertEquals(strings(parent.apply(Value.tuple(p.getKey(), s.getKey()))),
                    e.parents().getOrDefault(ref, CapabilitiesMapping.NO_REF), where + ": parent of " + ref.tla());
            }
        }
        assertEquals(ports(mapped.get("objects")), ports(e.objects()), where + ": live ports");
    }

    /** The value with every model value (the hosted names of processes) as a string. */
    private static Value strings(Value v) {
        if (v instanceof Value.ModelValue mv) {
            return Value.str(mv.name);
        }
        if (v instanceof Value.Fn f) {
            TreeMap<Value, Value> m = new TreeMap<>();
            f.map.forEach((a, b) -> m.put(strings(a), strings(b)));
            return Value.fn(m);
        }
        return v;
    }

    private static TreeSet<Value> ports(Value objects) {
        TreeSet<Value> out = new TreeSet<>();
        for (Value o : ((Value.SetV) objects).members) {
            if (((Value.Str) o).s.startsWith("Port")) {
                out.add(o);
            }
        }
        return out;
    }

    private static List<String> lines(SimTraceSink s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            b.append((char) s.at(i));
        }
        return new ArrayList<>(List.of(b.toString().split("\n")));
    }

    @Provide
    Arbitrary<List<List<CapOp>>> programs() {
        return CapabilitiesTraceTest.op().list().ofMinSize(20).ofMaxSize(60).list().ofSize(CapabilitiesTraceTest.TRACES);
    }
}
