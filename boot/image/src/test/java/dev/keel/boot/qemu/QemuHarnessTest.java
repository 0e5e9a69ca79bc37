package dev.keel.boot.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import dev.keel.boot.image.BootSummary;
import dev.keel.boot.image.BuildDir;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The harness on the minimal Multiboot1 image (src/main/asm/hello): serial line, exit status, timeout. */
@ExtendWith(BootSummary.class)
class QemuHarnessTest {

    /** The value hello.S writes to isa-debug-exit after a good Multiboot1 entry. */
    private static final int HELLO_EXIT_OK = 0x21;

    private static final Path HELLO = BuildDir.resolve("hello/hello.elf");

    @Test
    @Tag("qemu")
    @Timeout(60)
    void helloImagePrintsItsLineAndExitsThroughDebugExit() throws Exception {
        QemuResult r = Qemu.kernel(HELLO)
                .timeout(Duration.ofSeconds(30))
                .serialLog(BuildDir.resolve("qemu/hello.log"))
                .run();
        assertFalse(r.timedOut(), r::report);
        assertEquals(Qemu.exitStatusFor(HELLO_EXIT_OK), r.exitCode(), r::report);
        assertEquals(HELLO_EXIT_OK, r.debugExitValue().orElse(-1), r::report);
        assertEquals(java.util.List.of("keel-hello: multiboot1 entry ok"), r.serialLines(), r::report);
    }

    @Test
    @Timeout(30)
    void aGuestThatNeverExitsIsKilledAtTheTimeout() throws Exception {
        // -S starts QEMU with the CPU stopped, so the guest can never reach its debug-exit write.
        QemuResult r = Qemu.kernel(HELLO)
                .timeout(Duration.ofSeconds(2))
                .serialLog(BuildDir.resolve("qemu/stopped.log"))
                .extraArgs("-S")
                .run();
        assertTrue(r.timedOut(), r::report);
        assertEquals(-1, r.exitCode(), r::report);
        assertTrue(r.debugExitValue().isEmpty(), r::report);
        assertTrue(r.report().contains("TIMEOUT"), r::report);
    }

    @Test
    @Tag("qemu")
    @Timeout(60)
    void untilStopsTheGuestAtTheMarkerBeforeItExits() throws Exception {
        // The marker comes well before init ends the run through isa-debug-exit: QEMU is stopped there.
        QemuResult r = BuildDir.withUserPrograms(Qemu.kernel(BuildDir.resolve("kernel/keel.elf")))
                .memory("32M")
                .timeout(Duration.ofSeconds(30))
                .serialLog(BuildDir.resolve("qemu/kernel-until.log"))
                .until("boot: kernel startup ")
                .run();
        assertTrue(r.stoppedAtMarker(), r::report);
        assertFalse(r.timedOut(), r::report);
        assertEquals(-1, r.exitCode(), r::report);
        assertTrue(r.debugExitValue().isEmpty(), r::report);
    }

    @Test
    void aMissingImageIsAClearError() {
        IOException e = assertThrows(IOException.class,
                () -> Qemu.kernel(BuildDir.resolve("no/such.elf")).run());
        assertTrue(e.getMessage().contains("boot image not found"), e.getMessage());
    }

    @Test
    void modulesBecomeOneInitrdArgumentEachWithItsName() {
        Path log = Path.of("/tmp/serial.log");
        List<String> cmd = Qemu.kernel(Path.of("/k/keel.elf")).module(Path.of("/u/init.elf"), "init")
                .module(Path.of("/u/ping.elf"), "ping").command(log);
        int i = cmd.indexOf("-initrd");
        assertTrue(i > cmd.indexOf("-kernel"), cmd::toString);
        assertEquals("/u/init.elf init,/u/ping.elf ping", cmd.get(i + 1));
        assertFalse(Qemu.kernel(Path.of("/k/keel.elf")).command(log).contains("-initrd"));
    }

    @Test
    void moduleArgumentsQemuWouldMisreadAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Qemu.kernel(Path.of("k")).module(Path.of("/a,b.elf"), "a"));
        assertThrows(IllegalArgumentException.class, () -> Qemu.kernel(Path.of("k")).module(Path.of("/a b.elf"), "a"));
        assertThrows(IllegalArgumentException.class, () -> Qemu.kernel(Path.of("k")).module(Path.of("/a.elf"), "a b"));
        assertThrows(IllegalStateException.class,
                () -> Qemu.cdrom(Path.of("k.iso")).module(Path.of("/a.elf"), "a").command(Path.of("/tmp/s.log")));
    }

    @Test
    void aMissingModuleIsAClearError() {
        IOException e = assertThrows(IOException.class, () -> Qemu.kernel(BuildDir.resolve("hello/hello.elf"))
                .module(BuildDir.resolve("no/such.elf"), "x").run());
        assertTrue(e.getMessage().contains("boot module not found"), e.getMessage());
    }

    @Test
    void exitStatusFollowsTheDebugExitRule() {
        assertEquals(67, Qemu.exitStatusFor(0x21));
        assertEquals(3, Qemu.exitStatusFor(1));
    }
}
