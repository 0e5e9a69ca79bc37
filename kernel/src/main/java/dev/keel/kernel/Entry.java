package dev.keel.kernel;

import dev.keel.kernel.abi.Errors;
import dev.keel.kernel.mem.MemoryManager;
import dev.keel.kernel.proc.Process;
import dev.keel.kernel.proc.ProcessManager;
import dev.keel.kernel.recovery.Recovery;
import dev.keel.kernel.sched.PerCpu;
import dev.keel.kernel.sched.Tcb;
import dev.keel.kernel.sys.SyscallDispatcher;

/**
 * Every way into the kernel: system call, timer tick, device interrupt, inter-processor
 * interrupt, page fault, hardware fault. Each runs on one CPU, named by its number, and ends in
 * {@link #exitKernel}, which runs the self-checks, reschedules if needed, loads the address space
 * of the thread to run, and halts the CPU when only its idle thread is left.
 */
public final class Entry {

    private Entry() {
    }

    /** A system call by the current thread of CPU {@code cpu}; returns its r0. */
    /*@ public normal_behavior
      @ assignable \everything;
      @*/
    public static long syscall(Kernel k, int cpu, int n, long a0, long a1, long a2, long a3,
            long a4, long a5) {
        if (k.panic.panicked()) {
            return Errors.BAD_SYSCALL;
        }
        PerCpu c = k.scheduler.cpu(cpu);
        if (c.current.owner == null) {
            return Errors.BAD_SYSCALL;
        }
        long start = k.machine.clock().cycles();
        long r = SyscallDispatcher.dispatch(k, c, n, a0, a1, a2, a3, a4, a5);
        k.metrics.syscall(n, k.machine.clock().cycles() - start);
        exitKernel(k, c);
        return r;
    }

    /** The periodic timer fired on CPU {@code cpu}. */
    /*@ public normal_behavior
      @ requires \invariant_for(k) && \invariant_for(k.panic) && \invariant_for(k.scheduler);
      @ assignable \everything;
      @*/
    public static void timer(Kernel k, int cpu) {
        if (k.panic.panicked()) {
            return;
        }
        PerCpu c = cpuOf(k, cpu);
        k.scheduler.tick(c);
        exitKernel(k, c);
    }

    /** Device interrupt {@code line} arrived on CPU {@code cpu}. */
    /*@ public normal_behavior
      @ assignable \everything;
      @*/
    public static void interrupt(Kernel k, int cpu, int line) {
        if (k.panic.panicked()) {
            return;
        }
        if (line >= 0 && line < k.ipc.irqs().lines()) {
            k.ipc.interrupt(line);
        }
        exitKernel(k, k.scheduler.cpu(cpu));
    }

    /** Another CPU asked CPU {@code cpu} to reschedule. */
    /*@ public normal_behavior
      @ requires \invariant_for(k) && \invariant_for(k.panic) && \invariant_for(k.scheduler);
      @ assignable \everything;
      @*/
    public static void ipi(Kernel k, int cpu) {
        if (!k.panic.panicked()) {
            exitKernel(k, cpuOf(k, cpu));
        }
    }

    /**
     * The state of CPU {@code cpu} (the boot CPU's for a number out of range). One contract
     * with one case: a caller shows the scheduler's invariant once, not once per case of
     * {@code Scheduler.cpu}.
     */
    /*@ private normal_behavior
      @ requires \invariant_for(k) && \invariant_for(k.scheduler);
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure @*/ PerCpu cpuOf(Kernel k, int cpu) {
        return k.scheduler.cpu(cpu);
    }

    /**
     * The current thread of CPU {@code cpu} faulted at {@code va}. Demand paging and
     * copy-on-write are resolved; any other fault kills the process (its resources are reclaimed,
     * the others go on). A fault with no user thread running is the kernel's own: panic.
     */
    /*@ public normal_behavior
      @ assignable \everything;
      @*/
    public static void pageFault(Kernel k, int cpu, long va, boolean write) {
        pageFault(k, cpu, va, write, false);
    }

    /**
     * As above, for a fault the hardware reports as an instruction fetch when {@code fetch}: one
     * outside an executable region (data, stack, heap, mmap) kills the process.
     */
    /*@ public normal_behavior
      @ assignable \everything;
      @*/
    public static void pageFault(Kernel k, int cpu, long va, boolean write, boolean fetch) {
        if (k.panic.panicked()) {
            return;
        }
        PerCpu c = k.scheduler.cpu(cpu);
        Process p = c.current.owner;
        if (p == null) {
            k.panic.panic(Panic.CORRUPTION, "Entry.pageFault: fault in the kernel", va);
            return;
        }
        long start = k.machine.clock().cycles();
        int r = fetch && !k.memory.executable(p.space, va) ? Errors.BAD_ADDRESS
                : k.memory.pageFault(p.space, va, write);
        k.metrics.pageFault(faultKind(r), k.machine.clock().cycles() - start);
        if (r < 0) {
            k.metrics.faultKill();
            Recovery.terminate(k, p, ProcessManager.FAULT_STATUS);
        }
        exitKernel(k, c);
    }

    private static int faultKind(int r) {
        if (r == MemoryManager.FAULT_DEMAND) {
            return 0;
        }
        if (r == MemoryManager.FAULT_COW) {
            return 1;
        }
        return r == MemoryManager.FAULT_SPURIOUS ? 2 : 3;
    }

    /** The hardware reported an unrecoverable fault (machine check, bus error): panic. */
    /*@ public normal_behavior
      @ requires \invariant_for(k) && \invariant_for(k.panic);
      @ ensures k.panic.panicked();
      @ assignable \everything;
      @*/
    public static void hardwareFault(Kernel k, int cpu, long code) {
        k.panic.panic(Panic.HARDWARE, "Entry.hardwareFault: machine check", code);
    }

    /** The way out of the kernel on CPU {@code c}. */
    /*@ public normal_behavior
      @ assignable \everything;
      @*/
    public static void exitKernel(Kernel k, PerCpu c) {
        if (k.panic.panicked()) {
            return;
        }
        Tcb prev = c.current;
        if (c.needResched || prev.state != Tcb.RUNNING) {
            k.scheduler.schedule(c);
        }
        Process p = c.current.owner;
        if (p != null && k.machine.mmu(c.index).currentRoot() != p.space.root()) {
            k.machine.mmu(c.index).loadRoot(p.space.root());
        }
        if (k.scheduler.trace().on) { k.scheduler.trace().exit(k.threads, c); }
        if (k.selfCheck) {
            SelfCheck.run(k);
        }
        if (c.isIdle()) {
            k.machine.cpu(c.index).halt();
        }
    }
}
