package dev.keel.boot.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.keel.boot.qemu.Qemu;
import dev.keel.boot.qemu.QemuResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Boots the kernel (target/kernel/keel.elf through qemu -kernel, target/iso/keel.iso through
 * GRUB) with -m 32M and checks its serial transcript and isa-debug-exit status. The self-test
 * is chosen with keel.test= on the command line (src/main/c/selftest.h); the exit values
 * mirror src/main/c/machine.h. Every failure message carries the whole serial log.
 */
@ExtendWith(BootSummary.class)
@Tag("qemu")
class KernelBootTest {

    private static final int EXIT_OK = 0x10;
    private static final int EXIT_BAD_CMDLINE = 0x12;
    private static final int EXIT_PANIC = 0x3f;
    private static final int EXIT_TRAP_BASE = 0x40;
    private static final int VEC_INVALID_OP = 6;
    private static final int VEC_DOUBLE_FAULT = 8;
    private static final int VEC_GP = 13;
    private static final int VEC_PAGE_FAULT = 14;

    private static final Path KERNEL = BuildDir.resolve("kernel/keel.elf");
    private static final Path ISO = BuildDir.resolve("iso/keel.iso");
    private static final Duration TIMEOUT = Duration.ofSeconds(40);

    private static final Pattern BOOT_CYCLES = Pattern.compile(
            "boot: entry to kmain (\\d+) cycles, reset to kmain (\\d+) cycles");
    private static final Pattern USABLE = Pattern.compile("memory: (\\d+) KiB usable");
    private static final Pattern FOOTPRINT = Pattern.compile(
            "footprint: boot (\\d+), text (\\d+), rodata (\\d+), data (\\d+), bss (\\d+) bytes");

    /** Boots keel.elf under -icount with "keel.test=NAME" and waits for it to exit. */
    private static QemuResult selftest(String name) throws Exception {
        return selftest(name, name);
    }

    private static QemuResult selftest(String name, String logName) throws Exception {
        QemuResult r = Qemu.kernel(KERNEL)
                .memory("32M")
                .icount(true)
                .append("keel.test=" + name)
                .timeout(TIMEOUT)
                .serialLog(BuildDir.resolve("qemu/selftest-" + logName + ".log"))
                .run();
        assertFalse(r.timedOut(), r::report);
        return r;
    }

    private static void assertExit(int value, QemuResult r) {
        assertEquals(value, r.debugExitValue().orElse(-1),
                () -> "expected isa-debug-exit value 0x" + Integer.toHexString(value) + "\n" + r.report());
    }

    private static void assertSerial(QemuResult r, String... needles) {
        for (String n : needles) {
            assertTrue(r.serial().contains(n), () -> "serial log lacks \"" + n + "\"\n" + r.report());
        }
    }

    private static Matcher find(QemuResult r, Pattern p) {
        Matcher m = p.matcher(r.serial());
        if (!m.find()) {
            fail("serial log lacks /" + p.pattern() + "/\n" + r.report());
        }
        return m;
    }

    private static void assertRegisterDump(QemuResult r) {
        assertSerial(r, "  RIP 0x", "  RSP 0x", "  RAX 0x", "  R15 0x", "  CR2 0x", "  CR3 0x");
    }

    @Test
    @Timeout(60)
    void bootPrintsBannerStagesMemoryMapAndFootprint() throws Exception {
        QemuResult r = selftest("exit");
        assertExit(EXIT_OK, r);
        assertSerial(r, "Keel 0.1.0 x86-64",
                "boot: early console", "boot: CPU setup", "boot: memory setup", "boot: interrupt controller",
                "loader: qemu (multiboot1), cmdline \"", "keel.test=exit\"",
                "memory map (multiboot1, ", "] usable ", "] reserved ");
        long usableKiB = Long.parseLong(find(r, USABLE).group(1));
        assertTrue(usableKiB > 30 * 1024 && usableKiB <= 32 * 1024, () -> "usable " + usableKiB + " KiB\n" + r.report());
        Matcher f = find(r, FOOTPRINT);
        long loaded = 0;
        for (int g = 1; g <= 4; g++) {
            loaded += Long.parseLong(f.group(g));
        }
        long text = Long.parseLong(f.group(2));
        long bss = Long.parseLong(f.group(5));
        assertTrue(text > 1024, r::report);
        BootSummary.figure("kernel image", (loaded + 1023) / 1024 + " KiB loaded + " + bss / 1024 + " KiB bss");
    }

