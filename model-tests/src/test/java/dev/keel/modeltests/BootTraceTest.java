package dev.keel.modeltests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.keel.boot.qemu.Qemu;
import dev.keel.boot.qemu.QemuResult;
import dev.keel.kernel.KernelConfig;
import dev.keel.modeltests.mapping.CapabilitiesMapping;
import dev.keel.modeltests.tla.Value;
import dev.keel.modeltests.trace.CapTraceLog;
import dev.keel.modeltests.trace.SchedTraceLog;
import dev.keel.modeltests.trace.Tlc;
import dev.keel.modeltests.trace.TlcOutput;
import dev.keel.modeltests.trace.TraceModule;
import dev.keel.modeltests.trace.Step;
import dev.keel.modeltests.trace.TraceChecker;

/**
 * Trace validation of the booted kernel: the translated kernel (boot/image target/kernel/keel.elf)
 * boots in QEMU with {@code keel.trace}, runs init and its children (pong, ping, crash, pager,
 * spinners: port creation, capabilities copied to each child, deleted when it exits; 200 call/reply
 * round trips, timer preemption, exits and waits), and writes every capability action with the
 * state after it, and every kernel entry's scheduler actions with the state on the way out, to
 * COM2. The traces become TLA+ modules and TLC checks them against spec/Capabilities.tla (with the
 * hosted traces' trace spec) and spec/Scheduler.tla (BootSchedulerTrace.tla); the constants
 * (processes, slots, objects, badges; threads and priorities) are those the trace mentions.
 */
@Tag("qemu")
class BootTraceTest {

    private static final int EXIT_OK = 0x10;

    private static QemuResult run;
    private static List<String> traceLines;
    /** The user programs the image carries, init first (boot/image's BuildDir.USER_PROGRAMS). */
    private static final List<String> USER_PROGRAMS = List.of("init", "ping", "pong", "crash", "pager", "spin");

    private static CapTraceLog.Decoded trace;
    private static double bootSeconds;

    @BeforeAll
    @Timeout(150)
    static void boot() throws Exception {
        Path elf = Path.of(System.getProperty("modeltests.kernel.elf", "../boot/image/target/kernel/keel.elf"));
        Path dir = Env.work().resolve("boot");
        Path com2 = dir.resolve("trace-com2.log");
        long t0 = System.nanoTime();
        Qemu q = Qemu.kernel(elf);
        // The user programs are ELF boot modules the image build leaves beside the kernel (target/user).
        Path user = elf.toAbsolutePath().getParent().getParent().resolve("user");
        for (String p : USER_PROGRAMS) {
            q.module(user.resolve(p + ".elf"), p);
        }
        run = q
            .memory("32M")
            .icount(true)
            .append("keel.trace")
            .timeout(Duration.ofSeconds(120))
            .serialLog(dir.resolve("console-com1.log"))
            .serial2Log(com2)
            .run();
        bootSeconds = (System.nanoTime() - t0) / 1e9;
        traceLines = Files.readAllLines(com2, StandardCharsets.ISO_8859_1);
    }

    /** The decoded trace (decoded once, after the boot is known to have ended well). */
    private static CapTraceLog.Decoded trace() {
        assertEquals(Qemu.exitStatusFor(EXIT_OK), run.exitCode(), run::report);
        if (trace == null) {
            trace = CapTraceLog.decode(CapTraceLog.parse(traceLines));
        }
        return trace;
    }

