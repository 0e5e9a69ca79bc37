package dev.keel.proofs.mutation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A copy of the repository in a scratch folder, where mutants are applied one at a time. The
 * working tree is only ever read. The copy leaves out .git and every target folder except the
 * compiled main classes of hw, which the kernel build then reuses instead of running the
 * checkers on hw again.
 */
final class ScratchTree {

    private final Path root;

    private ScratchTree(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    static ScratchTree copyOf(Path repo, Path scratch) throws IOException {
        if (Files.exists(scratch)) {
            delete(scratch);
        }
        Files.createDirectories(scratch);
        Path repoAbs = repo.toAbsolutePath().normalize();
        Files.walkFileTree(repoAbs, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path rel = repoAbs.relativize(dir);
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                if (!rel.toString().isEmpty() && (name.equals(".git")
                        || name.equals("target") && !rel.toString().equals("hw/target")
                        || rel.startsWith("hw/target") && !rel.toString().equals("hw/target")
                                && !rel.startsWith("hw/target/classes") && !rel.startsWith("hw/target/maven-status"))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(scratch.resolve(rel.toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path rel = repoAbs.relativize(file);
                if (file.getFileName().toString().equals(".git")) {
                    // A worktree's .git is a file pointing at the repository: the copy is no checkout.
                    return FileVisitResult.CONTINUE;
                }
                // Timestamps are kept so that Maven sees the copied hw classes as up to date.
                Files.copy(file, scratch.resolve(rel.toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
        return new ScratchTree(scratch);
    }

    String read(String rel) throws IOException {
        return Files.readString(root.resolve(rel), StandardCharsets.UTF_8);
    }

    void write(String rel, String text) throws IOException {
        Files.writeString(root.resolve(rel), text, StandardCharsets.UTF_8);
    }

    void deleteDir(String rel) throws IOException {
        Path p = root.resolve(rel);
        if (Files.exists(p)) {
            delete(p);
        }
    }

    static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