    @Test
    @Timeout(60)
    void invalidOpcodeIsReportedWithARegisterDump() throws Exception {
        QemuResult r = selftest("ud");
        assertExit(EXIT_TRAP_BASE + VEC_INVALID_OP, r);
        assertSerial(r, "trap: #UD invalid opcode (vector 6", "in ring 0", "panic: unhandled #UD");
        assertRegisterDump(r);
    }

    @Test
    @Timeout(60)
    void generalProtectionFaultIsReportedWithARegisterDump() throws Exception {
        QemuResult r = selftest("gp");
        assertExit(EXIT_TRAP_BASE + VEC_GP, r);
        assertSerial(r, "trap: #GP general protection (vector 13", "RBX 0x8000000000000000");
        assertRegisterDump(r);
    }

    @Test
    @Timeout(60)
    void pageFaultReportsTheFaultingAddressInCr2() throws Exception {
        QemuResult r = selftest("pf");
        assertExit(EXIT_TRAP_BASE + VEC_PAGE_FAULT, r);
        assertSerial(r, "trap: #PF page fault (vector 14", "CR2 0x00000000deadb000");
        assertRegisterDump(r);
    }

    @Test
    @Timeout(60)
    void doubleFaultIsHandledOnItsOwnStack() throws Exception {
        // Without the IST1 stack the #DF could not be delivered either: a triple fault, which
        // under -no-reboot ends QEMU with status 0 and no dump.
        QemuResult r = selftest("df");
        assertExit(EXIT_TRAP_BASE + VEC_DOUBLE_FAULT, r);
        assertSerial(r, "trap: #DF double fault (vector 8", "RSP 0x00000000dead0000", "CR2 0x00000000deacfff8");
        assertRegisterDump(r);
    }

    @Test
    @Timeout(60)
    void panicPrintsItsRegistersAndABacktraceAndEndsTheRun() throws Exception {
        QemuResult r = selftest("panic");
        assertExit(EXIT_PANIC, r);
        assertSerial(r, "selftest: calling panic two calls down", "panic: self-test panic", "  CR3 0x");
        Matcher called = find(r, Pattern.compile("  called from (0x[0-9a-f]{16})  RSP 0x[0-9a-f]{16}  RBP 0x[0-9a-f]{16}"));
        assertTrue(called.group(1).startsWith("0xffffffff8"), r::report);
        Matcher bt = find(r, Pattern.compile("  backtrace:((?: 0xffffffff8[0-9a-f]{7})+)"));
        assertTrue(bt.group(1).trim().split(" ").length >= 3, () -> "backtrace too short\n" + r.report());
    }

    @Test
    @Timeout(60)
    void timerInterruptsArrive() throws Exception {
        QemuResult r = selftest("timer");
        assertExit(EXIT_OK, r);
        assertSerial(r, "selftest: timer ok: 10 ticks in ");
    }

    @Test
    @Timeout(60)
    void contextSwitchPreservesEveryRegister() throws Exception {
        QemuResult r = selftest("switch");
        assertExit(EXIT_OK, r);
        Matcher m = find(r, Pattern.compile("switch ok: (\\d+) switches, (\\d+) cycles each"));
        BootSummary.figure("context switch", m.group(2) + " cycles");
    }

    @Test
    @Timeout(60)
    void ringThreeProgramsMakeSyscallsAreKilledOnFaultsAndPreemptedByTheTimer() throws Exception {
        QemuResult r = selftest("user");
        assertExit(EXIT_OK, r);
        assertSerial(r, "user: hello from ring 3",
                "trap: #GP general protection (vector 13, error 0x0) in ring 3",
                "CS  0x0023", "SS  0x001b", "user: program killed by vector 13",
                "user: program preempted by the timer at RIP 0x000000000040", "user_spin preempted after 2 ticks",
                "selftest: user ok");
        Matcher m = find(r, Pattern.compile("syscall round trip (\\d+) cycles"));
        BootSummary.figure("syscall round trip", m.group(1) + " cycles");
    }

    @Test
    @Timeout(60)
    void unknownSelfTestIsRejected() throws Exception {
        QemuResult r = selftest("no-such-test");
        assertExit(EXIT_BAD_CMDLINE, r);
        assertSerial(r, "selftest: unknown keel.test=no-such-test");
    }

