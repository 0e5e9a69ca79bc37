package dev.keel.boot.qemu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Runs one x86-64 guest in QEMU under TCG and returns its exit status and serial transcript.
 *
 * <pre>{@code
 * QemuResult r = Qemu.kernel(Path.of("target/kernel/keel.elf"))   // Multiboot1 ELF32, or Qemu.cdrom(iso)
 *         .memory("32M")
 *         .append("selftest=ud")                                   // kernel command line (-kernel only)
 *         .icount(true)                                            // deterministic rdtsc
 *         .timeout(Duration.ofSeconds(30))
 *         .serialLog(Path.of("target/qemu/ud.log"))
 *         .run();                                                  // or .until("boot complete") to stop on a line
 * assertEquals(Qemu.exitStatusFor(3), r.exitCode(), r::report);
 * }</pre>
 *
 * Every run uses {@code -accel tcg -display none -no-reboot -monitor none}, COM1 written to a file,
 * and {@code -device isa-debug-exit,iobase=0xf4,iosize=0x04}, so the guest ends the run by writing
 * a byte to port 0xf4. A guest still running at the timeout is killed and the result says so.
 * A guest that never exits by itself (an interactive kernel, a GRUB ISO) can be stopped as soon
 * as its serial output contains a marker with {@link #until}.
 * The QEMU binary is {@code qemu-system-x86_64} on the PATH, or the system property {@code keel.qemu}.
 * Instances are single-use builders and not thread-safe.
 */
public final class Qemu {

    /** I/O port of the isa-debug-exit device; the guest's images use the same constant. */
    public static final int DEBUG_EXIT_PORT = 0xf4;

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration KILL_GRACE = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 20;

    private final String bootOption;
    private final Path image;
    private String binary = System.getProperty("keel.qemu", "qemu-system-x86_64");
    private String memory;
    private String append;
    private boolean icount;
    private Duration timeout = DEFAULT_TIMEOUT;
    private Path serialLog;
    private Path serial2Log;
    private String marker;
    private final List<String> extraArgs = new ArrayList<>();

    private Qemu(String bootOption, Path image) {
        this.bootOption = bootOption;
        this.image = Objects.requireNonNull(image, "image");
    }

    /** Boots a Multiboot1 ELF (ELF32) with {@code -kernel}. */
    public static Qemu kernel(Path elf) {
        return new Qemu("-kernel", elf);
    }

    /** Boots an ISO (e.g. made by grub-mkrescue) with {@code -cdrom}. */
    public static Qemu cdrom(Path iso) {
        return new Qemu("-cdrom", iso);
    }

    /** The QEMU exit status that a guest's write of {@code value} to isa-debug-exit produces. */
    public static int exitStatusFor(int value) {
        return ((value & 0xff) << 1) | 1;
    }

    /** Guest RAM, in QEMU's {@code -m} syntax ("32M"); QEMU's default (128M) when not set. */
    public Qemu memory(String size) {
        this.memory = Objects.requireNonNull(size, "size");
        return this;
    }

    /** Kernel command line passed with {@code -append}; only meaningful with {@link #kernel}. */
    public Qemu append(String cmdline) {
        this.append = Objects.requireNonNull(cmdline, "cmdline");
        return this;
    }

    /**
     * Adds {@code -icount shift=0,align=off}: one virtual nanosecond per instruction, so the
     * guest's {@code rdtsc} counts the same on every run of the same build.
     */
    public Qemu icount(boolean on) {
        this.icount = on;
        return this;
    }

    /** Wall-clock limit after which QEMU is killed (default 60 s). */
    public Qemu timeout(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + limit);
        }
        this.timeout = limit;
        return this;
    }

    /** Where COM1 is written; a fresh temporary file when not set. */
    public Qemu serialLog(Path file) {
        this.serialLog = Objects.requireNonNull(file, "file");
        return this;
    }

    /**
     * Where COM2 is written (a second {@code -serial file:}); the kernel's trace line under
     * {@code keel.trace}. Without it the guest has no COM2.
     */
    public Qemu serial2Log(Path file) {
        this.serial2Log = Objects.requireNonNull(file, "file");
        return this;
    }

    /**
     * Stops QEMU (and reports {@link QemuResult#stoppedAtMarker()}) as soon as the serial
     * transcript contains {@code text}. Without it the run lasts until the guest exits or the
     * timeout.
     */
    public Qemu until(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("until() needs a non-empty marker");
        }
        this.marker = text;
        return this;
    }

    /** The QEMU binary to run instead of {@code qemu-system-x86_64}. */
    public Qemu binary(String path) {
        this.binary = Objects.requireNonNull(path, "path");
        return this;
    }

    /** Further QEMU arguments, appended after the harness's own. */
    public Qemu extraArgs(String... args) {
        extraArgs.addAll(List.of(args));
        return this;
    }

    /**
     * Runs QEMU to its end or to the timeout.
     *
     * @throws IOException when the image is missing, the log cannot be written, or QEMU cannot start
     * @throws InterruptedException when the calling thread is interrupted (QEMU is killed first)
     */
    public QemuResult run() throws IOException, InterruptedException {
        if (!Files.isRegularFile(image)) {
            throw new IOException("boot image not found: " + image.toAbsolutePath()
                    + " (build it with `make -C boot/image` or mvn)");
        }
        Path log = prepareSerialLog();
        if (serial2Log != null) {
            prepareLog(serial2Log);
        }
        Path qemuOut = log.resolveSibling(log.getFileName() + ".qemu");
        List<String> cmd = command(log);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(qemuOut.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        long start = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("cannot start " + binary + " (is qemu-system-x86 installed? run ci/setup): "
                    + e.getMessage(), e);
        }
        p.getOutputStream().close();
        Outcome outcome;
        try {
            outcome = await(p, log, start);
        } catch (InterruptedException e) {
            kill(p);
            throw e;
        }
        if (outcome != Outcome.EXITED) {
            kill(p);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        String serial = Files.readString(log, StandardCharsets.ISO_8859_1);
        String said = Files.readString(qemuOut, StandardCharsets.UTF_8);
        return new QemuResult(outcome == Outcome.EXITED ? p.exitValue() : -1, outcome == Outcome.TIMED_OUT,
                outcome == Outcome.MARKER_SEEN, serial, said, elapsed, List.copyOf(cmd), log);
    }

    private enum Outcome { EXITED, TIMED_OUT, MARKER_SEEN }

    /** Waits for QEMU to exit, the marker to appear, or the deadline, whichever comes first. */
    private Outcome await(Process p, Path log, long startNanos) throws IOException, InterruptedException {
        long deadline = startNanos + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Outcome.TIMED_OUT;
            }
            long slice = marker == null ? left : Math.min(left, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
            if (p.waitFor(slice, TimeUnit.NANOSECONDS)) {
                return Outcome.EXITED;
            }
            if (marker != null && Files.readString(log, StandardCharsets.ISO_8859_1).contains(marker)) {
                return Outcome.MARKER_SEEN;
            }
        }
    }

    /** The full command line for a run that writes COM1 to {@code log}. */
    List<String> command(Path log) {
        List<String> cmd = new ArrayList<>(List.of(binary,
                "-accel", "tcg",
                "-display", "none",
                "-monitor", "none",
                "-no-reboot",
                "-serial", "file:" + log.toAbsolutePath(),
                "-device", "isa-debug-exit,iobase=0x" + Integer.toHexString(DEBUG_EXIT_PORT) + ",iosize=0x04"));
        if (serial2Log != null) {
            cmd.addAll(List.of("-serial", "file:" + serial2Log.toAbsolutePath()));
        }
        if (memory != null) {
            cmd.addAll(List.of("-m", memory));
        }
        if (icount) {
            cmd.addAll(List.of("-icount", "shift=0,align=off"));
        }
        cmd.addAll(List.of(bootOption, image.toAbsolutePath().toString()));
        if (append != null) {
            if (!bootOption.equals("-kernel")) {
                throw new IllegalStateException("append() needs a -kernel boot; GRUB reads its own command line");
            }
            cmd.addAll(List.of("-append", append));
        }
        cmd.addAll(extraArgs);
        return cmd;
    }

    private Path prepareSerialLog() throws IOException {
        return prepareLog(serialLog != null ? serialLog : Files.createTempFile("keel-serial-", ".log"));
    }

    /** Empties {@code log} (creating its folder); refuses a path QEMU would misread. */
    private static Path prepareLog(Path log) throws IOException {
        // QEMU's option parser splits on commas; a path with one would silently mean something else.
        if (log.toAbsolutePath().toString().contains(",")) {
            throw new IOException("serial log path must not contain a comma: " + log);
        }
        if (log.toAbsolutePath().getParent() != null) {
            Files.createDirectories(log.toAbsolutePath().getParent());
        }
        Files.deleteIfExists(log);
        Files.createFile(log);
        return log;
    }

    private static void kill(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly();
            p.waitFor(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
