package dev.keel.proofs;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Source stubs for the annotation types the kernel uses but KeY cannot read. KeY resolves every type
 * name, annotations included, yet its Java library has no java.lang.SuppressWarnings or Override, and its
 * class-file reader fails on the checker-qual jar (module-info and invokedynamic constant-pool entries).
 * Annotations carry no meaning for KeY, so a stub with the same name and elements is all it needs.
 */
final class AnnotationStubs {

    /** java.lang annotations absent from KeY's Java library, with their source. */
    private static final List<String[]> JAVA_LANG = List.of(
            new String[] {"Override", "public @interface Override { }"},
            new String[] {"Deprecated", "public @interface Deprecated { }"},
            new String[] {"FunctionalInterface", "public @interface FunctionalInterface { }"},
            new String[] {"SafeVarargs", "public @interface SafeVarargs { }"},
            new String[] {"SuppressWarnings", "public @interface SuppressWarnings { String[] value(); }"});

    private static final Pattern IMPORT = Pattern.compile("import\\s+(org\\.checkerframework(?:\\.\\w+)+)\\s*;");
    private static final Pattern QUALIFIED = Pattern.compile("@\\s*(org\\.checkerframework(?:\\.\\w+)+)");
    private static final Pattern WILDCARD = Pattern.compile("import\\s+(org\\.checkerframework(?:\\.\\w+)+)\\.\\*\\s*;");
    private static final Pattern USE = Pattern.compile("@\\s*([A-Z]\\w*)");

    private AnnotationStubs() {
    }

    /** The checker-qual annotation types referenced by the sources under the given folders. */
    static Set<String> referenced(List<Path> roots) throws IOException {
        Set<String> names = new TreeSet<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            for (Path rel : SourceCopy.javaFiles(root)) {
                String text = Files.readString(root.resolve(rel), StandardCharsets.UTF_8);
                collect(IMPORT.matcher(text), names);
                collect(QUALIFIED.matcher(text), names);
                Matcher w = WILDCARD.matcher(text);
                while (w.find()) {
                    Matcher u = USE.matcher(text);
                    while (u.find()) {
                        String candidate = w.group(1) + "." + u.group(1);
                        if (isAnnotation(candidate)) {
                            names.add(candidate);
                        }
                    }
                }
            }
        }
        return names;
    }

    /** Writes the stubs under {@code dir} (a source folder for KeY's class path). */
    static void write(Path dir, Set<String> checkerAnnotations) throws IOException {
        SourceCopy.deleteTree(dir);
        for (String[] s : JAVA_LANG) {
            writeStub(dir, "java.lang", s[0], s[1]);
        }
        for (String qualified : checkerAnnotations) {
            int dot = qualified.lastIndexOf('.');
            String pkg = qualified.substring(0, dot);
            String name = qualified.substring(dot + 1);
            writeStub(dir, pkg, name, "public @interface " + name + " {" + elements(qualified) + "}");
        }
    }

    private static void collect(Matcher m, Set<String> into) {
        while (m.find()) {
            if (isAnnotation(m.group(1))) {
                into.add(m.group(1));
            }
        }
    }

    private static boolean isAnnotation(String qualified) {
        try {
            return Class.forName(qualified, false, AnnotationStubs.class.getClassLoader()).isAnnotation();
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The annotation's elements whose types KeY can read (strings, primitives and arrays of them). */
    private static String elements(String qualified) {
        StringBuilder sb = new StringBuilder();
        try {
            Class<?> c = Class.forName(qualified, false, AnnotationStubs.class.getClassLoader());
            for (Method m : c.getDeclaredMethods()) {
                Class<?> t = m.getReturnType();
                Class<?> base = t.isArray() ? t.getComponentType() : t;
                if (!(base == String.class || base.isPrimitive())) {
                    continue;
                }
                sb.append(' ').append(t.getSimpleName()).append(' ').append(m.getName()).append("()");
                if (m.getDefaultValue() != null) {
                    sb.append(" default ").append(literal(m.getDefaultValue()));
                }
                sb.append(';');
            }
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("annotation vanished from the class path: " + qualified, e);
        }
        return sb.append(' ').toString();
    }

    private static String literal(Object v) {
        if (v instanceof String s) {
            return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        if (v instanceof String[] a) {
            StringBuilder sb = new StringBuilder("{");
            for (int i = 0; i < a.length; i++) {
                sb.append(i > 0 ? ", " : "").append(literal(a[i]));
            }
            return sb.append('}').toString();
        }
        if (v instanceof Long l) {
            return l + "L";
        }
        if (v.getClass().isArray()) {
            StringBuilder sb = new StringBuilder("{");
            int n = java.lang.reflect.Array.getLength(v);
            for (int i = 0; i < n; i++) {
                sb.append(i > 0 ? ", " : "").append(literal(java.lang.reflect.Array.get(v, i)));
            }
            return sb.append('}').toString();
        }
        return String.valueOf(v);
    }

    private static void writeStub(Path dir, String pkg, String name, String body) throws IOException {
        Path f = dir.resolve(pkg.replace('.', '/')).resolve(name + ".java");
        Files.createDirectories(f.getParent());
        Files.writeString(f, "package " + pkg + ";\n\n" + body + "\n", StandardCharsets.UTF_8);
    }
}
