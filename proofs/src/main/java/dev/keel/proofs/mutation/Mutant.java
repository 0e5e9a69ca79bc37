package dev.keel.proofs.mutation;

import java.nio.file.Path;

/**
 * One seeded bug: a single search/replace in one kernel source file.
 *
 * @param name        short unique name, used in the report and for log files
 * @param file        the source file, relative to the repository root
 * @param description what the bug is
 * @param find        text that must occur exactly once in the file
 * @param replace     what it becomes
 * @param method      the method the change is in: KeY can only kill the mutant through a contract of it
 */
public record Mutant(String name, String file, String description, String find, String replace, String method) {

    public Mutant {
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("mutant name must be lower case letters, digits and '-': '" + name + "'");
        }
        if (!file.endsWith(".java")) {
            throw new IllegalArgumentException("mutant " + name + ": file must be a .java source: " + file);
        }
        if (find.isEmpty()) {
            throw new IllegalArgumentException("mutant " + name + ": find must not be empty");
        }
        if (!method.matches("[A-Za-z_$][A-Za-z0-9_$]*")) {
            throw new IllegalArgumentException("mutant " + name + ": method must be a Java method name: '" + method + "'");
        }
        if (find.equals(replace)) {
            throw new IllegalArgumentException("mutant " + name + ": replace equals find, the mutant changes nothing");
        }
    }

    /** The qualified name of the class the file declares, from its path under src/main/java. */
    public String className() {
        String marker = "src/main/java/";
        int at = file.indexOf(marker);
        if (at < 0) {
            throw new IllegalArgumentException("mutant " + name + ": file is not under src/main/java: " + file);
        }
        String rel = file.substring(at + marker.length(), file.length() - ".java".length());
        return rel.replace('/', '.');
    }

    /** The mutated text of {@code original}; fails unless {@code find} occurs exactly once. */
    public String apply(String original) {
        int first = original.indexOf(find);
        if (first < 0) {
            throw new IllegalStateException("mutant " + name + ": find text not in " + file + ": " + find);
        }
        if (original.indexOf(find, first + 1) >= 0) {
            throw new IllegalStateException("mutant " + name + ": find text occurs more than once in " + file);
        }
        return original.substring(0, first) + replace + original.substring(first + find.length());
    }

    public Path path(Path root) {
        return root.resolve(file);
    }
}
