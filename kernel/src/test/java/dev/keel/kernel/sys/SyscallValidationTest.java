package dev.keel.kernel.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.keel.kernel.Boot;
import dev.keel.kernel.Sim;
import dev.keel.kernel.abi.Errors;
import dev.keel.kernel.abi.Syscalls;
import dev.keel.kernel.proc.Process;
import dev.keel.kernel.sched.Tcb;

/**
 * Every system call with invalid arguments: each gives its documented error code, the kernel
 * does not panic, the caller keeps running, and every invariant still holds afterwards.
 */
class SyscallValidationTest {

    static final long PORT = 20;       // port, all rights
    static final long RO_MEM = 21;     // memory, read only
    static final long NOGRANT = 22;    // port, read+write, no grant
    static final long EMPTY = 25;
    static final long BAD = 999;
    static final long KERNEL_VA = 0xffff800000001000L;
    static final long UNMAPPED = 0x50000000L;
    static final long B = Sim.BUF;

    static Sim fixture() {
        Sim s = new Sim();
        assertEquals(0, s.sys(0, Syscalls.PORT_CREATE, PORT, 2));
        assertEquals(0, s.sys(0, Syscalls.CAP_MINT, Boot.SLOT_MEMORY, RO_MEM, 1, 0, 0, 0));
        assertEquals(0, s.sys(0, Syscalls.CAP_MINT, PORT, NOGRANT, 1, 1, 0, 0));
        s.poke(s.init(), B, Sim.bytes("child"));
        return s;
    }

    static Arguments c(String what, int n, int expected, long... a) {
        return Arguments.of(what, n, expected, a);
    }