    @Test
    @Timeout(120)
    void bootTimeToKmainIsTheSameOnEveryRunUnderIcount() throws Exception {
        // Only the kernel's own part is compared: the firmware halts while it waits, and under
        // -icount with sleep=on (QEMU's default) halted time passes at wall-clock speed, so the
        // reset-to-kmain figure varies from run to run.
        QemuResult a = selftest("exit", "cycles-1");
        QemuResult b = selftest("exit", "cycles-2");
        Matcher first = find(a, BOOT_CYCLES);
        Matcher second = find(b, BOOT_CYCLES);
        assertEquals(first.group(1), second.group(1), () -> "entry-to-kmain cycles differ between two -icount runs\n"
                + a.report() + b.report());
        long entryToKmain = Long.parseLong(first.group(1));
        long resetToKmain = Long.parseLong(first.group(2));
        assertTrue(entryToKmain > 0 && resetToKmain > entryToKmain, a::report);
        BootSummary.figure("boot to kmain", String.format("%,d cycles from kernel entry (%,d from reset)",
                entryToKmain, resetToKmain));
    }

    /** Boots on QEMU CPU model {@code cpu} and stops at the first line on the serial port. */
    private static QemuResult bootUntilFirstLine(String cpu, String log) throws Exception {
        return Qemu.kernel(KERNEL)
                .memory("32M")
                .timeout(TIMEOUT)
                .serialLog(BuildDir.resolve("qemu/" + log))
                .extraArgs("-cpu", cpu)
                .until("\n")
                .run();
    }

    @Test
    @Timeout(60)
    void aCpuWithoutLongModeGetsTheFixedMessageAndHalts() throws Exception {
        // head.S's check_long_mode fails on a 32-bit CPU model; boot_fail prints and halts
        // forever, so the run is stopped at the message.
        QemuResult r = bootUntilFirstLine("qemu32", "no-long-mode.log");
        assertTrue(r.stoppedAtMarker(), r::report);
        assertEquals("keel: boot failed: CPU lacks long mode (x86-64)\n", r.serial(), r::report);
    }

    @Test
    @Timeout(60)
    void aCpuWithoutNoExecuteGetsTheFixedMessageAndHalts() throws Exception {
        // A 64-bit CPU model with NX taken away: check_nx refuses it, because user data and
        // stacks could not be kept from being executed (and PTE bit 63 would be reserved).
        QemuResult r = bootUntilFirstLine("qemu64,-nx", "no-nx.log");
        assertTrue(r.stoppedAtMarker(), r::report);
        assertEquals("keel: boot failed: CPU lacks no-execute (NX) page protection\n", r.serial(), r::report);
    }

    @Test
    @Timeout(60)
    void translatedKernelEntryIsCalledWithTheHandoff() throws Exception {
        // target/kernel-probe links src/test/c/handoff_probe.c where the translated kernel goes.
        QemuResult r = Qemu.kernel(BuildDir.resolve("kernel-probe/keel.elf"))
                .memory("32M")
                .append("keel.probe=1")
                .timeout(TIMEOUT)
                .serialLog(BuildDir.resolve("qemu/handoff-probe.log"))
                .run();
        assertExit(EXIT_OK, r);
        String usable = find(r, USABLE).group(1);
        String regions = find(r, Pattern.compile("memory map \\(multiboot1, (\\d+) regions\\)")).group(1);
        assertSerial(r, "boot: kernel startup",
                "probe: handoff version 2, " + regions + " regions, " + usable + " KiB usable",
                "keel.probe=1\"");
    }

    @Test
    @Timeout(120)
    void isoBootsUnderGrub() throws Exception {
        QemuResult r = Qemu.cdrom(ISO)
                .memory("32M")
                .timeout(Duration.ofSeconds(90))
                .serialLog(BuildDir.resolve("qemu/iso.log"))
                .run();
        // The whole run, as through qemu -kernel: the translated kernel, init and its children,
        // ended by init through isa-debug-exit.
        assertExit(EXIT_OK, r);
        assertSerial(r, "Keel 0.1.0 x86-64", "loader: GRUB", "(multiboot2)", "memory map (multiboot2, ",
                "boot: interrupt controller", "boot: boot modules           6 modules from the loader: init ping pong crash pager spin",
                "boot: start init", "ping: call answered: \"pong here\" label 201",
                "init: all children reaped, stopping the machine");
    }
}
