package dev.keel.boot.x86;

import dev.keel.hw.Serial;
import dev.keel.kernel.Boot;
import dev.keel.kernel.Entry;
import dev.keel.kernel.Kernel;
import dev.keel.kernel.KernelConfig;
import dev.keel.kernel.cap.CapType;
import dev.keel.kernel.proc.Process;
import dev.keel.kernel.proc.ProcessManager;
import dev.keel.kernel.recovery.Recovery;
import dev.keel.kernel.sched.PerCpu;
import dev.keel.kernel.sched.Tcb;

/**
 * The image's entry points into the kernel, exported to the trap glue
 * (src/main/glue/kernel_glue.c): boot, then one method per way into the kernel, each ending in
 * the kernel's own exit path, and the query the glue uses to resume the thread the kernel
 * chose. The trap glue saves and restores the full register state; the kernel sees a thread's
 * user program counter and stack pointer (Tcb.pc, Tcb.sp) and its result registers r0..r3.
 *
 * The static fields are the platform's root and the boot-time fault test: the kernel itself
 * keeps no global state.
 *
 * Fault tests (for the boot tests; one option on the kernel command line): at the first timer
 * interrupt from user space, {@code keel.fault=gp} makes the kernel load from a non-canonical
 * address (#GP in ring 0), {@code keel.fault=df} load a bad stack pointer and push (#DF, taken
 * on its IST stack), {@code keel.fault=panic} call the kernel's Panic. Each ends the run with a
 * register dump.
 */
public final class KernelMain {

    private static Kernel kernel;
    private static X86Machine machine;
    private static int faultTest;

    static final int FAULT_NONE = 0;
    static final int FAULT_GP = 1;
    static final int FAULT_DF = 2;
    static final int FAULT_PANIC = 3;
    /** Physical address whose direct-map alias (+ 0xffffffff80000000) is 0x0000800000000000. */
    static final long NON_CANONICAL_PA = 0x0000800080000000L;

    private KernelMain() {
    }

    /** Boots the kernel from the handoff block; returns 0, or a negative code when it cannot. */
    public static int boot(long handoffPhys) {
        Handoff h = new Handoff(handoffPhys);
        if (!h.valid()) {
            return -1;
        }
        X86Machine m = new X86Machine(h);
        machine = m;
        Serial s = m.serial;
        stage(s, "memory manager", "frames from the memory map: ");
        Out.dec(s, usableFrames(m));
        Out.print(s, " usable 4 KiB frames above the image, RAM top ");
        Out.hex(s, m.memory.size());
        s.write('\n');
        stage(s, "boot modules", "");
        Out.dec(s, m.modules.count());
        Out.print(s, " modules from the loader:");
        for (int i = 0; i < m.modules.count(); i++) {
            s.write(' ');
            printModuleName(s, m, i);
        }
        s.write('\n');
        faultTest = faultOption(h);
        boolean selfCheck = h.hasWord("keel.selfcheck");
        if (selfCheck) {
            stage(s, "self-checks", "every invariant on every kernel exit (keel.selfcheck)\n");
        }
        Kernel k = Boot.boot(m, KernelConfig.standard(), selfCheck);
        if (k == null) {
            return -2;
        }
        kernel = k;
        reportBadModules(s, k, m);
        report(s, k);
        return 0;
    }

    /** A line for each boot module the ELF loader refuses, with ElfImage's reason. */
    private static void reportBadModules(Serial s, Kernel k, X86Machine m) {
        for (int i = 0; i < m.modules.count(); i++) {
            int e = k.processes.checkModule(i);
            if (e != dev.keel.kernel.proc.ElfImage.OK) {
                stage(s, "boot modules", "");
                printModuleName(s, m, i);
                Out.print(s, ": no loadable ELF64 executable (ElfImage reason ");
                Out.dec(s, e);
                Out.print(s, ")\n");
            }
        }
    }

    private static void printModuleName(Serial s, X86Machine m, int i) {
        for (int c = 0; c < m.modules.nameLength(i); c++) {
            s.write(m.memory.load8(m.modules.nameBase(i) + c));
        }
    }

