package dev.keel.proofs;

import de.uka.ilkd.key.control.KeYEnvironment;
import de.uka.ilkd.key.parser.Location;
import de.uka.ilkd.key.util.parsing.HasLocation;

import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the kernel files whose JML KeY cannot read, when loading the whole kernel fails. KeY stops at
 * the first error it meets, so the files are found one at a time: from the error's position when
 * KeY gives one, otherwise by bisection over the files that hold JML (load with the JML of half of them
 * switched off; the half that still fails holds a culprit). Each bad file's JML is switched off and
 * the search goes on until the rest loads.
 *
 * Writes {@code <file>\t<error>} lines, one per unreadable file, and "# loads" as the last line.
 * Arguments: kernelSrc classPath workDir outFile maxLoads
 */
public final class LoadCheck {

    private final Path src;
    private final List<File> classPath;
    private final Path work;
    private int loads;

    private LoadCheck(Path src, List<File> classPath, Path work) {
        this.src = src;
        this.classPath = classPath;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: LoadCheck kernelSrc classPath workDir outFile maxLoads");
            System.exit(2);
        }
        List<File> cp = new ArrayList<>();
        for (String p : args[1].split(File.pathSeparator)) {
            if (!p.isBlank()) {
                cp.add(new File(p));
            }
        }
        KeySettings.applySoundChoices();
        LoadCheck check = new LoadCheck(Path.of(args[0]), cp, Path.of(args[2]));
        Map<Path, String> bad = check.findUnreadable(Integer.parseInt(args[4]));
        StringBuilder sb = new StringBuilder();
        bad.forEach((f, e) -> sb.append(f).append('\t').append(e.replace('\t', ' ').replace('\n', ' ')).append('\n'));
        sb.append("# ").append(check.loads).append(" loads\n");
        Files.writeString(Path.of(args[3]), sb.toString(), StandardCharsets.UTF_8);
        System.exit(0);
    }

    private Map<Path, String> findUnreadable(int maxLoads) throws Exception {
        List<Path> jmlFiles = new ArrayList<>();
        for (Path rel : SourceCopy.javaFiles(src)) {
            if (SourceCopy.hasJml(src.resolve(rel))) {
                jmlFiles.add(rel);
            }
        }
        Map<Path, String> bad = new LinkedHashMap<>();
        Set<Path> off = new LinkedHashSet<>();
        Failure f = load(off);
        while (f != null) {
            if (loads >= maxLoads) {
                throw new IllegalStateException("gave up after " + loads + " loads; last error: " + f.message);
            }
            Path culprit = f.file != null && jmlFiles.contains(f.file) && !off.contains(f.file) ? f.file : null;
            String message = f.message;
            if (culprit == null) {
                List<Path> suspects = new ArrayList<>(jmlFiles);
                suspects.removeAll(off);
                if (suspects.isEmpty()) {
                    throw new IllegalStateException("KeY cannot load the sources even with all JML switched off: "
                            + f.message);
                }
                while (suspects.size() > 1) {
                    List<Path> first = suspects.subList(0, suspects.size() / 2);
                    Set<Path> trial = new LinkedHashSet<>(jmlFiles);
                    trial.removeAll(first);
                    Failure g = load(trial);
                    suspects = g != null ? new ArrayList<>(first) : new ArrayList<>(suspects.subList(first.size(), suspects.size()));
                    if (g != null) {
                        message = g.message;
                    }
                }
                culprit = suspects.get(0);
            }
            System.out.println("[load check] KeY cannot read the JML of " + culprit + ": " + message);
            bad.put(culprit, message);
            off.add(culprit);
            f = load(off);
        }
        SourceCopy.deleteTree(work);
        return bad;
    }

    private record Failure(Path file, String message) {
    }

    /** Loads the kernel with the JML of {@code off} switched off; null when KeY reads it all. */
    private Failure load(Set<Path> off) throws Exception {
        loads++;
        Path copy = work.resolve("attempt");
        SourceCopy.write(src, copy, off);
        KeYEnvironment<?> env = null;
        try {
            env = KeYEnvironment.load(copy.toFile(), classPath, null, null);
            return null;
        } catch (Exception | StackOverflowError e) {
            String where = copy.toAbsolutePath().normalize().toUri().toString();
            return new Failure(fileOf(e, copy),
                    describe(e).replace(where, "").replace("file:" + copy.toAbsolutePath().normalize() + "/", ""));
        } finally {
            if (env != null) {
                env.dispose();
            }
        }
    }

    /** The kernel file (relative path) named by the first located exception of the chain, if any. */
    private static Path fileOf(Throwable e, Path copy) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HasLocation h) {
                try {
                    Location loc = h.getLocation();
                    if (loc != null && loc.getFileURI().isPresent()) {
                        URI uri = loc.getFileURI().get();
                        Path p = Path.of(uri).toAbsolutePath().normalize();
                        Path base = copy.toAbsolutePath().normalize();
                        if (p.startsWith(base)) {
                            return base.relativize(p);
                        }
                    }
                } catch (Exception ignored) {
                    // No usable location: the caller falls back to bisection.
                }
            }
        }
        return null;
    }

    /** What the kernel's JML can do instead, for the errors whose cause is known; else empty. */
    static String hint(String message) {
        if (message.contains("allFields(") && message.contains("[]::select")) {
            return " [likely 'a[*].*' in an assignable clause: KeY takes a[*] but not a[*].*;"
                    + " use \\infinite_union(int i; 0 <= i && i < a.length; a[i].*)]";
        }
        if (message.contains("\\old not allowed")) {
            return " [KeY reads assignable clauses in the pre-state already: drop the \\old]";
        }
        if (message.matches(".*Method \\w+\\(.*\\) not found.*")) {
            return " [a parameter or field with the method's name hides it in the spec: rename one]";
        }
        return "";
    }

    /** The innermost message of the chain, on one line, without KeY's generic advice. */
    static String describe(Throwable e) {
        Throwable last = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                last = t;
            }
        }
        String m = String.valueOf(last.getMessage()).replaceAll("\\s+", " ").trim();
        int advice = m.indexOf("Consider using a classpath");
        if (advice > 0) {
            m = m.substring(0, advice).trim();
        }
        String hint = hint(m);
        if (m.length() > 300) {
            m = m.substring(0, 297) + "...";
        }
        return last.getClass().getSimpleName() + ": " + m + hint;
    }
}
