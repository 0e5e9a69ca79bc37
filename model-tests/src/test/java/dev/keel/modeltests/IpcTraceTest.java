package dev.keel.modeltests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.keel.modeltests.drive.IpcDriver;
import dev.keel.modeltests.drive.IpcOp;
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
 * Trace validation of IPC: jqwik generates system call sequences from three threads (each in its
 * own process; refused calls included), the kernel runs them, and TLC checks every logged trace
 * against spec/Ipc.tla in one run. Thread a creates port p0 at boot; b and c may send to it with
 * grant; p1 and p2 are made by port_create.
 */
class IpcTraceTest {

    static final List<String> THREADS = List.of("a", "b", "c");
    static final List<String> PORTS = List.of("p0", "p1", "p2");
    static final int QUEUE = 2;
    static final int MAX_SENDS = 3;
    static final int TRACES = 40;

    /**
     * InitCaps: a holds every right to p0, unbadged; b and c may send to it with grant, through
     * capabilities badged 2 and 3, and b without grant through one badged 4.
     */
    static Value initCaps() {
        Map<String, Value> boot = Map.of("a", Value.set(cap(0, "read", "write", "grant")),
            "b", Value.set(cap(2, "write", "grant"), cap(4, "write")), "c", Value.set(cap(3, "write", "grant")));
        java.util.TreeMap<Value, Value> caps = new java.util.TreeMap<>();
        for (String t : THREADS) {
            java.util.TreeMap<Value, Value> per = new java.util.TreeMap<>();
            for (String p : PORTS) {
                per.put(Value.str(p), p.equals(PORTS.get(0)) ? boot.get(t) : Value.set());
            }
            caps.put(Value.str(t), Value.fn(per));
        }
        return Value.fn(caps);
    }

    private static Value cap(long badge, String... rights) {
        return Value.record("rights", Value.set(java.util.Arrays.stream(rights).map(Value::str).toList()),
            "badge", Value.of(badge));
    }

    @Property(tries = 1, seed = "20261125", shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void kernelTracesAreBehavioursOfTheSpec(@ForAll("programs") List<List<IpcOp>> programs) throws Exception {
        if (!Env.hasSpec("Ipc")) {
            Summary.put("5-trace-ipc", "Trace validation, Ipc: NOT RUN, spec/tla/Ipc.tla missing");
        }
        assumeTrue(Env.hasSpec("Ipc"), "spec/tla/Ipc.tla is not on this branch");
        long t0 = System.nanoTime();
        List<List<Step>> traces = new ArrayList<>();
        for (List<IpcOp> program : programs) {
            IpcDriver d = new IpcDriver(THREADS, PORTS, 1, initCaps(), QUEUE, MAX_SENDS);
            for (IpcOp op : program) {
                d.apply(op);
            }
            traces.add(d.steps());
        }
        TraceChecker.Outcome o = new TraceChecker(Env.tlc(), Env.tla(), Env.work()).check("Ipc", constants(), traces);
        double secs = (System.nanoTime() - t0) / 1e9;
        assertTrue(o.error().isEmpty(), o.error());
        Known.Verdict v = Known.judge("trace/Ipc", o.failures());
        long fresh = v.problems().stream().filter(x -> x.startsWith("DISCREPANCY")).count();
        Summary.put("5-trace-ipc", String.format(
            "Trace validation, Ipc: %d traces, %,d steps (%,d refused calls) checked by TLC; "
                + "%d traces conform to the end, %d stop at a known discrepancy, %d at a new one; %.0f s",
            o.traces(), o.steps(), CapabilitiesTraceTest.refused(traces), o.traces() - o.failures().size(),
            o.failures().size() - fresh, fresh, secs));
        Summary.figures("trace-ipc", o.traces(), o.steps(), secs, -1, -1, "-");
        for (int k = 0; k < v.lines().size(); k++) {
            Summary.put("5-trace-ipc-known-" + k, "  " + v.lines().get(k));
        }
        assertTrue(v.problems().isEmpty(), String.join("\n", v.problems()));
    }

    static Map<String, Value> constants() {
        Map<String, Value> c = new LinkedHashMap<>();
        c.put("TrThreads", Value.set(THREADS.stream().map(Value::str).toList()));
        c.put("TrPorts", Value.set(PORTS.stream().map(Value::str).toList()));
        c.put("TrInitPorts", Value.set(Value.str(PORTS.get(0))));
        c.put("TrInitCaps", initCaps());
        c.put("TrQueueLen", Value.of(QUEUE));
        c.put("TrMaxSends", Value.of(MAX_SENDS));
        return c;
    }

    @Provide
    Arbitrary<List<List<IpcOp>>> programs() {
        return op().list().ofMinSize(15).ofMaxSize(40).list().ofSize(TRACES);
    }

    /**
     * Sends, calls and receives on every port, by every thread (most refused where the thread
     * holds no capability), capability transfers mostly minted as the spec's messages carry them
     * and now and then passed raw; replies weighted up so that calls get answered.
     */
    static Arbitrary<IpcOp> op() {
        Arbitrary<Integer> t = Arbitraries.integers().between(0, THREADS.size() - 1);
        Arbitrary<Integer> p = Arbitraries.frequency(Tuple.of(5, 0), Tuple.of(3, 1), Tuple.of(2, 2));
        Arbitrary<Integer> kind = Arbitraries.frequency(Tuple.of(4, IpcOp.SEND), Tuple.of(3, IpcOp.TRY_SEND),
            Tuple.of(3, IpcOp.CALL));
        Arbitrary<Integer> xport = Arbitraries.frequency(Tuple.of(6, -1), Tuple.of(2, 1), Tuple.of(2, 2),
            Tuple.of(1, 0));
        Arbitrary<Integer> xrights = Arbitraries.of(IpcOp.W, IpcOp.G, IpcOp.W | IpcOp.G, IpcOp.R | IpcOp.W,
            IpcOp.R | IpcOp.W | IpcOp.G);
        Arbitrary<Boolean> raw = Arbitraries.frequency(Tuple.of(12, false), Tuple.of(1, true));
        return Arbitraries.frequencyOf(
            Tuple.of(2, t.map(IpcOp.PortCreate::new)),
            Tuple.of(8, Combinators.combine(t, p, kind, xport, xrights, raw).as(IpcOp.Send::new)),
            Tuple.of(6, Combinators.combine(t, p, Arbitraries.of(true, false)).as(IpcOp.Receive::new)),
            Tuple.of(4, t.map(IpcOp.Reply::new)));
    }
}
