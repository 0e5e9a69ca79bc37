package dev.keel.modeltests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.keel.kernel.abi.Errors;
import dev.keel.modeltests.drive.CapReplayer;
import dev.keel.modeltests.tla.Value;
import dev.keel.modeltests.trace.Differ;
import dev.keel.modeltests.trace.Step;
import dev.keel.modeltests.trace.Tlc;
import dev.keel.modeltests.trace.TlcOutput;
import dev.keel.modeltests.trace.TraceChecker;

/**
 * Tests generated from spec/Capabilities.tla: TLC simulates the small model (fixed seed) and
 * writes its traces; each trace's actions are replayed on the kernel, and after every step the
 * kernel's state, through the refinement mapping, must equal the spec's state.
 */
class CapabilitiesGeneratedTest {

    static final int TRACES = 2000;
    static final int DEPTH = 14;
    static final long SEED = 20261125;
    static final List<String> VARS = List.of("slots", "parent", "objects");

    @Test
    void specTracesReplayOnTheKernel() throws Exception {
        if (!Env.hasSpec("MCCapabilities")) {
            Summary.put("2-generated-capabilities", "Generated tests, Capabilities: NOT RUN, spec/tla/MCCapabilities.tla missing");
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(Env.hasSpec("MCCapabilities"), "no spec/tla/MCCapabilities.tla");
        long t0 = System.nanoTime();
        Path dir = Env.work().resolve("CapabilitiesGenerated");
        copy(dir, "CapabilitiesLabelled.tla", "CapabilitiesLabelled.cfg", "CapabilitiesReach.tla", "CapabilitiesReach.cfg");
        Path sim = dir.resolve("sim");
        deleteTree(sim);
        Files.createDirectories(sim);
        Tlc tlc = Env.tlc();
        Tlc.Result r = tlc.run(dir, "CapabilitiesLabelled", "CapabilitiesLabelled.cfg", List.of("-deadlock",
            "-simulate", "file=" + sim.resolve("trace") + ",num=" + TRACES, "-seed", Long.toString(SEED),
            "-depth", Integer.toString(DEPTH)));
        assertTrue(r.ok() && TlcOutput.violations(r.output()).isEmpty(),
            "TLC simulation failed:\n" + TlcOutput.errors(r.output()));

        List<List<TlcOutput.State>> traces = readTraces(sim);
        assertFalse(traces.isEmpty(), "TLC wrote no traces");
        List<TraceChecker.Failure> failures = new ArrayList<>();
        Set<Value> covered = new HashSet<>();
        int steps = 0;
        for (int t = 0; t < traces.size(); t++) {
            steps += replay(t + 1, traces.get(t), failures, covered);
        }
        long reachable = reachable(tlc, dir);
        double secs = (System.nanoTime() - t0) / 1e9;
        Known.Verdict v = Known.judge("generated/Capabilities", failures);
        long fresh = v.problems().stream().filter(x -> x.startsWith("DISCREPANCY")).count();
        Summary.put("2-generated-capabilities", String.format(
            "Generated tests, Capabilities: %d TLC traces (seed %d, depth %d), %,d steps replayed on the kernel; "
                + "%d traces match to the end, %d stop at a known discrepancy, %d at a new one; "
                + "%,d of %s reachable states of the small model covered; %.0f s",
            traces.size(), SEED, DEPTH, steps, traces.size() - failures.size(), failures.size() - fresh, fresh,
            covered.size(), reachable < 0 ? "?" : String.format("%,d", reachable), secs));
        Summary.figures("generated-capabilities", traces.size(), steps, secs, covered.size(), reachable);
        for (int k = 0; k < v.lines().size(); k++) {
            Summary.put("2-generated-capabilities-known-" + k, "  " + v.lines().get(k));
        }
        assertTrue(v.problems().isEmpty(), String.join("\n", v.problems()));
    }

    /** Replays one trace; returns the steps replayed; stops at the first difference. */
    private static int replay(int t, List<TlcOutput.State> trace, List<TraceChecker.Failure> failures,
            Set<Value> covered) {
        CapReplayer k = new CapReplayer();
        Map<String, Value> spec0 = specVars(trace.get(0));
        if (!spec0.equals(k.state())) {
            failures.add(failure(t, 0, Value.tuple(Value.str("Init")), "differs-" + differing(spec0, k.state()),
                diff(spec0, k.state())));
            return 0;
        }
        covered.add(Value.tuple(List.copyOf(spec0.values())));
        for (int i = 1; i < trace.size(); i++) {
            Value act = trace.get(i).vars().get("act");
            CapReplayer.Result res = k.apply(act);
            Map<String, Value> spec = specVars(trace.get(i));
            if (res.check() != Errors.OK) {
                failures.add(failure(t, i, act, "refused-but-enabled",
                    "  the kernel's check refused it with " + res.check() + "\n"));
                return i;
            }
            if (!spec.equals(res.state())) {
                failures.add(failure(t, i, act, "differs-" + differing(spec, res.state()), diff(spec, res.state())));
                return i;
            }
            covered.add(Value.tuple(List.copyOf(spec.values())));
        }
        return trace.size() - 1;
    }

    private static TraceChecker.Failure failure(int t, int i, Value act, String kind, String detail) {
        String name = ((Value.Str) act.at(1)).s;
        List<Value> args = new ArrayList<>();
        for (int n = 2; n <= ((Value.Fn) act).map.size(); n++) {
            args.add(act.at(n));
        }
        Step s = new Step(name, args, true, true, 0, Map.of());
        return new TraceChecker.Failure(t, i, s, "Capabilities:" + name + ":" + kind, detail);
    }

    private static String differing(Map<String, Value> spec, Map<String, Value> kernel) {
        List<String> d = new ArrayList<>();
        for (String v : VARS) {
            if (!spec.get(v).equals(kernel.get(v))) {
                d.add(v);
            }
        }
        return String.join("+", d);
    }

    private static String diff(Map<String, Value> spec, Map<String, Value> kernel) {
        StringBuilder b = new StringBuilder("  after the step, kernel and spec differ:\n");
        for (String v : VARS) {
            if (!spec.get(v).equals(kernel.get(v))) {
                b.append("  - ").append(v).append(Differ.describe(spec.get(v), kernel.get(v))).append('\n');
            }
        }
        return b.toString();
    }

    private static Map<String, Value> specVars(TlcOutput.State s) {
        Map<String, Value> m = new LinkedHashMap<>();
        for (String v : VARS) {
            Value x = s.vars().get(v);
            if (x == null) {
                throw new IllegalStateException("state " + s.number() + " has no " + v);
            }
            m.put(v, x);
        }
        return m;
    }

    private static List<List<TlcOutput.State>> readTraces(Path sim) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(sim)) {
            files = s.sorted().toList();
        }
        List<List<TlcOutput.State>> out = new ArrayList<>();
        for (Path f : files) {
            List<TlcOutput.State> states = TlcOutput.states(Files.readString(f, StandardCharsets.UTF_8));
            if (!states.isEmpty()) {
                out.add(states);
            }
        }
        return out;
    }

    /**
     * The number of reachable states of the small model, by a breadth-first TLC run; cached under
     * target by a hash of the specs, since it only changes with them.
     */
    static long reachable(Tlc tlc, Path dir) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (String f : List.of("Capabilities.tla", "MCCapabilities.tla")) {
            md.update(Files.readAllBytes(Env.specs().resolve(f)));
        }
        md.update(Files.readAllBytes(dir.resolve("CapabilitiesReach.cfg")));
        Path cache = dir.resolve("reachable-" + HexFormat.of().formatHex(md.digest()).substring(0, 16));
        if (Files.exists(cache)) {
            return Long.parseLong(Files.readString(cache).trim());
        }
        Tlc.Result r = tlc.run(dir, "CapabilitiesReach", "CapabilitiesReach.cfg", List.of("-deadlock"));
        long n = r.ok() ? TlcOutput.distinctStates(r.output()) : -1;
        if (n >= 0) {
            Files.writeString(cache, n + "\n");
        }
        return n;
    }

    private static void copy(Path dir, String... files) throws IOException {
        Files.createDirectories(dir);
        for (String f : files) {
            Files.copy(Env.tla().resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
