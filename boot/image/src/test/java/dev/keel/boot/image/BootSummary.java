package dev.keel.boot.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Counts the boot tests (those tagged "qemu") and keeps target/summary.txt up to date with the
 * count and the figures the tests measured, for the build's final summary.
 * The file is rewritten after every boot test, so it is right even if a later class fails hard.
 */
public final class BootSummary implements TestWatcher {

    private static int passed;
    private static int failed;
    /** Figures print in this order whatever order the tests ran in; others follow by name. */
    private static final List<String> ORDER = List.of("kernel image", "boot to kmain", "java kernel image",
            "boot to init", "IPC call/reply round trip", "context switch",
            "syscall round trip");
    private static final Map<String, String> FIGURES = new TreeMap<>((a, b) -> {
        int ia = ORDER.indexOf(a) < 0 ? ORDER.size() : ORDER.indexOf(a);
        int ib = ORDER.indexOf(b) < 0 ? ORDER.size() : ORDER.indexOf(b);
        return ia != ib ? Integer.compare(ia, ib) : a.compareTo(b);
    });

    /** Records a measured figure ("image", "14 KiB") for the summary line. */
    public static synchronized void figure(String name, String value) {
        FIGURES.put(name, value);
        write();
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        count(context, true);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        count(context, false);
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        count(context, false);
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
    }

    private static synchronized void count(ExtensionContext context, boolean ok) {
        if (!context.getTags().contains("qemu")) {
            return;
        }
        if (ok) {
            passed++;
        } else {
            failed++;
        }
        write();
    }

    private static void write() {
        StringBuilder line = new StringBuilder("QEMU: ").append(passed).append(" boot tests passed");
        if (failed > 0) {
            line.append(", ").append(failed).append(" FAILED");
        }
        FIGURES.forEach((k, v) -> line.append("; ").append(k).append(' ').append(v));
        try {
            Path file = BuildDir.resolve("summary.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, line.append('\n').toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