    private static int faultOption(Handoff h) {
        if (h.hasWord("keel.fault=gp")) {
            return FAULT_GP;
        }
        if (h.hasWord("keel.fault=df")) {
            return FAULT_DF;
        }
        return h.hasWord("keel.fault=panic") ? FAULT_PANIC : FAULT_NONE;
    }

    /** The fault keel.fault= asked for; returns only after a panic (which the glue then reports). */
    private static void provokeFault() {
        Serial s = machine.serial;
        int f = faultTest;
        faultTest = FAULT_NONE;
        if (f == FAULT_GP) {
            Out.print(s, "kernel: keel.fault=gp: loading from a non-canonical address\n");
            long v = dev.keel.hw.x86.PhysicalMemory.load64(NON_CANONICAL_PA);
            Out.hex(s, v);
        } else if (f == FAULT_DF) {
            Out.print(s, "kernel: keel.fault=df: pushing onto an unmapped kernel stack\n");
            dev.keel.hw.x86.Cpu.stackFault();
        } else {
            Out.print(s, "kernel: keel.fault=panic\n");
            kernel.panic.panic(dev.keel.kernel.Panic.CORRUPTION, "KernelMain.timer (keel.fault=panic)", 0);
        }
    }

    private static long usableFrames(X86Machine m) {
        long n = 0;
        for (int r = 0; r < m.memoryMap.regionCount(); r++) {
            if (m.memoryMap.usable(r)) {
                n += m.memoryMap.length(r) / 4096;
            }
        }
        return n;
    }

    private static void stage(Serial s, String name, String detail) {
        Out.print(s, "boot: ");
        Out.print(s, name);
        for (int i = name.length(); i < 22; i++) {
            s.write(' ');
        }
        s.write(' ');
        Out.print(s, detail);
    }

    /** What Boot.boot built, read back from the kernel's own state. */
    private static void report(Serial s, Kernel k) {
        KernelConfig c = k.config;
        stage(s, "process manager", "");
        Out.dec(s, k.processes.count());
        Out.print(s, " process entries, ");
        Out.dec(s, k.threads.size());
        Out.print(s, " threads, ");
        Out.dec(s, c.maxPorts);
        Out.print(s, " ports, ");
        Out.dec(s, c.maxMessages);
        Out.print(s, " messages, timer period ");
        Out.dec(s, k.machine.timer().period());
        Out.print(s, " cycles\n");
        stage(s, "device drivers", "COM1 serial, 8259 PIC (");
        Out.dec(s, k.machine.interrupts().lineCount());
        Out.print(s, " lines), 8254 PIT\n");
        Process init = k.processes.init();
        if (init == null) {
            return;
        }
        stage(s, "security policy", "init (pid ");
        Out.dec(s, init.pid);
        Out.print(s, ") holds");
        int shown = 0;
        for (int slot = 0; slot < k.caps.slotsPerProcess(); slot++) {
            int g = k.caps.globalSlot(init.index, slot);
            int type = g < 0 ? CapType.NONE : k.caps.at(g).type();
            if (type != CapType.NONE && (shown < 3 || slot == k.caps.slotsPerProcess() - 1)) {
                Out.print(s, shown == 0 ? " " : ", ");
                Out.print(s, "slot ");
                Out.dec(s, slot);
                s.write(' ');
                Out.print(s, typeName(type));
                shown++;
            } else if (type != CapType.NONE) {
                shown++;
            }
        }
        Out.print(s, " (");
        Out.dec(s, shown);
        Out.print(s, " capabilities)\n");
        stage(s, "start init", "pid ");
        Out.dec(s, init.pid);
        Out.print(s, ", entry ");
        Out.hex(s, k.scheduler.cpu(0).current.pc);
        Out.print(s, ", root table ");
        Out.hex(s, init.space.root());
        s.write('\n');
    }

    private static String typeName(int type) {
        if (type == CapType.MEMORY) {
            return "memory";
        }
        if (type == CapType.IO_PORT) {
            return "I/O ports";
        }
        if (type == CapType.IRQ) {
            return "IRQ";
        }
        return type == CapType.PORT ? "port" : "other";
    }

    private static PerCpu cpu() {
        return kernel.scheduler.cpu(0);
    }

