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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Boots the translated Java kernel (target/kernel/keel.elf, -m 32M) with the user programs as
 * boot modules (target/user/*.elf through -initrd): init, ping, pong, crash, pager and two
 * spinners (user/src/main/java), each loaded by the kernel's ELF loader. One run under
 * -icount shift=0,align=off serves the transcript checks and gives the figures: the timer then
 * ticks in virtual time (every million instructions), so the run is the same every time. A second
 * run has the kernel's self-checks on. Every failure message holds the whole serial log.
 */
@ExtendWith(BootSummary.class)
@Tag("qemu")
class JavaKernelBootTest {

    private static final Path KERNEL = BuildDir.resolve("kernel/keel.elf");
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int EXIT_OK = 0x10;

    private static QemuResult run;

    /** A boot module that is no ELF64 executable: the ELF32 of the harness's hello image. */
    private static final Path BROKEN = BuildDir.resolve("hello/hello.elf");

    @BeforeAll
    @Timeout(120)
    static void boot() throws Exception {
        run = BuildDir.withUserPrograms(Qemu.kernel(KERNEL)).module(BROKEN, "broken")
                .memory("32M")
                .icount(true)
                .timeout(TIMEOUT)
                .serialLog(BuildDir.resolve("qemu/java-kernel.log"))
                .run();
    }

    private static void assertSerial(QemuResult r, String... needles) {
        for (String n : needles) {
            assertTrue(r.serial().contains(n), () -> "serial log lacks \"" + n + "\"\n" + r.report());
        }
    }

    private static int at(QemuResult r, String needle) {
        int i = r.serial().indexOf(needle);
        if (i < 0) {
            fail("serial log lacks \"" + needle + "\"\n" + r.report());
        }
        return i;
    }

    private static Matcher find(QemuResult r, String regex) {
        Matcher m = Pattern.compile(regex).matcher(r.serial());
        if (!m.find()) {
            fail("serial log lacks /" + regex + "/\n" + r.report());
        }
        return m;
    }

    @Test
    @Timeout(10)
    void runEndsThroughIsaDebugExitWrittenByInit() {
        assertFalse(run.timedOut(), run::report);
        assertEquals(EXIT_OK, run.debugExitValue().orElse(-1), run::report);
        assertEquals(Qemu.exitStatusFor(EXIT_OK), run.exitCode(), run::report);
        assertSerial(run, "init: all children reaped, stopping the machine");
    }

    @Test
    @Timeout(10)
    void transcriptShowsBannerMemoryMapBootStagesIpcAndExitStatuses() {
        String[] inOrder = {
            "Keel 0.1.0 x86-64",
            "boot: early console",
            "boot: CPU setup",
            "boot: memory setup",
            "memory map (multiboot1, ",
            "  module init     [0x",
            "boot: interrupt controller",
            "footprint: boot ",
            "boot: kernel startup         entering the translated kernel",
            "boot: memory manager         frames from the memory map: ",
            "boot: boot modules           7 modules from the loader: init ping pong crash pager spin broken",
            "boot: process manager        16 process entries, 49 threads, 32 ports",
            "boot: device drivers         COM1 serial, 8259 PIC (16 lines), 8254 PIT",
            "boot: security policy        init (pid 1) holds slot 0 memory, slot 1 I/O ports, slot 2 IRQ",
            "boot: start init             pid 1, entry 0x0000000000400000",
            "footprint: kernel pools ",
            "init: started, pid 1",
            "init: port created in slot 20",
            "init: started pong as pid 2",
            "init: started ping as pid 3",
        };
        int last = -1;
        for (String s : inOrder) {
            int i = at(run, s);
            assertTrue(i > last, () -> "\"" + s + "\" out of order\n" + run.report());
            last = i;
        }
        assertSerial(run, "] usable ", "] reserved ",
                "ping: sent 3 messages",
                "pong: received \"ping 1\" label 101",
                "pong: received \"ping 2\" label 102",
                "pong: received \"ping 3\" label 103",
                "pong: call received: \"are you there?\", replying",
                "ping: call answered: \"pong here\" label 201",
                "init: pid 2 exited with status 9",
                "init: pid 3 exited with status 7");
        find(run, "ping: 200 call/reply round trips, \\d+ cycles mean");
        find(run, "boot: kernel startup \\d+ cycles; entering init \\d+ cycles after");
    }

    @Test
    @Timeout(10)
    void userPageFaultsAreServedByDemandPaging() {
        assertSerial(run, "pager: 16 pages mapped and touched, 16 demand-paging faults served, pages zeroed yes, sum 16120",
                "init: pid 5 exited with status 0");
    }

    @Test
    @Timeout(10)
    void protectionFaultKillsTheProcessWhileTheOthersGoOn() {
        int killed = at(run, "kernel: pid 4 killed by vector 13, status -139");
        assertTrue(at(run, "crash: loading from a non-canonical address") < killed, run::report);
        assertSerial(run, "init: pid 4 exited with status -139");
        assertTrue(at(run, "ping: call answered") > killed, () -> "IPC did not go on after the kill\n" + run.report());
        assertTrue(at(run, "init: pid 3 exited with status 7") > killed, run::report);
        assertFalse(run.serial().contains("crash: FAILED"), run::report);
    }

    @Test
    @Timeout(10)
    void invalidOpcodeKillsTheProcessWhileTheOthersGoOn() {
        int killed = at(run, "kernel: pid 7 killed by vector 6, status -139");
        assertTrue(at(run, "crash: executing ud2") < killed, run::report);
        assertSerial(run, "init: started crash ud as pid 7", "init: pid 7 exited with status -139");
        assertTrue(at(run, "init: all children reaped") > killed, run::report);
        assertTrue(at(run, "init: pid 9 exited with status 12") > killed, () -> "spinners did not run after the kill\n"
                + run.report());
        assertFalse(run.serial().contains("crash: FAILED"), run::report);
    }

    @Test
    @Timeout(10)
    void aCallIntoTheStackIsANoExecuteFaultThatKillsOnlyThatProcess() {
        // crash nx writes a ret on its stack and calls it: were the stack executable, the call
        // would return and crash would print FAILED. The fetch faults on a present NX page; the
        // kernel refuses it instead of retrying it as spurious.
        // The arguments ("nx") are the top 16 bytes below ProcessSpec.STACK_TOP (0x7fff00000000).
        int killed = at(run, "kernel: pid 8 killed by instruction fetch at 0x00007ffefffffff0, status -139");
        assertTrue(at(run, "crash: calling into its stack") < killed, run::report);
        assertSerial(run, "init: started crash nx as pid 8", "init: pid 8 exited with status -139");
        assertTrue(at(run, "init: all children reaped") > killed, run::report);
        assertTrue(at(run, "init: pid 10 exited with status 12") > killed, () -> "spinners did not run after the kill\n"
                + run.report());
        assertFalse(run.serial().contains("crash: FAILED"), run::report);
    }

    @Test
    @Timeout(10)
    void aModuleThatIsNoElf64ExecutableIsRefusedWithBadExecutable() {
        // hello.elf is an ELF32 file: ElfImage.NOT_64_BIT (-3).
        assertSerial(run, "  module broken ", "boot: boot modules           broken: no loadable ELF64 executable (ElfImage reason -3)",
                "init: create_process of broken: -19");
        assertEquals(1, run.serial().split("no loadable ELF64 executable", -1).length - 1,
                () -> "only broken is refused\n" + run.report());
    }

    @Test
    @Timeout(10)
    void pageFaultOutsideEveryRegionKillsTheProcess() {
        int killed = at(run, "kernel: pid 6 killed by page fault at 0x0000007000000000, status -139");
        assertTrue(at(run, "crash: loading from an unmapped address") < killed, run::report);
        assertSerial(run, "init: started crash pf as pid 6", "init: pid 6 exited with status -139");
    }

    @Test
    @Timeout(10)
    void timerPreemptionInterleavesTwoCpuBoundProcesses() {
        // Each spinner prints its letter after every round and never yields or blocks; both run
        // below init's priority, so once init waits only the two of them are runnable. Without
        // preemption one would print all its letters before the other printed any.
        int from = at(run, "init: spinners start\n") + "init: spinners start\n".length();
        int to = at(run, "init: all children reaped");
        String letters = run.serial().substring(from, to).replaceAll("init: pid \\d+ exited with status \\d+", "")
                .replaceAll("\\s", "");
        assertTrue(letters.matches("[ab]{24}"), () -> "spinner output \"" + letters + "\"\n" + run.report());
        assertTrue(letters.indexOf('b') < letters.lastIndexOf('a') && letters.indexOf('a') < letters.lastIndexOf('b'),
                () -> "no interleaving: \"" + letters + "\"\n" + run.report());
        assertSerial(run, "init: pid 9 exited with status 12", "init: pid 10 exited with status 12");
    }

    @Test
    @Timeout(150)
    void kernelInvariantsHoldOnEveryExitOnRealPageTables() throws Exception {
        // keel.selfcheck makes every kernel exit run SelfCheck (capabilities, memory: every page
        // table walked, scheduler, IPC, processes); a broken invariant panics. The kernel is so
        // much slower that output lines of different processes interleave: only whole markers
        // are checked.
        QemuResult r = BuildDir.withUserPrograms(Qemu.kernel(KERNEL))
                .memory("32M")
                .append("keel.selfcheck")
                .timeout(Duration.ofSeconds(120))
                .serialLog(BuildDir.resolve("qemu/java-kernel-selfcheck.log"))
                .run();
        assertEquals(EXIT_OK, r.debugExitValue().orElse(-1), r::report);
        assertSerial(r, "boot: self-checks", "kernel: pid 4 killed by vector 13, status -139",
                "init: all children reaped, stopping the machine");
        assertFalse(r.serial().contains("PANIC"), r::report);
    }

    /** Boots with the user programs and {@code keel.fault=KIND}; the run must end by itself. */
    private static QemuResult faultRun(String kind) throws Exception {
        QemuResult r = BuildDir.withUserPrograms(Qemu.kernel(KERNEL))
                .memory("32M")
                .icount(true)
                .append("keel.fault=" + kind)
                .timeout(Duration.ofSeconds(60))
                .serialLog(BuildDir.resolve("qemu/java-kernel-fault-" + kind + ".log"))
                .run();
        assertFalse(r.timedOut(), r::report);
        // The fault comes at the first timer interrupt from ring 3, while init runs.
        assertTrue(at(r, "kernel: keel.fault=" + kind) > at(r, "boot: start init"), r::report);
        assertSerial(r, "  RIP 0x", "  RSP 0x", "  RAX 0x", "  R15 0x", "  CR2 0x", "  CR3 0x");
        return r;
    }

    @Test
    @Timeout(90)
    void aGeneralProtectionFaultInTheKernelEndsTheRunWithADump() throws Exception {
        QemuResult r = faultRun("gp");
        assertEquals(0x40 + 13, r.debugExitValue().orElse(-1), r::report);
        assertSerial(r, "trap: #GP general protection (vector 13, error 0x0) in ring 0",
                "panic: unhandled #GP general protection in ring 0");
        find(r, "  RIP 0xffffffff8[0-9a-f]{7}  CS  0x0008");
        find(r, "  backtrace:( 0xffffffff8[0-9a-f]{7})+");
    }

    @Test
    @Timeout(90)
    void aDoubleFaultInTheKernelIsTakenOnItsIstStackAndEndsTheRunWithADump() throws Exception {
        // The push onto the unmapped stack faults (#PF), the #PF cannot push its frame there
        // either, so the CPU raises #DF; only its IST1 stack lets the handler run at all (without
        // it: a triple fault, which under -no-reboot ends QEMU with status 0 and no dump).
        QemuResult r = faultRun("df");
        assertEquals(0x40 + 8, r.debugExitValue().orElse(-1), r::report);
        assertSerial(r, "trap: #DF double fault (vector 8, error 0x0) in ring 0", "RSP 0xffffffff00dead00",
                "CR2 0xffffffff00deacf8", "panic: unhandled #DF double fault in ring 0");
    }

    @Test
    @Timeout(90)
    void aKernelPanicPrintsTheEntryRegistersAndEndsTheRunWithItsOwnCode() throws Exception {
        QemuResult r = faultRun("panic");
        assertEquals(0x3e, r.debugExitValue().orElse(-1), r::report);
        int panic = at(r, "PANIC corruption: KernelMain.timer (keel.fault=panic)");
        assertTrue(at(r, "kernel: panicked, stopping; registers at the kernel entry:") > panic, r::report);
        find(r, "  RIP 0x0000000000[0-9a-f]{6}  CS  0x0023");
    }

    @Test
    @Timeout(10)
    void figuresUnderIcount() {
        QemuResult r = run;
        assertEquals(EXIT_OK, r.debugExitValue().orElse(-1), r::report);
        Matcher ipc = find(r, "ping: 200 call/reply round trips, (\\d+) cycles mean, (\\d+) cycles median, (\\d+) cycles best");
        Matcher getpid = find(r, "ping: 200 getpid calls, (\\d+) cycles mean");
        Matcher init = find(r, "entering init (\\d+) cycles after the loader's jump to _start");
        Matcher fp = find(r, "footprint: boot (\\d+), text (\\d+), rodata (\\d+), data (\\d+), bss (\\d+) bytes");
        Matcher pools = find(r, "footprint: kernel pools (\\d+) KiB");
        long loaded = 0;
        for (int g = 1; g <= 4; g++) {
            loaded += Long.parseLong(fp.group(g));
        }
        long bss = Long.parseLong(fp.group(5));
        Matcher mod = Pattern.compile("  module (\\S+) +\\[0x[0-9a-f]+-0x[0-9a-f]+\\] (\\d+) bytes").matcher(r.serial());
        long modules = 0;
        int programs = 0;
        while (mod.find()) {
            if (BuildDir.USER_PROGRAMS.contains(mod.group(1))) {
                modules += Long.parseLong(mod.group(2));
                programs++;
            }
        }
        assertEquals(BuildDir.USER_PROGRAMS.size(), programs, r::report);
        BootSummary.figure("java kernel image", (loaded + 1023) / 1024 + " KiB loaded + "
                + (bss + 1023) / 1024 + " KiB bss, pools " + pools.group(1) + " KiB; " + programs
                + " user programs as ELF boot modules, " + (modules + 1023) / 1024 + " KiB");
        BootSummary.figure("boot to init", init.group(1) + " virtual cycles (icount)");
        BootSummary.figure("IPC call/reply round trip", ipc.group(2) + " virtual cycles median, " + ipc.group(1)
                + " mean, " + ipc.group(3) + " best (icount; aim 1,300)");
        BootSummary.figure("getpid round trip", getpid.group(1) + " virtual cycles mean (icount)");
    }
}
