package dev.keel.modeltests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.keel.modeltests.tla.Value;
import dev.keel.modeltests.trace.Differ;
import dev.keel.modeltests.trace.Step;
import dev.keel.modeltests.trace.TlcOutput;
import dev.keel.modeltests.trace.TraceChecker;

/**
 * What the generated tests share when they compare one replayed step with the spec: a state's
 * variables, which of them differ and how, and the failure that names the step.
 */
final class SpecStep {

    private SpecStep() {
    }

    /** The named variables of a simulated state, in the order given. */
    static Map<String, Value> vars(List<String> names, TlcOutput.State s) {
        Map<String, Value> m = new LinkedHashMap<>();
        for (String v : names) {
            Value x = s.vars().get(v);
            if (x == null) {
                throw new IllegalStateException("state " + s.number() + " has no " + v);
            }
            m.put(v, x);
        }
        return m;
    }

    /** The spec's whole state (every variable but act), as the small model's state count counts it. */
    static Value whole(TlcOutput.State s) {
        TreeMap<Value, Value> m = new TreeMap<>();
        s.vars().forEach((k, v) -> {
            if (!k.equals("act")) {
                m.put(Value.str(k), v);
            }
        });
        return Value.fn(m);
    }

    /** The variables on which kernel and spec differ, joined with '+'. */
    static String differing(List<String> names, Map<String, Value> spec, Map<String, Value> kernel) {
        List<String> d = new ArrayList<>();
        for (String v : names) {
            if (!spec.get(v).equals(kernel.get(v))) {
                d.add(v);
            }
        }
        return String.join("+", d);
    }

    /** One line per differing variable, each saying how the two values differ. */
    static String describe(List<String> names, Map<String, Value> spec, Map<String, Value> kernel) {
        StringBuilder b = new StringBuilder();
        for (String v : names) {
            if (!spec.get(v).equals(kernel.get(v))) {
                b.append("  - ").append(v).append(Differ.describe(spec.get(v), kernel.get(v))).append('\n');
            }
        }
        return b.toString();
    }

    /** A failure of the step after which kernel and spec differ. */
    static TraceChecker.Failure differs(String module, int t, int i, Value act, List<String> names,
            Map<String, Value> spec, Map<String, Value> kernel) {
        return failure(module, t, i, act, "differs-" + differing(names, spec, kernel),
            "  after the step, kernel and spec differ:\n" + describe(names, spec, kernel));
    }

    /** A failure of trace t at step i, whose action is act; the kind is module:action:kind. */
    static TraceChecker.Failure failure(String module, int t, int i, Value act, String kind, String detail) {
        Step s = step(act);
        return new TraceChecker.Failure(t, i, s, module + ":" + s.action() + ":" + kind, detail);
    }

    /** The step an action value of the spec's act variable names: <<name, arg1, arg2, ...>>. */
    static Step step(Value act) {
        List<Value> args = new ArrayList<>();
        for (int n = 2; n <= ((Value.Fn) act).map.size(); n++) {
            args.add(act.at(n));
        }
        return new Step(((Value.Str) act.at(1)).s, args, true, true, 0, Map.of());
    }
}
