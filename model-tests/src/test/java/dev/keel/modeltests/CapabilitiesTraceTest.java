package dev.keel.modeltests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.keel.modeltests.drive.CapDriver;
import dev.keel.modeltests.drive.CapOp;
import dev.keel.modeltests.tla.Value;
import dev.keel.modeltests.trace.Step;
import dev.keel.modeltests.trace.TraceChecker;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;

/**
 * Trace validation of the capability system: jqwik generates system call sequences from three
 * processes (refused calls included), the kernel runs them, and TLC checks every logged trace
 * against spec/Capabilities.tla in one run.
 */
class CapabilitiesTraceTest {

    static final int[] PROCS = {1, 2, 3};
    static final int SLOTS = 4;
    static final int PORTS = 3;
    static final int TRACES = 40;

    @Property(tries = 1, seed = "20261125", shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void kernelTracesAreBehavioursOfTheSpec(@ForAll("programs") List<List<CapOp>> programs) throws Exception {
        if (!Env.hasSpec("Capabilities")) {
            Summary.put("1-trace-capabilities", "Trace validation, Capabilities: NOT RUN, spec/tla/Capabilities.tla missing");
        }
        assumeTrue(Env.hasSpec("Capabilities"), "spec/tla/Capabilities.tla is not on this branch");
        long t0 = System.nanoTime();
        List<List<Step>> traces = new ArrayList<>();
        CapDriver first = null;
        for (List<CapOp> program : programs) {
            CapDriver d = new CapDriver(PROCS, SLOTS, PORTS);
            first = first == null ? d : first;
            for (CapOp op : program) {
                d.apply(op);
            }
            traces.add(d.steps());
        }
        TraceChecker.Outcome o = new TraceChecker(Env.tlc(), Env.tla(), Env.work())
            .check("Capabilities", constants(first), traces);
        double secs = (System.nanoTime() - t0) / 1e9;
        assertTrue(o.error().isEmpty(), o.error());
        Known.Verdict v = Known.judge("trace/Capabilities", o.failures());
        Summary.put("1-trace-capabilities", String.format(
            "Trace validation, Capabilities: %d traces, %,d steps (%,d refused calls) checked by TLC; "
                + "%d traces conform to the end, %d stop at a known discrepancy, %d at a new one; %.0f s",
            o.traces(), o.steps(), refused(traces), o.traces() - o.failures().size(),
            o.failures().size() - v.problems().stream().filter(x -> x.startsWith("DISCREPANCY")).count(),
            v.problems().stream().filter(x -> x.startsWith("DISCREPANCY")).count(), secs));
        Summary.figures("trace-capabilities", o.traces(), o.steps(), secs, -1, -1, "-");
        for (int k = 0; k < v.lines().size(); k++) {
            Summary.put("1-trace-capabilities-known-" + k, "  " + v.lines().get(k));
        }
        assertTrue(v.problems().isEmpty(), String.join("\n", v.problems()));
    }

    static long refused(List<List<Step>> traces) {
        return traces.stream().flatMap(List::stream).filter(s -> !s.ok()).count();
    }

    static Map<String, Value> constants(CapDriver d) {
        Map<String, Value> c = new LinkedHashMap<>();
        c.put("TrProcs", d.mapping().procsConstant());
        List<Value> slots = new ArrayList<>();
        for (int s = 1; s <= SLOTS; s++) {
            slots.add(Value.of(s));
        }
        c.put("TrSlots", Value.set(slots));
        c.put("TrObjects", d.mapping().objectsConstant());
        c.put("TrTypeOf", d.mapping().typeOf());
        c.put("TrUntyped", d.untypedName());
        c.put("TrRoot", d.mapping().proc(CapDriver.ROOT));
        c.put("TrBadges", Value.set(Value.of(0), Value.of(1), Value.of(2)));
        c.put("TrRights", d.mapping().rightsConstant());
        return c;
    }

    @Provide
    Arbitrary<List<List<CapOp>>> programs() {
        return op().list().ofMinSize(20).ofMaxSize(60).list().ofSize(TRACES);
    }

    /**
     * Sources are mostly "one of my capabilities", destinations mostly "a free slot", with raw slot
     * numbers (some out of range) mixed in; the root (1) acts most, as it holds the untyped.
     */
    static Arbitrary<CapOp> op() {
        Arbitrary<Integer> p = Arbitraries.frequency(Tuple.of(5, 1), Tuple.of(3, 2), Tuple.of(3, 3));
        // Ports are mostly created by the root, which holds the memory capability; the others hold
        // one only after a grant, so their port_create is mostly refused.
        Arbitrary<Integer> creator = Arbitraries.frequency(Tuple.of(12, 1), Tuple.of(1, 2), Tuple.of(1, 3));
        Arbitrary<Integer> raw = Arbitraries.frequency(Tuple.of(1, -1), Tuple.of(4, 0), Tuple.of(4, 1),
            Tuple.of(4, 2), Tuple.of(4, 3), Tuple.of(1, 4));
        Arbitrary<Integer> full = Arbitraries.integers().between(CapOp.FULL, CapOp.FULL + 7);
        Arbitrary<Integer> src = Arbitraries.oneOf(raw, full, full, full);
        Arbitrary<Integer> dst = Arbitraries.frequency(Tuple.of(1, -1), Tuple.of(1, 0), Tuple.of(1, 1),
            Tuple.of(1, 3), Tuple.of(1, 4), Tuple.of(10, CapOp.FREE));
        Arbitrary<Integer> flag = Arbitraries.frequency(Tuple.of(10, 0), Tuple.of(10, 1), Tuple.of(1, 2));
        Arbitrary<Long> badge = Arbitraries.frequency(Tuple.of(6, 0L), Tuple.of(3, 1L), Tuple.of(3, 2L),
            Tuple.of(1, -1L));
        Arbitrary<Integer> mem = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(0)), Tuple.of(5, full),
            Tuple.of(1, Arbitraries.just(-1)));
        return Arbitraries.frequencyOf(
            Tuple.of(4, Combinators.combine(creator, mem, dst).as(CapOp.CreatePort::new)),
            Tuple.of(3, Combinators.combine(p, src, dst, flag, flag, flag, badge).as(CapOp.Mint::new)),
            Tuple.of(2, Combinators.combine(p, src, dst).as(CapOp.Copy::new)),
            Tuple.of(2, Combinators.combine(p, src, dst).as(CapOp.Move::new)),
            Tuple.of(1, Combinators.combine(p, src).as(CapOp.Delete::new)),
            Tuple.of(1, Combinators.combine(p, src).as(CapOp.Revoke::new)),
            Tuple.of(5, Combinators.combine(p, src, p).as(CapOp.Grant::new)));
    }
}
