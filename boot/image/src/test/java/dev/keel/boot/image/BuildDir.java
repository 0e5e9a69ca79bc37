package dev.keel.boot.image;

import java.nio.file.Path;

/** Where the Makefile put the images: Maven passes target/ as keel.build.dir. */
public final class BuildDir {
    private BuildDir() {
    }

    public static Path get() {
        return Path.of(System.getProperty("keel.build.dir", "target")).toAbsolutePath();
    }

    public static Path resolve(String relative) {
        return get().resolve(relative);
    }
}