    @Test
    @Timeout(300)
    void bootedKernelTraceIsABehaviourOfTheCapabilitiesSpec() throws Exception {
        if (!Env.hasSpec("Capabilities")) {
            Summary.put("1-trace-capabilities-boot", "Trace validation, booted kernel, Capabilities: NOT RUN, spec/tla/Capabilities.tla missing");
            return;
        }
        CapTraceLog.Decoded d = trace();
        List<Step> steps = d.steps();
        assertTrue(steps.size() > 30, () -> "a short trace: " + steps.size() + " steps\n" + run.report());
        assertTrue(steps.stream().anyMatch(s -> s.action().equals("Copy"))
            && steps.stream().anyMatch(s -> s.action().equals("Delete")), "the boot copies and deletes capabilities");
        TraceChecker.Outcome o = checker().check("Capabilities", d.constants(), List.of(steps));
        assertTrue(o.error().isEmpty(), o.error());
        Known.Verdict v = Known.judge("boot/Capabilities", o.failures());
        long discrepancies = v.problems().stream().filter(x -> x.startsWith("DISCREPANCY")).count();
        Summary.put("1-trace-capabilities-boot", String.format(
            "Trace validation, booted kernel (QEMU, keel.trace on COM2), Capabilities: %d trace, %,d steps "
                + "(%s) checked by TLC; %s; %,d processes, %,d slots, %,d objects; boot %.1f s, TLC %.0f s",
            o.traces(), o.steps(), actions(steps), o.failures().isEmpty() ? "conforms to the end"
                : o.failures().size() + " stop at a discrepancy (" + discrepancies + " new)",
            size(d.constants().get("TrProcs")), size(d.constants().get("TrSlots")),
            size(d.constants().get("TrObjects")), bootSeconds, o.seconds()));
        Summary.figures("trace-boot-capabilities", o.traces(), o.steps(), bootSeconds + o.seconds(), -1, -1, "-");
        for (int k = 0; k < v.lines().size(); k++) {
            Summary.put("1-trace-capabilities-boot-known-" + k, "  " + v.lines().get(k));
        }
        assertTrue(v.problems().isEmpty(), String.join("\n", v.problems()));
    }

    /**
     * The check can fail: the same trace with one step's state changed (a copy that also drops the
     * root's untyped capability) is reported at that step, naming the action and the variable.
     */
    @Test
    @Timeout(300)
    void aTamperedStepOfTheBootTraceIsReportedWithItsDifference() throws Exception {
        if (!Env.hasSpec("Capabilities")) {
            return;
        }
        CapTraceLog.Decoded d = trace();
        List<Step> steps = new ArrayList<>(d.steps());
        int at = -1;
        for (int i = 1; i < steps.size() && at < 0; i++) {
            at = steps.get(i).action().equals("Copy") ? i : -1;
        }
        assertTrue(at > 0, "the boot trace has a Copy");
        Step copy = steps.get(at);
        Value root = d.constants().get("TrRoot");
        Map<String, Value> state = new LinkedHashMap<>(copy.state());
        state.put("slots", replace(state.get("slots"), root, Value.of(1), CapabilitiesMapping.EMPTY));
        steps.set(at, new Step(copy.action(), copy.args(), true, true, 0, state));
        TraceChecker.Outcome o = new TraceChecker(Env.tlc(), tla(), Env.work().resolve("boot-tampered"))
            .check("Capabilities", d.constants(), List.of(steps));
        assertTrue(o.error().isEmpty(), o.error());
        assertEquals(1, o.failures().size(), () -> "expected one failure, got " + o.failures());
        TraceChecker.Failure f = o.failures().get(0);
        assertEquals(at, f.step(), f::describe);
        assertEquals("Capabilities:Copy:differs-slots", f.key(), f::describe);
    }

    /**
     * Kernel entries per window of the scheduler trace. The kernel's trace does not show time
     * slices, which the spec follows from Init on: the booted run is checked as one window.
     */
    private static final int WINDOW = 1_000_000;

