package dev.keel.boot.translate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tries the translator on a whole library (the kernel): every method of every class under the
 * roots is a root. Prints the subset violations grouped by rule, or compiles the C freestanding
 * and reports gcc's verdict. Usage: {@code KernelProbe OUTDIR ROOTS CONTEXT} (paths ':'-separated).
 */
public final class KernelProbe {

    private KernelProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]).toAbsolutePath();
        List<Path> roots = paths(args[1]);
        List<Path> context = args.length > 2 ? paths(args[2]) : List.of();
        Files.createDirectories(out);
        try {
            long t0 = System.nanoTime();
            String c = Translator.translateAll(roots, context);
            System.out.printf("translated in %.0f ms: %d lines of C%n", (System.nanoTime() - t0) / 1e6, c.lines().count());
            Path src = out.resolve("kernel.c");
            Files.writeString(src, c);
            Gcc.Result r = Gcc.freestanding(out, src, false);
            System.out.println("freestanding gcc: exit " + r.exit() + (r.output().isBlank() ? ", no warnings" : "\n" + r.output()));
        } catch (SubsetViolationException e) {
            Map<String, List<Violation>> byRule = new TreeMap<>();
            for (Violation v : e.violations()) {
                String rule = v.rule().replaceAll("[a-z]+(\\.[a-zA-Z$]+)+\\.?[A-Za-z<>]*(\\(.*\\)[^ ,]*)?", "X");
                byRule.computeIfAbsent(rule, k -> new ArrayList<>()).add(v);
            }
            System.out.println(e.violations().size() + " violations:");
            byRule.forEach((rule, vs) -> {
                System.out.println("== " + vs.size() + " x " + rule);
                vs.stream().limit(6).forEach(v -> System.out.println("   " + v));
            });
        }
    }

    private static List<Path> paths(String s) {
        List<Path> ps = new ArrayList<>();
        for (String p : s.split(":")) {
            if (!p.isEmpty()) {
                ps.add(Path.of(p));
            }
        }
        return ps;
    }
}
