package dev.keel.boot.qemu;

import java.nio.file.Path;

/** Where the Makefile put the images: Maven passes target/ as keel.build.dir. */
final class BuildDir {
    private BuildDir() {
    }

    static Path get() {
        return Path.of(System.getProperty("keel.build.dir", "target")).toAbsolutePath();
    }

    static Path resolve(String relative) {
        return get().resolve(relative);
    }
}
