package dev.keel.modeltests.trace;

import java.util.Map;
import java.util.TreeSet;

import dev.keel.modeltests.tla.Value;

/** Says where two values differ: the paths into functions and sets, with both sides. */
public final class Differ {

    private Differ() {
    }

    /** Lines "path: spec X, kernel Y" for every leaf where {@code spec} and {@code kernel} differ. */
    public static String describe(Value spec, Value kernel) {
        StringBuilder b = new StringBuilder();
        walk("", spec, kernel, b);
        return b.toString();
    }

    private static void walk(String path, Value s, Value k, StringBuilder b) {
        if (s.equals(k)) {
            return;
        }
        if (s instanceof Value.Fn fs && k instanceof Value.Fn fk && fs.map.keySet().equals(fk.map.keySet())
                && !fs.isRecord()) {
            for (Map.Entry<Value, Value> e : fs.map.entrySet()) {
                walk(path + "[" + e.getKey().tla() + "]", e.getValue(), fk.map.get(e.getKey()), b);
            }
            return;
        }
        if (s instanceof Value.SetV ss && k instanceof Value.SetV sk) {
            TreeSet<Value> onlySpec = new TreeSet<>(ss.members);
            onlySpec.removeAll(sk.members);
            TreeSet<Value> onlyKernel = new TreeSet<>(sk.members);
            onlyKernel.removeAll(ss.members);
            b.append("\n      ").append(path).append(": only in spec ").append(Value.set(onlySpec).tla())
                .append(", only in kernel ").append(Value.set(onlyKernel).tla());
            return;
        }
        b.append("\n      ").append(path).append(": spec ").append(s.tla()).append(", kernel ").append(k.tla());
    }
}
