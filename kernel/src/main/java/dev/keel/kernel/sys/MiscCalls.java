package dev.keel.kernel.sys;

import dev.keel.kernel.Kernel;
import dev.keel.kernel.abi.Errors;
import dev.keel.kernel.abi.MetricKinds;
import dev.keel.kernel.cap.CapType;
import dev.keel.kernel.proc.Process;
import dev.keel.kernel.recovery.Recovery;
import dev.keel.kernel.recovery.ServiceTable;
import dev.keel.kernel.sched.PerCpu;
import dev.keel.kernel.sched.Tcb;

/** ioport_read, ioport_write, metrics_read, service_register, checkpoint_save, checkpoint_restore. */
public final class MiscCalls {

    private MiscCalls() {
    }

    // The handler reads the capability table's shape and the port ranges, and nothing else
    // that the kernel's or the capability space's invariant would give.
    /*@ public normal_behavior
      @ requires k.machine != null && k.caps != null && k.ioRanges != null && \invariant_for(k.ioRanges);
      @ requires k.caps.slots != null && k.caps.slots.length == k.caps.slotsPerProcess * k.caps.processCount;
      @ requires k.caps.slotsPerProcess <= k.caps.slots.length && k.caps.processCount <= k.caps.slots.length;
      @ requires (\forall int i; 0 <= i && i < k.caps.slots.length; k.caps.slots[i] != null);
      @ assignable \everything;
      @*/
    public static long ioportRead(Kernel k, Process p, long ioSlot, long port) {
        // checkCap says BAD_SLOT for a process number out of range too; tested first here because
        // the prover knows no range of an int field.
        int pi = p.index;
        if (pi < 0 || pi >= k.caps.processCount()) {
            return Errors.BAD_SLOT;
        }
        int e = k.caps.checkCap(pi, ioSlot, CapType.IO_PORT, true, false, false);
        if (e != Errors.OK) {
            return e;
        }
        if (!k.ioRanges.contains(IpcCalls.cap(k, p, ioSlot).object(), port) || !portNumber(port)) {
            return Errors.BAD_ARGUMENT;
        }
        return k.machine.ioPorts().in8((int) port);
    }

    // The handler reads the capability table's shape and the port ranges, and nothing else
    // that the kernel's or the capability space's invariant would give.
    /*@ public normal_behavior
      @ requires k.machine != null && k.caps != null && k.ioRanges != null && \invariant_for(k.ioRanges);
      @ requires k.caps.slots != null && k.caps.slots.length == k.caps.slotsPerProcess * k.caps.processCount;
      @ requires k.caps.slotsPerProcess <= k.caps.slots.length && k.caps.processCount <= k.caps.slots.length;
      @ requires (\forall int i; 0 <= i && i < k.caps.slots.length; k.caps.slots[i] != null);
      @ ensures \result <= 0;
      @ assignable \everything;
      @*/
    public static long ioportWrite(Kernel k, Process p, long ioSlot, long port, long value) {
        // checkCap says BAD_SLOT for a process number out of range too; tested first here because
        // the prover knows no range of an int field.
        int pi = p.index;
        if (pi < 0 || pi >= k.caps.processCount()) {
            return Errors.BAD_SLOT;
        }
        int e = k.caps.checkCap(pi, ioSlot, CapType.IO_PORT, false, true, false);
        if (e != Errors.OK) {
            return e;
        }
        if (!k.ioRanges.contains(IpcCalls.cap(k, p, ioSlot).object(), port) || !portNumber(port)
                || value < 0 || value > 255) {
            return Errors.BAD_ARGUMENT;
        }
        k.machine.ioPorts().out8((int) port, (int) value);
        return Errors.OK;
    }

    /**
     * True for an x86 I/O port number (16 bits). The ranges a capability names lie within them
     * already; tested again here so that the narrowing to the machine's int never wraps.
     */
    /*@ private normal_behavior
      @ ensures \result == (0 <= port && port <= 0xffff);
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private static boolean portNumber(long port) {
        return port >= 0 && port <= 0xffff;
    }

    /** metrics_read(kind, index); see MetricKinds. Per-CPU kinds take -1 for the sum. */
    /*@ public normal_behavior
      @ requires k.memory != null && k.memory.frames != null;
      @ requires k.scheduler != null && k.scheduler.cpus != null && \nonnullelements(k.scheduler.cpus);
      @ requires k.scheduler.boot != null && k.metrics != null;
      @ requires k.metrics.pageFaults != null && k.metrics.pageFaultLatency != null;
      @ requires k.metrics.syscallCount != null && k.metrics.syscallLatency != null;
      @ assignable \nothing;
      @*/
    public static /*@ pure @*/ long metricsRead(Kernel k, long kind, long index) {
        if (kind == MetricKinds.FREE_FRAMES) {
            return k.memory.frames().freeCount();
        }
        if (kind == MetricKinds.CONTEXT_SWITCHES || kind == MetricKinds.IDLE_ENTRIES
                || kind == MetricKinds.WAKEUPS || kind == MetricKinds.TICKS) {
            return perCpu(k, (int) kind, index);
        }
        long v = kind < 0 || kind >= MetricKinds.COUNT ? -1 : k.metrics.read((int) kind, index);
        return v < 0 ? Errors.BAD_ARGUMENT : v;
    }

    /** The counter {@code kind} of CPU {@code index}, or of all CPUs for -1. */
    /*@ private normal_behavior
      @ requires k.scheduler != null && k.scheduler.cpus != null && \nonnullelements(k.scheduler.cpus);
      @ requires k.scheduler.boot != null;
      @ ensures \result >= 0 || \result == Errors.BAD_ARGUMENT;
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure @*/ long perCpu(Kernel k, int kind, long index) {
        int n = k.scheduler.cpuCount();
        if (index < -1 || index >= n) {
            return Errors.BAD_ARGUMENT;
        }
        if (index >= 0) {
            return add(0, counter(k.scheduler.cpu((int) index), kind));
        }
        return sumFrom(k, kind, 0, n);
    }