    @Test
    @Timeout(300)
    void bootedKernelSchedulerTraceIsCheckedAgainstTheSchedulerSpec() throws Exception {
        if (!Env.hasSpec("Scheduler")) {
            Summary.put("4-trace-scheduler-boot", "Trace validation, booted kernel, Scheduler: NOT RUN, spec/tla/Scheduler.tla missing");
            return;
        }
        assertEquals(Qemu.exitStatusFor(EXIT_OK), run.exitCode(), run::report);
        SchedTraceLog.Decoded d = SchedTraceLog.decode(traceLines, WINDOW);
        assertTrue(d.entries() > 500, () -> "a short scheduler trace: " + d.entries() + " entries");
        Path work = Env.work().resolve("boot").resolve("BootSchedulerTrace");
        Files.createDirectories(work);
        for (String f : List.of("BootSchedulerTrace.tla", "BootSchedulerTrace.cfg")) {
            Files.copy(Env.tla().resolve(f), work.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        // The booted kernel runs KernelConfig.standard(): its time slice is the spec's Slice.
        Map<String, Value> constants = new java.util.LinkedHashMap<>(d.constants());
        constants.put("TrSlice", Value.of(KernelConfig.standard().timeslice));
        TraceModule.write(work, "BootSchedulerTraceData", constants, d.windows());
        Tlc.Result r = Env.tlc().run(work, "BootSchedulerTrace", "BootSchedulerTrace.cfg", List.of("-continue", "-deadlock"));
        List<TlcOutput.Violation> vs = TlcOutput.violations(r.output());
        assertTrue(r.exit() == 0 || !vs.isEmpty(), "TLC failed:\n" + TlcOutput.errors(r.output())
            + "see " + work.resolve("BootSchedulerTrace.log"));
        List<TraceChecker.Failure> failures = SchedulerTraceTest.failures(d.windows(), vs);
        int followed = 0;
        for (TraceChecker.Failure f : failures) {
            followed += f.step();
        }
        for (int w = 0; w < d.windows().size(); w++) {
            final int t = w + 1;
            if (failures.stream().noneMatch(f -> f.trace() == t)) {
                followed += d.windows().get(w).size() - 1;
            }
        }
        Known.Verdict v = Known.judge("boot/Scheduler", failures);
        long fresh = v.problems().stream().filter(x -> x.startsWith("DISCREPANCY")).count();
        Summary.put("4-trace-scheduler-boot", String.format(
            "Trace validation, booted kernel (QEMU, keel.trace on COM2), Scheduler: %,d kernel entries in %d window(s) "
                + "from Init, time slice %d, checked by TLC, %,d followed; %d windows conform to the end, %d stop at a known "
                + "discrepancy, %d at a new one; %d threads; TLC %.0f s",
            d.entries(), d.windows().size(), KernelConfig.standard().timeslice, followed, d.windows().size() - failures.size(),
            failures.size() - fresh, fresh, size(d.constants().get("TrThreads")), r.seconds()));
        Summary.figures("trace-boot-scheduler", d.windows().size(), followed, r.seconds(), -1, -1, "-");
        for (int k = 0; k < v.lines().size(); k++) {
            Summary.put("4-trace-scheduler-boot-known-" + k, "  " + v.lines().get(k));
        }
        assertTrue(v.problems().isEmpty(), String.join("\n", v.problems()));
    }

    private static Value replace(Value slots, Value proc, Value slot, Value cap) {
        Value.Fn all = (Value.Fn) slots;
        java.util.TreeMap<Value, Value> outer = new java.util.TreeMap<>(all.map);
        java.util.TreeMap<Value, Value> space = new java.util.TreeMap<>(((Value.Fn) all.map.get(proc)).map);
        space.put(slot, cap);
        outer.put(proc, Value.fn(space));
        return Value.fn(outer);
    }

    private static TraceChecker checker() throws Exception {
        return new TraceChecker(Env.tlc(), tla(), Env.work().resolve("boot"));
    }

    /**
     * The hosted trace spec and its configs, less the bindings of the hosted traces' model values
     * (p1, p2, ...): the booted trace names processes by strings.
     */
    private static Path tla() throws Exception {
        Path dir = Env.work().resolve("boot-tla");
        Files.createDirectories(dir);
        Files.copy(Env.tla().resolve("CapabilitiesTrace.tla"), dir.resolve("CapabilitiesTrace.tla"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        for (String cfg : List.of("CapabilitiesTrace.cfg", "CapabilitiesTraceDiag.cfg")) {
            List<String> kept = new ArrayList<>();
            for (String line : Files.readAllLines(Env.tla().resolve(cfg), StandardCharsets.UTF_8)) {
                if (!line.strip().matches("p\\d+\\s*=\\s*p\\d+")) {
                    kept.add(line);
                }
            }
            Files.write(dir.resolve(cfg), kept, StandardCharsets.UTF_8);
        }
        return dir;
    }

    private static String actions(List<Step> steps) {
        Map<String, Integer> n = new java.util.TreeMap<>();
        for (Step s : steps.subList(1, steps.size())) {
            n.merge(s.action(), 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        n.forEach((a, c) -> parts.add(c + " " + a));
        return String.join(", ", parts);
    }

    private static int size(Value set) {
        return ((Value.SetV) set).members.size();
    }
}
