package dev.keel.kernel.sys;

import dev.keel.kernel.Kernel;
import dev.keel.kernel.abi.Errors;
import dev.keel.kernel.abi.Syscalls;
import dev.keel.kernel.io.Io;
import dev.keel.kernel.proc.Process;
import dev.keel.kernel.sched.PerCpu;
import dev.keel.kernel.sched.Tcb;

/**
 * The one system call entry: a switch over the numbers of {@link Syscalls}. Each handler checks
 * every argument (slot, type, rights, pointers, lengths) and returns an {@link Errors} code before
 * it changes anything; an unknown number is BAD_SYSCALL. The result goes to the caller's r0 unless
 * the caller blocked (its waker sets it), ended, or the handler set the registers itself (KEEP).
 */
public final class SyscallDispatcher {

    /** Returned by a handler that has set the caller's registers itself. */
    public static final long KEEP = Long.MIN_VALUE;

    private SyscallDispatcher() {
    }

    /** Runs system call {@code n} for the current thread of {@code c}; returns its r0. */
    /*@ public normal_behavior
      @ requires c.current.owner != null;
      @ assignable \everything;
      @*/
    public static long dispatch(Kernel k, PerCpu c, int n, long a0, long a1, long a2, long a3,
            long a4, long a5) {
        Tcb t = c.current;
        Process p = t.owner;
        if (p == null) {
            return Errors.BAD_SYSCALL;
        }
        long r = route(k, c, t, p, n, a0, a1, a2, a3, a4, a5);
        if (r != KEEP && t.state == Tcb.RUNNING && t.owner == p) {
            t.setR0(r);
        }
        return t.reg(0);
    }

    private static long route(Kernel k, PerCpu c, Tcb t, Process p, int n, long a0, long a1,
            long a2, long a3, long a4, long a5) {
        if (n >= Syscalls.FORK && n <= Syscalls.CLOSE) {
            return seedCalls(k, c, t, p, n, a0, a1, a2, a3, a4, a5);
        }
        if (n >= Syscalls.CREATE_PROCESS && n <= Syscalls.CAP_IDENTIFY) {
            return ipcAndCapCalls(k, c, t, p, n, a0, a1, a2, a3, a4, a5);
        }
        return otherCalls(k, c, t, p, n, a0, a1, a2);
    }

    private static long seedCalls(Kernel k, PerCpu c, Tcb t, Process p, int n, long a0, long a1,
            long a2, long a3, long a4, long a5) {
        switch (n) {
            case Syscalls.FORK: return ProcCalls.fork(k, t);
            case Syscalls.EXEC: return ProcCalls.execProgram(k, c, t, p, a0, a1, a2, a3, a4, a5);
            case Syscalls.EXIT: return ProcCalls.exit(k, p, a0);
            case Syscalls.WAIT: return ProcCalls.waitChild(k, t, p, a0);
            case Syscalls.MMAP: return MemCalls.mmap(k, p, a0, a1, a2, a3);
            case Syscalls.MUNMAP: return MemCalls.munmap(k, p, a0, a1);
            case Syscalls.MPROTECT: return MemCalls.mprotect(k, p, a0, a1, a2);
            case Syscalls.PORT_CREATE: return IpcCalls.portCreate(k, p, a0, a1, a2);
            case Syscalls.SEND: return IpcCalls.send(k, t, p, a0, a1, a2, a3, a4, true, false, 0);
            case Syscalls.RECEIVE: return IpcCalls.receive(k, t, p, a0, a1, a2, true);
            case Syscalls.OPEN: return Io.open(k, t, p, a0, a1, a2, a3);
            case Syscalls.READ: return Io.read(k, t, p, a0, a1, a2);
            case Syscalls.WRITE: return Io.write(k, t, p, a0, a1, a2);
            default: return Io.close(k, t, p, a0);
        }
    }

    private static long ipcAndCapCalls(Kernel k, PerCpu c, Tcb t, Process p, int n, long a0,
            long a1, long a2, long a3, long a4, long a5) {
        switch (n) {
            case Syscalls.CREATE_PROCESS: return ProcCalls.createProcess(k, c, p, a0, a1);
            case Syscalls.CALL: return IpcCalls.send(k, t, p, a0, a1, a2, a3, a4, true, true, a5);
            case Syscalls.REPLY: return IpcCalls.reply(k, t, a0, a1, a2);
            case Syscalls.TRY_SEND: return IpcCalls.send(k, t, p, a0, a1, a2, a3, a4, false, false, 0);
            case Syscalls.TRY_RECEIVE: return IpcCalls.receive(k, t, p, a0, a1, a2, false);
            case Syscalls.CAP_MINT: return CapCalls.mint(k, p, a0, a1, a2, a3, a4, a5);
            case Syscalls.CAP_COPY: return CapCalls.copy(k, p, a0, a1);
            case Syscalls.CAP_MOVE: return CapCalls.move(k, p, a0, a1);
            case Syscalls.CAP_DELETE: return CapCalls.delete(k, p, a0);
            case Syscalls.CAP_REVOKE: return CapCalls.revoke(k, p, a0);
            default: return CapCalls.identify(k, t, p, a0);
        }
    }

    private static long otherCalls(Kernel k, PerCpu c, Tcb t, Process p, int n, long a0, long a1,
            long a2) {
        switch (n) {
            case Syscalls.YIELD: return ProcCalls.yieldCpu(k, c);
            case Syscalls.THREAD_CREATE: return ProcCalls.threadCreate(k, p, a0, a1, a2);
            case Syscalls.SET_PRIORITY: return ProcCalls.setPriority(k, t, a0);
            case Syscalls.SET_REALTIME: return ProcCalls.setRealtime(k, t, a0, a1);
            case Syscalls.IRQ_BIND: return IpcCalls.irqBind(k, p, a0, a1);
            case Syscalls.IRQ_ACK: return IpcCalls.irqAck(k, p, a0);
            case Syscalls.IOPORT_READ: return MiscCalls.ioportRead(k, p, a0, a1);
            case Syscalls.IOPORT_WRITE: return MiscCalls.ioportWrite(k, p, a0, a1, a2);
            case Syscalls.METRICS_READ: return MiscCalls.metricsRead(k, a0, a1);
            case Syscalls.SERVICE_REGISTER: return MiscCalls.serviceRegister(k, p, a0);
            case Syscalls.CHECKPOINT_SAVE: return MiscCalls.checkpointSave(k, p, a0, a1);
            case Syscalls.CHECKPOINT_RESTORE: return MiscCalls.checkpointRestore(k, p, a0, a1);
            case Syscalls.KILL: return ProcCalls.kill(k, p, a0, a1);
            case Syscalls.GETPID: return p.pid;
            default: return Errors.BAD_SYSCALL;
        }
    }
}
