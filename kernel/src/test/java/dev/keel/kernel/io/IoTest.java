package dev.keel.kernel.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.keel.kernel.Boot;
import dev.keel.kernel.Sim;
import dev.keel.kernel.abi.Errors;
import dev.keel.kernel.abi.IoProtocol;
import dev.keel.kernel.abi.Syscalls;
import dev.keel.kernel.cap.CapType;
import dev.keel.kernel.proc.Process;
import dev.keel.kernel.sched.Tcb;

/**
 * open/read/write/close forwarded to a file server process on the simulated machine. The
 * server's program logic is played here: it receives requests on its port and replies, through
 * system calls like any user program.
 */
class IoTest {

    static final int FS_PORT = 20;
    Sim s;
    Process client;
    Process server;
    final Map<Long, StringBuilder> files = new HashMap<>();
    final Map<Long, Long> offsets = new HashMap<>();
    long nextHandle = 10;

    @BeforeEach
    void setUp() {
        s = new Sim();
        client = s.init();
        assertEquals(0, s.as(client, Syscalls.PORT_CREATE, FS_PORT, 4));
        server = s.spawn(client, "server", new long[] {Boot.SLOT_MEMORY, FS_PORT}, 10, -1);
        s.mapScratch(server, 0);
    }

    /** The server takes one request and answers it. */
    void serveOne() {
        Tcb t = Sim.main(server);
        long n = s.as(server, Syscalls.RECEIVE, 1, Sim.BUF, 256);
        assertTrue(n >= 0, "server receive " + n);
        long badge = t.reg(1);
        long label = t.reg(2);
        long op = IoProtocol.op(label);
        if (op == IoProtocol.OPEN) {
            String path = new String(s.peek(server, Sim.BUF, (int) n), StandardCharsets.US_ASCII);
            long h = nextHandle++;
            files.put(h, new StringBuilder(path.equals("/motd") ? "welcome to keel" : ""));
            offsets.put(h, 0L);
            assertEquals(0, s.as(server, Syscalls.REPLY, h, Sim.BUF, 0));
        } else if (op == IoProtocol.WRITE) {
            files.get(badge - 1).append(new String(s.peek(server, Sim.BUF, (int) n), StandardCharsets.US_ASCII));
            assertEquals(0, s.as(server, Syscalls.REPLY, n, Sim.BUF, 0));
        } else if (op == IoProtocol.READ) {
            long h = badge - 1;
            String all = files.get(h).toString();
            int from = (int) (long) offsets.get(h);
            int len = (int) Math.min(IoProtocol.argument(label), all.length() - from);
            s.poke(server, Sim.BUF, all.substring(from, from + len).getBytes(StandardCharsets.US_ASCII));
            offsets.put(h, (long) from + len);
            assertEquals(0, s.as(server, Syscalls.REPLY, 0, Sim.BUF, len));
        } else if (op == IoProtocol.CLOSE) {
            files.remove(badge - 1);
            assertEquals(0, s.as(server, Syscalls.REPLY, 0, Sim.BUF, 0));
        }
    }

    long open(String path) {
        s.poke(client, Sim.BUF, Sim.bytes(path));
        Tcb t = Sim.main(client);
        s.as(client, Syscalls.OPEN, FS_PORT, Sim.BUF, path.length(), 0);
        serveOne();
        return t.reg(0);
    }

    @Test
    void openReadWriteCloseGoThroughTheServerPort() {
        long fd = open("/motd");
        assertTrue(fd >= 0, "fd " + fd);
        assertEquals(CapType.PORT, s.as(client, Syscalls.CAP_IDENTIFY, fd));
        Tcb t = Sim.main(client);
        assertEquals(3, t.reg(1), "file caps carry read and write, not grant");
        assertEquals(11, t.reg(2), "badge = handle + 1");

        s.as(client, Syscalls.READ, fd, Sim.BUF + 1000, 7);
        serveOne();
        assertEquals(7, t.reg(0));
        assertArrayEquals(Sim.bytes("welcome"), s.peek(client, Sim.BUF + 1000, 7));

        s.poke(client, Sim.BUF, Sim.bytes("!!"));
        s.as(client, Syscalls.WRITE, fd, Sim.BUF, 2);
        serveOne();
        assertEquals(2, t.reg(0));
        assertEquals("welcome to keel!!", files.get(10L).toString());

        s.as(client, Syscalls.CLOSE, fd);
        serveOne();
        assertEquals(0, t.reg(0));
        assertEquals(Errors.EMPTY_SLOT, s.as(client, Syscalls.CAP_IDENTIFY, fd), "file capability deleted");
        assertTrue(files.isEmpty());
        s.assertHealthy();
    }

    @Test
    void ioNeedsAFileCapabilityWithTheRightRights() {
        long fd = open("/x");
        assertEquals(Errors.BAD_ARGUMENT, s.as(client, Syscalls.READ, FS_PORT, Sim.BUF, 4), "unbadged port is not a file");
        assertEquals(Errors.BAD_ARGUMENT, s.as(client, Syscalls.OPEN, fd, Sim.BUF, 2, 0), "open through a file");
        assertEquals(0, s.as(client, Syscalls.CAP_MINT, fd, 25, 1, 0, 0, 0));
        assertEquals(Errors.NO_RIGHTS, s.as(client, Syscalls.WRITE, 25, Sim.BUF, 1));
        assertEquals(Errors.WRONG_TYPE, s.as(client, Syscalls.READ, Boot.SLOT_MEMORY, Sim.BUF, 1));
        assertEquals(Errors.BAD_ADDRESS, s.as(client, Syscalls.READ, fd, 0x10, 4));
        assertEquals(Errors.BAD_LENGTH, s.as(client, Syscalls.WRITE, fd, Sim.BUF, 100000));
        assertEquals(Errors.BAD_LENGTH, s.as(client, Syscalls.OPEN, FS_PORT, Sim.BUF, 0, 0));
        s.assertHealthy();
    }

    @Test
    void aServerThatDiesWakesItsClientWithDeadObject() {
        s.poke(client, Sim.BUF, Sim.bytes("/a"));
        Tcb t = Sim.main(client);
        s.as(client, Syscalls.OPEN, FS_PORT, Sim.BUF, 2, 0);
        s.as(server, Syscalls.RECEIVE, 1, Sim.BUF, 256);
        s.as(server, Syscalls.EXIT, 1);
        assertEquals(Errors.DEAD_OBJECT, t.reg(0));
        assertTrue(t.state != Tcb.BLOCKED);
        s.assertHealthy();
    }
}
