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
 * and the files whose JML was switched off are reported. Identifiers that KeY reserves as keywords
 * are renamed (see {@link #KEY_KEYWORDS}); otherwise the code is copied unchanged and line numbers
 * stay the same.
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

    /**
     * Words that KeY's Java parser reserves beyond Java's own (its {@code exec ... ccatch} statement and
     * merge points). A kernel identifier spelled like one (the {@code exec} system call) would stop KeY
     * from parsing the file, so the copy renames it, consistently in code and JML, by appending '_'.
     */
    static final List<String> KEY_KEYWORDS = List.of("exec", "ccatch", "merge_point");

    /** {@code text} with every identifier that is a KeY keyword renamed; literals are left alone. */
    static String renameKeyKeywords(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && text.charAt(j) != c && text.charAt(j) != '\n') {
                    j += text.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(j + 1, n);
                out.append(text, i, j);
                i = j;
            } else if (Character.isJavaIdentifierStart(c)) {
                int j = i + 1;
                while (j < n && Character.isJavaIdentifierPart(text.charAt(j))) {
                    j++;
                }
                String word = text.substring(i, j);
                boolean escaped = i > 0 && text.charAt(i - 1) == '\\';
                out.append(word);
                if (!escaped && KEY_KEYWORDS.contains(word)) {
                    out.append('_');
                }
                i = j;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** JML comments become ordinary comments of the same length. */
    static String withoutJml(String text) {
        return text.replace("/*@", "/* ").replace("//@", "// ");
    }

    /**
     * Writes {@code to} afresh: all of {@code from}, KeY keywords renamed, and the JML of
     * {@code disabled} switched off.
     *
     * @return the files in which an identifier was renamed
     */
    static List<Path> write(Path from, Path to, Set<Path> disabled) throws IOException {
        deleteTree(to);
        List<Path> renamed = new java.util.ArrayList<>();
        for (Path rel : javaFiles(from)) {
            Path target = to.resolve(rel);
            Files.createDirectories(target.getParent());
            String text = Files.readString(from.resolve(rel), StandardCharsets.UTF_8);
            String keyText = renameKeyKeywords(text);
            if (!keyText.equals(text)) {
                renamed.add(rel);
            }
            Files.writeString(target, disabled.contains(rel) ? withoutJml(keyText) : keyText, StandardCharsets.UTF_8);
        }
        return renamed;
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