    static Stream<Arguments> cases() {
        List<Arguments> l = new ArrayList<>();
        l.add(c("unknown number 0", 0, Errors.BAD_SYSCALL));
        l.add(c("unknown number -1", -1, Errors.BAD_SYSCALL));
        l.add(c("unknown number COUNT", Syscalls.COUNT, Errors.BAD_SYSCALL));
        l.add(c("unknown number huge", 1 << 20, Errors.BAD_SYSCALL));
        // Process
        l.add(c("exec name unmapped", Syscalls.EXEC, Errors.BAD_ADDRESS, UNMAPPED, 5, 0, 0, 0, 0));
        l.add(c("exec name in kernel half", Syscalls.EXEC, Errors.BAD_ADDRESS, KERNEL_VA, 5, 0, 0, 0, 0));
        l.add(c("exec name empty", Syscalls.EXEC, Errors.BAD_LENGTH, B, 0, 0, 0, 0, 0));
        l.add(c("exec name too long", Syscalls.EXEC, Errors.BAD_LENGTH, B, 65, 0, 0, 0, 0));
        l.add(c("exec args negative", Syscalls.EXEC, Errors.BAD_LENGTH, B, 5, B, -1, 0, 0));
        l.add(c("exec args too long", Syscalls.EXEC, Errors.BAD_LENGTH, B, 5, B, 513, 0, 0));
        l.add(c("exec env unmapped", Syscalls.EXEC, Errors.BAD_ADDRESS, B, 5, B, 1, UNMAPPED, 4));
        l.add(c("exec unknown program", Syscalls.EXEC, Errors.NOT_FOUND, B, 4, 0, 0, 0, 0));
        l.add(c("wait pid 0", Syscalls.WAIT, Errors.BAD_ARGUMENT, 0));
        l.add(c("wait pid -2", Syscalls.WAIT, Errors.BAD_ARGUMENT, -2));
        l.add(c("wait no child", Syscalls.WAIT, Errors.NO_CHILD, -1));
        l.add(c("wait not my child", Syscalls.WAIT, Errors.NO_CHILD, 1));
        // Memory
        l.add(c("mmap bad slot", Syscalls.MMAP, Errors.BAD_SLOT, BAD, 0x30000000L, 1, 1));
        l.add(c("mmap empty slot", Syscalls.MMAP, Errors.EMPTY_SLOT, EMPTY, 0x30000000L, 1, 1));
        l.add(c("mmap wrong type", Syscalls.MMAP, Errors.WRONG_TYPE, PORT, 0x30000000L, 1, 1));
        l.add(c("mmap writable with read-only cap", Syscalls.MMAP, Errors.NO_RIGHTS, RO_MEM, 0x30000000L, 1, 1));
        l.add(c("mmap flag 2", Syscalls.MMAP, Errors.BAD_ARGUMENT, Boot.SLOT_MEMORY, 0x30000000L, 1, 2));
        l.add(c("mmap unaligned", Syscalls.MMAP, Errors.BAD_ADDRESS, Boot.SLOT_MEMORY, 0x30000001L, 1, 1));
        l.add(c("mmap kernel half", Syscalls.MMAP, Errors.BAD_ADDRESS, Boot.SLOT_MEMORY, KERNEL_VA, 1, 1));
        l.add(c("mmap zero pages", Syscalls.MMAP, Errors.BAD_LENGTH, Boot.SLOT_MEMORY, 0x30000000L, 0, 1));
        l.add(c("mmap negative pages", Syscalls.MMAP, Errors.BAD_LENGTH, Boot.SLOT_MEMORY, 0x30000000L, -4, 1));
        l.add(c("mmap overlap", Syscalls.MMAP, Errors.BAD_ADDRESS, Boot.SLOT_MEMORY, B, 1, 1));
        l.add(c("mmap wraps the top", Syscalls.MMAP, Errors.BAD_ADDRESS, Boot.SLOT_MEMORY, 0x00007ffffffff000L, 2, 1));
        l.add(c("munmap not a region", Syscalls.MUNMAP, Errors.BAD_ADDRESS, UNMAPPED, 1));
        l.add(c("munmap part of a region", Syscalls.MUNMAP, Errors.BAD_ADDRESS, B, 1));
        l.add(c("munmap unaligned", Syscalls.MUNMAP, Errors.BAD_ADDRESS, B + 8, 4));
        l.add(c("munmap zero pages", Syscalls.MUNMAP, Errors.BAD_LENGTH, B, 0));
        l.add(c("mprotect flag -1", Syscalls.MPROTECT, Errors.BAD_ARGUMENT, B, 4, -1));
        l.add(c("mprotect not a region", Syscalls.MPROTECT, Errors.BAD_ADDRESS, UNMAPPED, 4, 0));
        // IPC
        l.add(c("port_create slot taken", Syscalls.PORT_CREATE, Errors.SLOT_FULL, PORT, 1));
        l.add(c("port_create bad slot", Syscalls.PORT_CREATE, Errors.BAD_SLOT, -1, 1));
        l.add(c("port_create capacity 0", Syscalls.PORT_CREATE, Errors.BAD_ARGUMENT, EMPTY, 0));
        l.add(c("port_create capacity huge", Syscalls.PORT_CREATE, Errors.BAD_ARGUMENT, EMPTY, 1 << 30));
        l.add(c("send bad slot", Syscalls.SEND, Errors.BAD_SLOT, BAD, 0, B, 1, -1));
        l.add(c("send empty slot", Syscalls.SEND, Errors.EMPTY_SLOT, EMPTY, 0, B, 1, -1));
        l.add(c("send wrong type", Syscalls.SEND, Errors.WRONG_TYPE, Boot.SLOT_MEMORY, 0, B, 1, -1));
        l.add(c("send cap without grant", Syscalls.SEND, Errors.NO_RIGHTS, NOGRANT, 0, B, 1, Boot.SLOT_MEMORY));
        l.add(c("send cap from empty slot", Syscalls.SEND, Errors.EMPTY_SLOT, PORT, 0, B, 1, EMPTY));
        l.add(c("send cap from bad slot", Syscalls.SEND, Errors.BAD_SLOT, PORT, 0, B, 1, -7));
        l.add(c("send buffer unmapped", Syscalls.SEND, Errors.BAD_ADDRESS, PORT, 0, UNMAPPED, 8, -1));
        l.add(c("send buffer in kernel half", Syscalls.SEND, Errors.BAD_ADDRESS, PORT, 0, KERNEL_VA, 8, -1));
        l.add(c("send buffer null", Syscalls.SEND, Errors.BAD_ADDRESS, PORT, 0, 0, 8, -1));
        l.add(c("send negative length", Syscalls.SEND, Errors.BAD_LENGTH, PORT, 0, B, -1, -1));
        l.add(c("send too long", Syscalls.SEND, Errors.BAD_LENGTH, PORT, 0, B, 257, -1));
        l.add(c("receive bad slot", Syscalls.RECEIVE, Errors.BAD_SLOT, BAD, B, 8));
        l.add(c("receive wrong type", Syscalls.RECEIVE, Errors.WRONG_TYPE, RO_MEM, B, 8));
        l.add(c("receive into read-only image? unmapped", Syscalls.RECEIVE, Errors.BAD_ADDRESS, PORT, UNMAPPED, 8));
        l.add(c("receive negative max", Syscalls.RECEIVE, Errors.BAD_LENGTH, PORT, B, -1));
        l.add(c("call bad slot", Syscalls.CALL, Errors.BAD_SLOT, BAD, 0, B, 1, -1, 8));
        l.add(c("call reply buffer unmapped", Syscalls.CALL, Errors.BAD_ADDRESS, PORT, 0, UNMAPPED, 0, -1, 8));
        l.add(c("call reply max too long", Syscalls.CALL, Errors.BAD_LENGTH, PORT, 0, B, 0, -1, 1000));
        l.add(c("reply without reply cap", Syscalls.REPLY, Errors.NO_REPLY, 0, B, 1));
        l.add(c("try_send bad slot", Syscalls.TRY_SEND, Errors.BAD_SLOT, -1, 0, B, 1, -1));
        l.add(c("try_receive empty queue", Syscalls.TRY_RECEIVE, Errors.WOULD_BLOCK, PORT, B, 8));
        l.add(c("try_receive bad buffer", Syscalls.TRY_RECEIVE, Errors.BAD_ADDRESS, PORT, KERNEL_VA, 8));
        // I/O
        l.add(c("open bad slot", Syscalls.OPEN, Errors.BAD_SLOT, BAD, B, 4, 0));
        l.add(c("open wrong type", Syscalls.OPEN, Errors.WRONG_TYPE, Boot.SLOT_IO_PORTS, B, 4, 0));
        l.add(c("open bad flags", Syscalls.OPEN, Errors.BAD_ARGUMENT, PORT, B, 4, 256));
        l.add(c("open empty path", Syscalls.OPEN, Errors.BAD_LENGTH, PORT, B, 0, 0));
        l.add(c("open path unmapped", Syscalls.OPEN, Errors.BAD_ADDRESS, PORT, UNMAPPED, 4, 0));
        l.add(c("read not a file", Syscalls.READ, Errors.BAD_ARGUMENT, PORT, B, 4));
        l.add(c("read empty slot", Syscalls.READ, Errors.EMPTY_SLOT, EMPTY, B, 4));
        l.add(c("write bad slot", Syscalls.WRITE, Errors.BAD_SLOT, -3, B, 4));
        l.add(c("write not a file", Syscalls.WRITE, Errors.BAD_ARGUMENT, PORT, B, 4));
        l.add(c("close not a file", Syscalls.CLOSE, Errors.BAD_ARGUMENT, PORT));
        l.add(c("close wrong type", Syscalls.CLOSE, Errors.WRONG_TYPE, Boot.SLOT_MEMORY));
        // create_process
        l.add(c("create spec unmapped", Syscalls.CREATE_PROCESS, Errors.BAD_ADDRESS, UNMAPPED, -1));
        l.add(c("create spec in kernel half", Syscalls.CREATE_PROCESS, Errors.BAD_ADDRESS, KERNEL_VA, -1));
        l.add(c("create proc slot taken", Syscalls.CREATE_PROCESS, Errors.SLOT_FULL, B, PORT));
        l.add(c("create proc slot bad", Syscalls.CREATE_PROCESS, Errors.BAD_SLOT, B, BAD));
        // Capabilities
        l.add(c("mint bad source", Syscalls.CAP_MINT, Errors.BAD_SLOT, BAD, EMPTY, 1, 1, 1, 0));
        l.add(c("mint empty source", Syscalls.CAP_MINT, Errors.EMPTY_SLOT, EMPTY, 26, 1, 1, 1, 0));
        l.add(c("mint onto a full slot", Syscalls.CAP_MINT, Errors.SLOT_FULL, PORT, RO_MEM, 1, 1, 1, 0));
        l.add(c("mint rights flag 2", Syscalls.CAP_MINT, Errors.BAD_ARGUMENT, PORT, EMPTY, 2, 0, 0, 0));
        l.add(c("mint negative badge", Syscalls.CAP_MINT, Errors.BAD_ARGUMENT, PORT, EMPTY, 1, 0, 0, -1));
        l.add(c("copy bad destination", Syscalls.CAP_COPY, Errors.BAD_SLOT, PORT, 32));
        l.add(c("copy empty source", Syscalls.CAP_COPY, Errors.EMPTY_SLOT, EMPTY, 26));
        l.add(c("move onto itself", Syscalls.CAP_MOVE, Errors.SLOT_FULL, PORT, PORT));
        l.add(c("move bad source", Syscalls.CAP_MOVE, Errors.BAD_SLOT, -1, EMPTY));
        l.add(c("delete empty", Syscalls.CAP_DELETE, Errors.EMPTY_SLOT, EMPTY));
        l.add(c("delete bad", Syscalls.CAP_DELETE, Errors.BAD_SLOT, Long.MIN_VALUE));
        l.add(c("revoke empty", Syscalls.CAP_REVOKE, Errors.EMPTY_SLOT, EMPTY));
        l.add(c("revoke bad", Syscalls.CAP_REVOKE, Errors.BAD_SLOT, Long.MAX_VALUE));
        l.add(c("identify bad", Syscalls.CAP_IDENTIFY, Errors.BAD_SLOT, 32));
        // Threads and scheduling
        l.add(c("thread_create bad priority", Syscalls.THREAD_CREATE, Errors.BAD_ARGUMENT, B, B, 32));
        l.add(c("thread_create kernel pc", Syscalls.THREAD_CREATE, Errors.BAD_ADDRESS, KERNEL_VA, B, 1));
        l.add(c("set_priority negative", Syscalls.SET_PRIORITY, Errors.BAD_ARGUMENT, -1));
        l.add(c("set_realtime budget > period", Syscalls.SET_REALTIME, Errors.BAD_ARGUMENT, 5, 4));
        l.add(c("set_realtime over limit", Syscalls.SET_REALTIME, Errors.ADMISSION, 95, 100));
        // Interrupts and devices
        l.add(c("irq_bind wrong type", Syscalls.IRQ_BIND, Errors.WRONG_TYPE, PORT, PORT));
        l.add(c("irq_bind port empty", Syscalls.IRQ_BIND, Errors.EMPTY_SLOT, Boot.SLOT_IRQ_BASE, EMPTY));
        l.add(c("irq_ack bad slot", Syscalls.IRQ_ACK, Errors.BAD_SLOT, -1));
        l.add(c("irq_ack wrong type", Syscalls.IRQ_ACK, Errors.WRONG_TYPE, Boot.SLOT_MEMORY));
        l.add(c("ioport_read wrong type", Syscalls.IOPORT_READ, Errors.WRONG_TYPE, PORT, 0x3f8));
        l.add(c("ioport_read out of range", Syscalls.IOPORT_READ, Errors.BAD_ARGUMENT, Boot.SLOT_IO_PORTS, 65536));
        l.add(c("ioport_write bad value", Syscalls.IOPORT_WRITE, Errors.BAD_ARGUMENT, Boot.SLOT_IO_PORTS, 0x3f8, 256));
        l.add(c("ioport_write negative port", Syscalls.IOPORT_WRITE, Errors.BAD_ARGUMENT, Boot.SLOT_IO_PORTS, -1, 1));
        // Monitoring and recovery
        l.add(c("metrics_read bad kind", Syscalls.METRICS_READ, Errors.BAD_ARGUMENT, 99, 0));
        l.add(c("metrics_read bad cpu", Syscalls.METRICS_READ, Errors.BAD_ARGUMENT, 0, 7));
        l.add(c("metrics_read bad bucket", Syscalls.METRICS_READ, Errors.BAD_ARGUMENT, 2, 32));
        l.add(c("service_register wrong type", Syscalls.SERVICE_REGISTER, Errors.WRONG_TYPE, PORT));
        l.add(c("checkpoint_save not a service", Syscalls.CHECKPOINT_SAVE, Errors.BAD_ARGUMENT, B, 4));
        l.add(c("checkpoint_restore not a service", Syscalls.CHECKPOINT_RESTORE, Errors.BAD_ARGUMENT, B, 4));
        l.add(c("kill wrong type", Syscalls.KILL, Errors.WRONG_TYPE, PORT, 0));
        l.add(c("kill empty", Syscalls.KILL, Errors.EMPTY_SLOT, EMPTY, 0));
        return l.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void invalidArgumentsGiveTheirErrorCodeAndChangeNothing(String what, int n, int expected, long[] a) {
        Sim s = fixture();
        Process init = s.init();
        Tcb t = Sim.main(init);
        long free = s.k.memory.frames().freeCount();
        int used = s.k.caps.references(0, 0);
        long r = s.sys(0, n, a);
        assertEquals(expected, r, what);
        assertEquals(expected, t.reg(0), "r0");
        assertEquals(Tcb.RUNNING, t.state, "the caller goes on");
        assertTrue(s.k.memory.frames().freeCount() <= free, "no frame freed by a failed call");
        assertEquals(used, s.k.caps.references(0, 0));
        s.assertHealthy();
    }

    @ParameterizedTest(name = "create_process: {0}")
    @MethodSource("createCases")
    void createProcessRejectsEveryBadSpecField(String what, int field, long value, int expected) {
        Sim s = fixture();
        Process init = s.init();
        long[] spec = {B + 256, 5, B + 512, 3, B + 1024, 0, B + 1536, 1, Boot.SLOT_MEMORY, 10};
        spec[field] = value;
        s.poke(init, B + 256, Sim.bytes("child"));
        s.pokeLongs(init, B + 1536, PORT, NOGRANT);
        s.pokeLongs(init, B, spec);
        assertEquals(expected, s.sys(0, Syscalls.CREATE_PROCESS, B, -1), what);
        assertEquals(1, liveProcesses(s), "no process was created");
        s.assertHealthy();
    }

    static int liveProcesses(Sim s) {
        int n = 0;
        for (int i = 1; i < s.k.processes.count(); i++) {
            if (s.k.processes.at(i).state != Process.FREE) {
                n++;
            }
        }
        return n;
    }

    static Stream<Arguments> createCases() {
        return Stream.of(
                Arguments.of("name unmapped", 0, UNMAPPED, Errors.BAD_ADDRESS),
                Arguments.of("name empty", 1, 0, Errors.BAD_LENGTH),
                Arguments.of("name too long", 1, 100, Errors.BAD_LENGTH),
                Arguments.of("name unknown", 1, 4, Errors.NOT_FOUND),
                Arguments.of("args in kernel half", 2, KERNEL_VA, Errors.BAD_ADDRESS),
                Arguments.of("args negative", 3, -1, Errors.BAD_LENGTH),
                Arguments.of("env too long", 5, 600, Errors.BAD_LENGTH),
                Arguments.of("caps unmapped", 6, UNMAPPED, Errors.BAD_ADDRESS),
                Arguments.of("caps count negative", 7, -1, Errors.BAD_LENGTH),
                Arguments.of("caps count above slots", 7, 33, Errors.BAD_LENGTH),
                Arguments.of("cap without grant", 7, 2, Errors.NO_RIGHTS),
                Arguments.of("memory slot wrong type", 8, PORT, Errors.WRONG_TYPE),
                Arguments.of("memory slot read-only", 8, RO_MEM, Errors.NO_RIGHTS),
                Arguments.of("memory slot bad", 8, BAD, Errors.BAD_SLOT),
                Arguments.of("priority negative", 9, -1, Errors.BAD_ARGUMENT),
                Arguments.of("priority too high", 9, 32, Errors.BAD_ARGUMENT));
    }
}
