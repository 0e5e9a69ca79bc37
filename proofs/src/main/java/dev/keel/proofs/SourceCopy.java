package dev.keel.proofs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A copy of the kernel sources for KeY in which the JML of some files is turned into plain comments.
 * Used only when KeY cannot read some of the kernel's JML: the other files are then still proved,
 * and the files whose JML was switched off are reported. The Java code itself is copied unchanged,
 * and line and column positions stay the same.
 */
final class SourceCopy {

    private SourceCopy() {
    }

    /** Every .java file under {@code root}, as paths relative to it, sorted. */
    static List<Path> javaFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".java")).map(root::relativize).sorted().toList();
        }
    }

    static boolean hasJml(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return text.contains("/*@") || text.contains("//@");
    }

    /** JML comments become ordinary comments of the same length. */
    static String withoutJml(String text) {
        return text.replace("/*@", "/* ").replace("//@", "// ");
    }

    /** Writes {@code to} afresh: all of {@code from}, with the JML of {@code disabled} switched off. */
    static void write(Path from, Path to, Set<Path> disabled) throws IOException {
        deleteTree(to);
        for (Path rel : javaFiles(from)) {
            Path target = to.resolve(rel);
            Files.createDirectories(target.getParent());
            String text = Files.readString(from.resolve(rel), StandardCharsets.UTF_8);
            Files.writeString(target, disabled.contains(rel) ? withoutJml(text) : text, StandardCharsets.UTF_8);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
