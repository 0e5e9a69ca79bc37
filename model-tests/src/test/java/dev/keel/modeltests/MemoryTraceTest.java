package dev.keel.modeltests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.keel.modeltests.drive.MemOp;
import dev.keel.modeltests.drive.MemoryDriver;
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
 * Trace validation of the memory manager: jqwik generates sequences of memory operations on
 * three address spaces (mmap, munmap, mprotect, faults, fork, teardown; refused calls included),
 * the kernel runs them with three frames to hand out, and TLC checks every logged trace against
 * spec/Memory.tla in one run.
 */
class MemoryTraceTest {

    static final List<Value> SPACES = List.of(Value.str("s1"), Value.str("s2"), Value.str("s3"));
    static final int PAGES = 2;
    static final List<Value> FRAMES = List.of(Value.str("f1"), Value.str("f2"), Value.str("f3"));
    static final int TRACES = 100;

    @Property(tries = 1, seed = "20261125", shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void kernelTracesAreBehavioursOfTheSpec(@ForAll("programs") List<List<MemOp>> programs) throws Exception {
        if (!Env.hasSpec("Memory")) {
            Summary.put("7-trace-memory", "Trace validation, Memory: NOT RUN, spec/tla/Memory.tla missing");
        }
        assumeTrue(Env.hasSpec("Memory"), "spec/tla/Memory.tla is not on this branch");
        long t0 = System.nanoTime();
        List<List<Step>> traces = new ArrayList<>();
        for (List<MemOp> program : programs) {
            MemoryDriver d = new MemoryDriver(SPACES, PAGES, FRAMES, Value.str("none"));
            for (MemOp op : program) {
                d.apply(op);
            }
            traces.add(d.steps());
        }
        TraceChecker.Outcome o = new TraceChecker(Env.tlc(), Env.tla(), Env.work()).check("Memory", constants(), traces);
        double secs = (System.nanoTime() - t0) / 1e9;
        assertTrue(o.error().isEmpty(), o.error());
        Known.Verdict v = Known.judge("trace/Memory", o.failures());
        long fresh = v.problems().stream().filter(x -> x.startsWith("DISCREPANCY")).count();
        Summary.put("7-trace-memory", String.format(
            "Trace validation, Memory: %d traces, %,d steps (%,d refused calls) checked by TLC; "
                + "%d traces conform to the end, %d stop at a known discrepancy, %d at a new one; %.0f s",
            o.traces(), o.steps(), CapabilitiesTraceTest.refused(traces), o.traces() - o.failures().size(),
            o.failures().size() - fresh, fresh, secs));
        Summary.figures("trace-memory", o.traces(), o.steps(), secs, -1, -1, "-");
        for (int k = 0; k < v.lines().size(); k++) {
            Summary.put("7-trace-memory-known-" + k, "  " + v.lines().get(k));
        }
        assertTrue(v.problems().isEmpty(), String.join("\n", v.problems()));
    }

    static Map<String, Value> constants() {
        Map<String, Value> c = new LinkedHashMap<>();
        c.put("TrSpaces", Value.set(SPACES));
        List<Value> pages = new ArrayList<>();
        for (int p = 1; p <= PAGES; p++) {
            pages.add(Value.of(p));
        }
        c.put("TrPages", Value.set(pages));
        c.put("TrFrames", Value.set(FRAMES));
        return c;
    }

    @Provide
    Arbitrary<List<List<MemOp>>> programs() {
        return op().list().ofMinSize(15).ofMaxSize(40).list().ofSize(TRACES);
    }

    /** Faults and maps weighted up so that frames run out and copies get made. */
    static Arbitrary<MemOp> op() {
        Arbitrary<Integer> s = Arbitraries.frequency(Tuple.of(5, 0), Tuple.of(3, 1), Tuple.of(2, 2));
        Arbitrary<Integer> pg = Arbitraries.integers().between(1, PAGES);
        Arbitrary<Integer> touched = Arbitraries.frequency(Tuple.of(3, MemOp.TRAPPING), Tuple.of(1, 1), Tuple.of(1, 2));
        Arbitrary<Integer> child = Arbitraries.frequency(Tuple.of(4, MemOp.EMPTY), Tuple.of(1, 0), Tuple.of(1, 1),
            Tuple.of(1, 2));
        Arbitrary<Boolean> b = Arbitraries.of(true, false);
        Arbitrary<Boolean> write = Arbitraries.frequency(Tuple.of(3, false), Tuple.of(1, true));
        Arbitrary<Boolean> odd = Arbitraries.frequency(Tuple.of(15, false), Tuple.of(1, true));
        return Arbitraries.frequencyOf(
            Tuple.of(5, Combinators.combine(s, pg, b, odd).as(MemOp.Map::new)),
            Tuple.of(2, Combinators.combine(s, pg, odd).as(MemOp.Unmap::new)),
            Tuple.of(3, Combinators.combine(s, touched, b).as(MemOp.Protect::new)),
            Tuple.of(7, Combinators.combine(s, touched, write).as(MemOp.Fault::new)),
            Tuple.of(2, Combinators.combine(s, child).as(MemOp.Fork::new)),
            Tuple.of(1, s.map(MemOp.Release::new)));
    }
}
