package dev.keel.boot.translate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The pipeline: read (ASM, reachability) → check the subset → lower and emit C → compile.
 * Each pass is a separate class with one input and one output type and can be run alone.
 *
 * <p>Command line: {@code Translator OUT.c CLASSPATH ENTRY...} where CLASSPATH is a
 * {@code :}-separated list of class directories and jars and each ENTRY is
 * {@code pkg.Class.method(desc)=symbol}, e.g. {@code dev.keel.kernel.Boot.start()V=keel_start};
 * {@code --all} instead of entries translates every method of every class on the class path.
 */
public final class Translator {

    private Translator() {
    }

    /** Reads and checks: the reachable program, or an exception listing every violation. */
    public static Program load(List<Path> classpath, List<EntryPoint> entries) {
        Program p = Reachability.analyse(new ClassPool(classpath), entries);
        SubsetChecker.require(p);
        return p;
    }

    /**
     * Like {@link #translate}, for test code (unit tests run natively): string concatenation is
     * allowed, see {@link StringConcat}. Kernel code is never translated this way.
     */
    public static String translateTests(List<Path> classpath, List<EntryPoint> entries) {
        return CEmitter.emit(loadTests(classpath, entries), true);
    }

    /** Reads and checks test code (see {@link #translateTests}). */
    public static Program loadTests(List<Path> classpath, List<EntryPoint> entries) {
        Program p = Reachability.analyse(new ClassPool(classpath).withTestConveniences(), entries);
        p.testConveniences = true;
        SubsetChecker.require(p);
        return p;
    }

    /** The C translation unit for {@code entries}. */
    public static String translate(List<Path> classpath, List<EntryPoint> entries, boolean hostedMain) {
        return CEmitter.emit(load(classpath, entries), hostedMain);
    }

    /**
     * Checks a whole library (every class under the class directories {@code roots}, each method a
     * root) and returns its C, for translating the kernel before it has entry points. Classes in
     * {@code context} are read when referenced but not made roots.
     */
    public static String translateAll(List<Path> roots, List<Path> context) {
        List<Path> cp = new ArrayList<>(roots);
        cp.addAll(context);
        ClassPool pool = new ClassPool(cp);
        List<String> names = new ClassPool(roots).allClassNames();
        Program p = Reachability.analyseAll(pool, names);
        SubsetChecker.require(p);
        return CEmitter.emit(p, false);
    }

    /** Parses {@code pkg.Class.method(desc)=symbol}. */
    public static EntryPoint parseEntry(String spec) {
        int eq = spec.lastIndexOf('=');
        int paren = spec.indexOf('(');
        if (eq < 0 || paren < 0 || paren > eq) {
            throw new IllegalArgumentException("entry must look like pkg.Class.method(desc)=symbol: " + spec);
        }
        String qualified = spec.substring(0, paren);
        int dot = qualified.lastIndexOf('.');
        return EntryPoint.of(qualified.substring(0, dot), qualified.substring(dot + 1),
                spec.substring(paren, eq), spec.substring(eq + 1));
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: Translator OUT.c CLASSPATH ENTRY...  (ENTRY: pkg.Class.method(desc)=symbol)");
            System.exit(2);
        }
        List<Path> cp = new ArrayList<>();
        for (String s : args[1].split(":")) {
            cp.add(Path.of(s));
        }
        List<EntryPoint> entries = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            if (!args[i].equals("--all")) {
                entries.add(parseEntry(args[i]));
            }
        }
        try {
            String c = args[2].equals("--all") ? translateAll(cp, List.of()) : translate(cp, entries, false);
            Path out = Path.of(args[0]);
            Files.writeString(out, c);
            Gcc.writeRuntime(out.toAbsolutePath().getParent());
        } catch (TranslationException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        } catch (UncheckedIOException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }
}
