package dev.keel.boot.translate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The differential corpus and the two ways to run it: on the JVM (each run in a fresh class
 * loader, so static initializers run again) and as one hosted native binary holding every
 * program (built once per test JVM: gcc is the slow part).
 */
final class Corpus {

    static final String PACKAGE = "dev.keel.boot.corpus.";
    static final List<String> PROGRAMS = List.of("IntArith", "LongArith", "Conversions", "Branches", "Arrays",
            "Objects", "Dispatch", "Interfaces", "StaticInit", "Strings", "Panics", "MathLib", "CapTable",
            "RunQueue", "PageTable", "Enums");

    static final Path TARGET = Path.of(System.getProperty("keel.translator.target", "target"));
    static final Path TEST_CLASSES = TARGET.resolve("test-classes");
    static final Path MAIN_CLASSES = TARGET.resolve("classes");

    private static Path binary;
    static long translateMillis;
    static long compileMillis;

    private Corpus() {
    }

    static List<EntryPoint> entries() {
        List<EntryPoint> es = new ArrayList<>();
        for (String p : PROGRAMS) {
            es.add(EntryPoint.of(PACKAGE + p, "run", "([J)V", "corpus_" + p));
        }
        return es;
    }

    static List<Path> classpath() {
        return List.of(TEST_CLASSES, MAIN_CLASSES);
    }

    /** The hosted binary of the whole corpus, built on first use. */
    static synchronized Path binary() {
        if (binary != null) {
            return binary;
        }
        Path dir = TARGET.resolve("corpus-c");
        try {
            Files.createDirectories(dir);
            long t0 = System.nanoTime();
            String c = Translator.translate(classpath(), entries(), true);
            translateMillis = (System.nanoTime() - t0) / 1_000_000;
            Path src = dir.resolve("corpus.c");
            Files.writeString(src, c);
            Path exe = dir.resolve("corpus");
            long t1 = System.nanoTime();
            Gcc.Result r = Gcc.hosted(dir, src, exe, true, List.of());
            compileMillis = (System.nanoTime() - t1) / 1_000_000;
            if (!r.ok()) {
                throw new AssertionError("gcc failed on the corpus:\n" + r.output());
            }
            binary = exe;
            return exe;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String args(long[] in) {
        StringBuilder s = new StringBuilder();
        for (long v : in) {
            s.append(' ').append(v);
        }
        return s.toString();
    }

    /** Output of the native corpus program: stdout, and a panic's exit status is visible in its text. */
    static String runNative(String program, long[] in) {
        return runNative(binary(), "corpus_" + program, in);
    }

    /** Output of entry {@code symbol} of a hosted binary. */
    static String runNative(Path exe, String symbol, long[] in) {
        String program = symbol;
        List<String> cmd = new ArrayList<>(List.of(exe.toString(), symbol));
        for (long v : in) {
            cmd.add(Long.toString(v));
        }
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("native " + program + " timed out");
            }
            int exit = p.exitValue();
            String text = new String(out, StandardCharsets.ISO_8859_1);
            if (exit != 0 && exit != 70) {
                throw new AssertionError("native " + program + " exited with " + exit + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Output of the corpus program on the JVM; an exception prints as the native panic does. */
    static String runJvm(String program, long[] in) {
        return runJvmClass(PACKAGE + program, in);
    }

    /** Output of {@code className.run(long[])} on the JVM, in a fresh class loader. */
    static String runJvmClass(String className, long[] in) {
        return runJvmClass(className, in, List.of());
    }

    /** Like {@link #runJvmClass(String, long[])}, with classes also loaded from {@code roots}. */
    static synchronized String runJvmClass(String className, long[] in, List<Path> roots) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream old = Console.sink;
        Console.sink = new PrintStream(buf, true, StandardCharsets.ISO_8859_1);
        try {
            Class<?> cls = Class.forName(className, true, new FreshLoader(roots));
            Method run = cls.getMethod("run", long[].class);
            try {
                run.invoke(null, (Object) in);
            } catch (InvocationTargetException e) {
                Console.sink.print(panicLine(e.getCause()));
            }
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        } finally {
            Console.sink.flush();
            Console.sink = old;
        }
        return buf.toString(StandardCharsets.ISO_8859_1);
    }

    private static final List<String> VM_CHECKS = List.of("NullPointerException", "ArrayIndexOutOfBoundsException",
            "ArithmeticException", "NegativeArraySizeException", "ClassCastException", "ArrayStoreException",
            "StringIndexOutOfBoundsException", "AssertionFailedError");

    /** The line the native runtime prints for a panic: kind, message of explicit throws, method, line. */
    static String panicLine(Throwable t) {
        String kind = t.getClass().getSimpleName();
        StringBuilder s = new StringBuilder("PANIC ").append(kind);
        if (!VM_CHECKS.contains(kind) && t.getMessage() != null) {
            s.append(": ").append(t.getMessage());
        }
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith("dev.keel.") && !e.getClassName().startsWith("dev.keel.boot.translate.")) {
                s.append(" at ").append(e.getClassName()).append('.').append(e.getMethodName())
                        .append(" line ").append(e.getLineNumber());
                break;
            }
        }
        return s.append('\n').toString();
    }

    /** Packages whose classes each JVM run loads afresh. */
    static final List<String> FRESH = List.of(PACKAGE, "dev.keel.boot.kernelcorpus.", "dev.keel.kernel.", "dev.keel.hw.");

    /** Loads program classes afresh (static state starts over); everything else from the parent. */
    static final class FreshLoader extends ClassLoader {
        private final List<Path> roots;

        FreshLoader() {
            this(List.of());
        }

        /** Also loads classes from {@code roots} (class directories), before the parent's. */
        FreshLoader(List<Path> roots) {
            super(Corpus.class.getClassLoader());
            this.roots = roots;
            setDefaultAssertionStatus(true); // as translated code, built with KEEL_ASSERTIONS=1
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (!FRESH.stream().anyMatch(name::startsWith)) {
                    return super.loadClass(name, resolve);
                }
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    String file = name.replace('.', '/') + ".class";
                    try {
                        byte[] b = read(file);
                        if (b == null) {
                            throw new ClassNotFoundException(name);
                        }
                        c = defineClass(name, b, 0, b.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }

        private byte[] read(String file) throws IOException {
            for (Path r : roots) {
                if (Files.isRegularFile(r.resolve(file))) {
                    return Files.readAllBytes(r.resolve(file));
                }
            }
            try (InputStream in = getParent().getResourceAsStream(file)) {
                return in == null ? null : in.readAllBytes();
            }
        }
    }
}
