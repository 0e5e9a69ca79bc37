package dev.keel.modeltests.trace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.keel.modeltests.tla.Value;

/**
 * Writes logged traces as a TLA+ module: the model's constants as definitions, and
 * {@code Traces}, a sequence of traces, each a sequence of step records
 * {@code [ev, args, ok, inModel, code, <spec variables>]}.
 */
public final class TraceModule {

    private TraceModule() {
    }

    public static String text(String module, Map<String, Value> constants, List<List<Step>> traces) {
        StringBuilder b = new StringBuilder();
        b.append("---- MODULE ").append(module).append(" ----\n");
        b.append("\\* Written by the conformance tests from runs of the Java kernel.\n");
        b.append("EXTENDS Integers, Sequences, TLC\n\n");
        java.util.TreeSet<String> models = new java.util.TreeSet<>();
        for (Value v : constants.values()) {
            collectModelValues(v, models);
        }
        if (!models.isEmpty()) {
            b.append("\\* Model values, bound to themselves in the config.\n");
            b.append("CONSTANTS ").append(String.join(", ", models)).append("\n\n");
        }
        for (Map.Entry<String, Value> e : constants.entrySet()) {
            b.append(e.getKey()).append(" == ").append(e.getValue().tla()).append("\n");
        }
        b.append("\nTraces == <<\n");
        for (int t = 0; t < traces.size(); t++) {
            b.append("  \\* trace ").append(t + 1).append("\n  <<\n");
            List<Step> steps = traces.get(t);
            for (int i = 0; i < steps.size(); i++) {
                b.append("    ").append(steps.get(i).toRecord().tla());
                b.append(i + 1 < steps.size() ? ",\n" : "\n");
            }
            b.append(t + 1 < traces.size() ? "  >>,\n" : "  >>\n");
        }
        b.append(">>\n====\n");
        return b.toString();
    }

    private static void collectModelValues(Value v, java.util.Set<String> out) {
        if (v instanceof Value.ModelValue m) {
            out.add(m.name);
        } else if (v instanceof Value.SetV s) {
            s.members.forEach(x -> collectModelValues(x, out));
        } else if (v instanceof Value.Fn f) {
            f.map.forEach((k, x) -> {
                collectModelValues(k, out);
                collectModelValues(x, out);
            });
        }
    }

    public static Path write(Path dir, String module, Map<String, Value> constants,
            List<List<Step>> traces) throws IOException {
        Files.createDirectories(dir);
        Path f = dir.resolve(module + ".tla");
        Files.writeString(f, text(module, constants, traces), StandardCharsets.UTF_8);
        return f;
    }
}
