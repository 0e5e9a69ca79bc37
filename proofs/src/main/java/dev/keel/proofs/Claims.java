package dev.keel.proofs;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The work list the prover JVMs of one run share. Every JVM sorts the same contracts the same way;
 * before proving the i-th it claims i by creating the file {@code i} in a shared folder. File
 * creation is atomic, so exactly one JVM gets each contract, and whichever is free takes the next.
 * A static split (every n-th contract) left one JVM idle while the other still had minutes of work.
 */
final class Claims {

    private final Path dir;

    Claims(Path dir) {
        this.dir = dir;
    }

    /** True if this JVM is the first to claim item {@code i}; false if another JVM has it. */
    boolean claim(int i) throws IOException {
        try {
            Files.createFile(dir.resolve(Integer.toString(i)));
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    /** Makes {@code dir} an empty folder for a new run. */
    static Path fresh(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Files.delete(f);
                }
            }
        }
        return Files.createDirectories(dir);
    }
}