    /**
     * The sum of counter {@code kind} over CPUs {@code i..n-1}, saturating. Recursive rather than
     * a loop: a loop's rule gives the prover an unknown heap to re-prove the scheduler's
     * invariant in, while a call to a method that writes nothing keeps the heap it had. The depth
     * is the CPU count; adding counts that are never negative gives the same saturated sum in any
     * order.
     */
    /*@ private normal_behavior
      @ requires k.scheduler != null && k.scheduler.cpus != null && \nonnullelements(k.scheduler.cpus);
      @ requires k.scheduler.boot != null;
      @ requires 0 <= i && i <= n && n <= k.scheduler.cpus.length;
      @ ensures \result >= 0;
      @ measured_by n - i;
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure @*/ long sumFrom(Kernel k, int kind, int i, int n) {
        if (i >= n) {
            return 0;
        }
        return add(sumFrom(k, kind, i + 1, n), counter(k.scheduler.cpu(i), kind));
    }

    /**
     * {@code sum + v} for a count {@code v}, stopping at the largest long like the counters
     * themselves: the sum over every CPU must not wrap to a negative count.
     */
    /*@ private normal_behavior
      @ requires sum >= 0;
      @ ensures \result >= 0;
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure @*/ long add(long sum, long v) {
        if (v <= 0) {
            return sum;
        }
        return v > Long.MAX_VALUE - sum ? Long.MAX_VALUE : sum + v;
    }

    /*@ private normal_behavior
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure @*/ long counter(PerCpu c, int kind) {
        if (kind == MetricKinds.CONTEXT_SWITCHES) {
            return c.contextSwitches;
        }
        if (kind == MetricKinds.IDLE_ENTRIES) {
            return c.idleEntries;
        }
        return kind == MetricKinds.WAKEUPS ? c.wakeups : c.ticks;
    }

    /** service_register(procSlot): needs write and grant on the process capability. */
    /*@ public normal_behavior
      @ ensures \result <= 0;
      @ assignable \everything;
      @*/
    public static long serviceRegister(Kernel k, Process p, long procSlot) {
        int e = k.caps.checkCap(p.index, procSlot, CapType.PROCESS, false, true, true);
        if (e != Errors.OK) {
            return e;
        }
        Process target = k.processes.at(IpcCalls.cap(k, p, procSlot).object());
        e = Recovery.checkRegister(k, target);
        if (e != Errors.OK) {
            return e;
        }
        Tcb main = target.threads.length > 0 ? target.threads[0] : null;
        Recovery.register(k, target, main != null ? main.priority : 0);
        return Errors.OK;
    }

    // The caller's service record, its address space and the user-memory access are what the
    // handler reads; the kernel's invariant says the tables are there.
    /*@ public normal_behavior
      @ requires \invariant_for(k) && \invariant_for(k.services);
      @ requires \invariant_for(k.user) && p.space != null && \invariant_for(p.space);
      @ ensures \result <= 0;
      @ assignable \everything;
      @*/
    public static long checkpointSave(Kernel k, Process p, long buf, long len) {
        int svc = serviceOf(p);
        ServiceTable s = k.services;
        if (svc < 0 || !s.isLive(svc)) {
            return Errors.BAD_ARGUMENT;
        }
        byte[] area = s.checkpoint(svc);
        // readBytes may write every field of the area: the table is another object.
        apart(s, area);
        int e = UserArgs.readBytes(k, p, buf, len, area.length, area);
        if (e != Errors.OK) {
            return e;
        }
        s.setCheckpointLength(svc, (int) len);
        return Errors.OK;
    }

    /**
     * The caller's service record, read through a call: the prover knows the range of an int
     * result, not of an int field.
     */
    /*@ private normal_behavior
      @ ensures \result == p.service;
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure helper @*/ int serviceOf(Process p) {
        return p.service;
    }

    /**
     * Lemma: a service table is not an array of bytes. The prover does not tell objects apart by
     * their types unaided; checkpointSave needs the table's fields kept by a write to the area.
     */
    /*@ private normal_behavior
      @ requires s != null && a != null;
      @ ensures (Object) s != (Object) a;
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure helper @*/ void apart(ServiceTable s, byte[] a) {
    }

    // The minima are if statements: Math.min has no contract for the prover. Of the kernel it
    // reads only the service table and the user-memory access.
    /*@ public normal_behavior
      @ requires k.services != null && k.user != null && \invariant_for(k.services);
      @ requires \invariant_for(k.user) && p.space != null && \invariant_for(p.space);
      @ assignable \everything;
      @*/
    public static long checkpointRestore(Kernel k, Process p, long buf, long max) {
        int svc = serviceOf(p);
        if (svc < 0 || !k.services.isLive(svc)) {
            return Errors.BAD_ARGUMENT;
        }
        if (max < 0) {
            return Errors.BAD_LENGTH;
        }
        byte[] area = k.services.checkpoint(svc);
        long saved = k.services.checkpointLength(svc);
        if (max < saved) {
            saved = max;
        }
        int n = (int) saved;
        int e = k.user.check(p.space, buf, n, true);
        if (e == Errors.OK) {
            e = k.user.prepare(p.space, buf, n, true);
        }
        if (e != Errors.OK) {
            return e;
        }
        int copied = n;
        if (area.length < copied) {
            copied = area.length;
        }
        k.user.copyOut(p.space, buf, area, 0, copied);
        return n;
    }
}
