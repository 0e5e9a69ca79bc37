package dev.keel.boot.image;

import dev.keel.boot.qemu.Qemu;
import java.nio.file.Path;
import java.util.List;

/** Where the Makefile put the images: Maven passes target/ as keel.build.dir. */
public final class BuildDir {
    private BuildDir() {
    }

    /** The user programs the Makefile builds (target/user/NAME.elf), init first. */
    public static final List<String> USER_PROGRAMS = List.of("init", "ping", "pong", "crash", "pager", "spin");

    public static Path get() {
        return Path.of(System.getProperty("keel.build.dir", "target")).toAbsolutePath();
    }

    public static Path resolve(String relative) {
        return get().resolve(relative);
    }

    /** {@code q} with each user program's ELF file as a boot module named after it. */
    public static Qemu withUserPrograms(Qemu q) {
        for (String p : USER_PROGRAMS) {
            q.module(resolve("user/" + p + ".elf"), p);
        }
        return q;
    }
}