    /** Records where the current thread was in user space when it entered the kernel. */
    private static void entered(long pc, long sp) {
        Tcb t = cpu().current;
        if (t.owner != null) {
            t.pc = pc;
            t.sp = sp;
        }
    }

    public static void syscall(long n, long a0, long a1, long a2, long a3, long a4, long a5, long pc, long sp) {
        entered(pc, sp);
        Entry.syscall(kernel, 0, (int) Math.max(Math.min(n, 1L << 20), -1), a0, a1, a2, a3, a4, a5);
    }

    /** The timer fired; {@code fromUser} when it interrupted a user thread at pc, sp. */
    public static void timer(boolean fromUser, long pc, long sp) {
        if (fromUser) {
            entered(pc, sp);
        }
        if (faultTest != FAULT_NONE && fromUser) {
            provokeFault();
            return;
        }
        Entry.timer(kernel, 0);
    }

    public static void interrupt(int line, boolean fromUser, long pc, long sp) {
        if (fromUser) {
            entered(pc, sp);
        }
        Entry.interrupt(kernel, 0, line);
    }

    /**
     * A page fault in user space at {@code va}: demand paging, copy-on-write, or a kill. The
     * error code says whether it was a write, or an instruction fetch (through an NX page, or
     * from a page not yet present).
     */
    public static void pageFault(long va, boolean write, boolean fetch, long pc, long sp) {
        entered(pc, sp);
        Process p = cpu().current.owner;
        int pid = p == null ? 0 : p.pid;
        Entry.pageFault(kernel, 0, va, write, fetch);
        if (p != null && (p.state != Process.ALIVE || p.pid != pid)) {
            killed(pid, fetch ? "instruction fetch at " : "page fault at ", va);
        }
    }

    /** Any other exception in user space (#GP, #UD, #DE, ...): the process dies, the others go on. */
    public static void fault(int vector, long pc, long sp) {
        entered(pc, sp);
        PerCpu c = cpu();
        Process p = c.current.owner;
        if (p == null) {
            kernel.panic.panic(dev.keel.kernel.Panic.CORRUPTION, "KernelMain.fault: no user thread", vector);
            return;
        }
        int pid = p.pid;
        kernel.metrics.faultKill();
        Recovery.terminate(kernel, p, ProcessManager.FAULT_STATUS);
        killed(pid, "vector ", vector);
        Entry.exitKernel(kernel, c);
    }

    private static void killed(int pid, String what, long detail) {
        Serial s = machine.serial;
        Out.print(s, "kernel: pid ");
        Out.dec(s, pid);
        Out.print(s, " killed by ");
        Out.print(s, what);
        if (what.charAt(0) == 'v') {
            Out.dec(s, detail);
        } else {
            Out.hex(s, detail);
        }
        Out.print(s, ", status ");
        Out.dec(s, ProcessManager.FAULT_STATUS);
        s.write('\n');
    }

    /** Words of the block {@link #next} fills. */
    static final int NEXT_PID = 0;
    static final int NEXT_PC = 1;
    static final int NEXT_SP = 2;
    static final int NEXT_REGS = 3;

    /**
     * The thread to run now: its pool index, -1 when only the idle thread is left, -2 when the
     * kernel has panicked. For a
     * thread, also writes its pid, pc, sp and r0..r3 as 64-bit words at physical address
     * {@code at} (the glue's block; one call instead of one per value on every kernel exit).
     */
    public static int next(long at) {
        if (kernel.panic.panicked()) {
            return -2;
        }
        Tcb t = cpu().current;
        Process p = t.owner;
        if (p == null || cpu().isIdle()) {
            return -1;
        }
        dev.keel.hw.x86.PhysicalMemory.store64(at + 8 * NEXT_PID, p.pid);
        dev.keel.hw.x86.PhysicalMemory.store64(at + 8 * NEXT_PC, t.pc);
        dev.keel.hw.x86.PhysicalMemory.store64(at + 8 * NEXT_SP, t.sp);
        for (int i = 0; i < 4; i++) {
            dev.keel.hw.x86.PhysicalMemory.store64(at + 8 * (NEXT_REGS + i), t.reg(i));
        }
        return t.id;
    }

    /** Threads in the pool, so the glue can check its per-thread table is large enough. */
    public static int threadCount() {
        return kernel.threads.size();
    }
}
