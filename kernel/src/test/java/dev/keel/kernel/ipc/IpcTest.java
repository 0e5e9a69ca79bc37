package dev.keel.kernel.ipc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.keel.kernel.Boot;
import dev.keel.kernel.Entry;
import dev.keel.kernel.Sim;
import dev.keel.kernel.abi.Errors;
import dev.keel.kernel.abi.Syscalls;
import dev.keel.kernel.cap.CapType;
import dev.keel.kernel.proc.Process;
import dev.keel.kernel.sched.Tcb;

class IpcTest {

    static final int PORT = 20;
    static final int CHILD_PORT = 5;
    Sim s;
    Process init;
    Process child;

    @BeforeEach
    void setUp() {
        s = new Sim();
        init = s.init();
        assertEquals(0, s.as(init, Syscalls.PORT_CREATE, Boot.SLOT_MEMORY, PORT, 2));
        child = s.spawn(init, "child", new long[] {Boot.SLOT_MEMORY, PORT}, 10, -1);
        s.mapScratch(child, 0);
    }

    long childPortSlot() {
        return 1;
    }

    @Test
    void sendThenReceiveDeliversPayloadLabelAndBadge() {
        assertEquals(0, s.as(init, Syscalls.CAP_MINT, PORT, 21, 1, 1, 0, 77));
        s.poke(init, Sim.BUF, Sim.bytes("hello"));
        assertEquals(0, s.as(init, Syscalls.SEND, 21, 42, Sim.BUF, 5, -1));
        long n = s.as(child, Syscalls.RECEIVE, childPortSlot(), Sim.BUF + 100, 64);
        Tcb t = Sim.main(child);
        assertEquals(5, n);
        assertEquals(77, t.reg(1), "badge of the sender's capability");
        assertEquals(42, t.reg(2), "label");
        assertEquals(-1, t.reg(3), "no capability transferred");
        assertArrayEquals(Sim.bytes("hello"), s.peek(child, Sim.BUF + 100, 5));
        s.assertHealthy();
    }

    @Test
    void blockedReceiverWakesWhenAMessageArrives() {
        Tcb r = Sim.main(child);
        s.as(child, Syscalls.RECEIVE, childPortSlot(), Sim.BUF, 64);
        assertEquals(Tcb.BLOCKED, r.state);
        assertEquals(Tcb.ON_RECEIVE, r.blockedOn);
        s.poke(init, Sim.BUF, Sim.bytes("xy"));
        assertEquals(0, s.as(init, Syscalls.SEND, PORT, 1, Sim.BUF, 2, -1));
        assertTrue(r.state == Tcb.READY || r.state == Tcb.RUNNING);
        assertEquals(2, r.reg(0));
        assertArrayEquals(Sim.bytes("xy"), s.peek(child, Sim.BUF, 2));
        s.assertHealthy();
    }

    @Test
    void fullQueueBlocksTheSenderUntilAReceiveMakesRoom() {
        Tcb sender = Sim.main(init);
        for (int i = 0; i < 2; i++) {
            assertEquals(0, s.as(init, Syscalls.SEND, PORT, i, Sim.BUF, 1, -1));
        }
        assertEquals(Errors.WOULD_BLOCK, s.as(init, Syscalls.TRY_SEND, PORT, 9, Sim.BUF, 1, -1));
        s.as(init, Syscalls.SEND, PORT, 2, Sim.BUF, 1, -1);
        assertEquals(Tcb.BLOCKED, sender.state);
        assertEquals(Tcb.ON_SEND, sender.blockedOn);
        for (int i = 0; i < 3; i++) {
            s.as(child, Syscalls.RECEIVE, childPortSlot(), Sim.BUF, 8);
            assertEquals(i, Sim.main(child).reg(2), "FIFO order, no message lost");
        }
        assertTrue(sender.state != Tcb.BLOCKED);
        assertEquals(Errors.OK, sender.reg(0));
        assertEquals(Errors.WOULD_BLOCK, s.as(child, Syscalls.TRY_RECEIVE, childPortSlot(), Sim.BUF, 8));
        s.assertHealthy();
    }

    @Test
    void callBlocksUntilReplyAndTheReplyCapabilityIsOneShot() {
        s.as(child, Syscalls.RECEIVE, childPortSlot(), Sim.BUF, 64);
        s.poke(init, Sim.BUF, Sim.bytes("ping"));
        Tcb caller = Sim.main(init);
        s.as(init, Syscalls.CALL, PORT, 3, Sim.BUF, 4, -1, 64);
        assertEquals(Tcb.BLOCKED, caller.state);
        assertEquals(Tcb.ON_REPLY, caller.blockedOn);
        Tcb server = Sim.main(child);
        assertEquals(caller, server.replyCap);
        s.poke(child, Sim.BUF + 200, Sim.bytes("pong!"));
        assertEquals(0, s.as(child, Syscalls.REPLY, 8, Sim.BUF + 200, 5));
        assertEquals(5, caller.reg(0));
        assertEquals(8, caller.reg(2));
        assertArrayEquals(Sim.bytes("pong!"), s.peek(init, Sim.BUF, 5));
        assertEquals(Errors.NO_REPLY, s.as(child, Syscalls.REPLY, 8, Sim.BUF, 1));
        s.assertHealthy();
    }

    @Test
    void capabilityTransferNeedsGrantAndArrivesDerived() {
        assertEquals(0, s.as(init, Syscalls.CAP_MINT, PORT, 22, 0, 1, 0, 0));
        assertEquals(Errors.NO_RIGHTS, s.as(init, Syscalls.SEND, 22, 0, Sim.BUF, 0, Boot.SLOT_IO_PORTS));
        assertEquals(0, s.as(init, Syscalls.SEND, PORT, 0, Sim.BUF, 0, Boot.SLOT_IO_PORTS));
        s.as(child, Syscalls.RECEIVE, childPortSlot(), Sim.BUF, 8);
        long slot = Sim.main(child).reg(3);
        assertTrue(slot >= 0);
        assertEquals(CapType.IO_PORT, s.as(child, Syscalls.CAP_IDENTIFY, slot));
        int g = s.k.caps.globalSlot(child.index, slot);
        assertEquals(s.k.caps.globalSlot(init.index, Boot.SLOT_IO_PORTS), s.k.caps.parentOf(g));
        s.assertHealthy();
    }

    @Test
    void sendingWithoutWriteRightOrReceivingWithoutReadRightFails() {
        assertEquals(0, s.as(init, Syscalls.CAP_MINT, PORT, 23, 1, 0, 0, 0));
        assertEquals(Errors.NO_RIGHTS, s.as(init, Syscalls.SEND, 23, 0, Sim.BUF, 0, -1));
        assertEquals(0, s.as(init, Syscalls.CAP_MINT, PORT, 24, 0, 1, 0, 0));
        assertEquals(Errors.NO_RIGHTS, s.as(init, Syscalls.RECEIVE, 24, Sim.BUF, 8));
        assertEquals(Errors.WRONG_TYPE, s.as(init, Syscalls.SEND, Boot.SLOT_MEMORY, 0, Sim.BUF, 0, -1));
    }

    @Test
    void callThatWouldCloseACycleFailsWithDeadlockAndChangesNothing() {
        // child serves PORT; init serves its own port 25; child's call into 25 would wait for init,
        // which waits for child.
        assertEquals(0, s.as(init, Syscalls.PORT_CREATE, Boot.SLOT_MEMORY, 25, 2));
        assertEquals(0, s.as(init, Syscalls.SEND, 25, 0, Sim.BUF, 0, -1));
        assertEquals(0, s.as(init, Syscalls.RECEIVE, 25, Sim.BUF, 8), "init now serves port 25");
        assertEquals(0, s.as(init, Syscalls.SEND, PORT, 0, Sim.BUF, 0, 25));
        s.as(child, Syscalls.RECEIVE, childPortSlot(), Sim.BUF, 8);
        long init25 = Sim.main(child).reg(3);
        s.as(child, Syscalls.RECEIVE, childPortSlot(), Sim.BUF, 8);
        s.as(init, Syscalls.CALL, PORT, 1, Sim.BUF, 0, -1, 0);
        Tcb server = Sim.main(child);
        assertEquals(Sim.main(init), server.replyCap);
        long sentBefore = s.k.ipc.port(s.k.caps.at(s.k.caps.globalSlot(init.index, 25)).object()).sent;
        assertEquals(Errors.DEADLOCK, s.as(child, Syscalls.CALL, init25, 2, Sim.BUF, 0, -1, 0));
        assertEquals(Tcb.RUNNING, server.state);
        assertEquals(sentBefore, s.k.ipc.port(s.k.caps.at(s.k.caps.globalSlot(init.index, 25)).object()).sent);
        assertEquals(0, s.as(child, Syscalls.REPLY, 0, Sim.BUF, 0));
        s.assertHealthy();
    }

    @Test
    void callingYourOwnPortIsADeadlockOnlyWhenNoOtherThreadCanReceive() {
        // child holds the receive right to PORT too, so it may take init's call.
        Tcb caller = Sim.main(init);
        assertEquals(0, s.as(init, Syscalls.SEND, PORT, 0, Sim.BUF, 0, -1));
        assertEquals(0, s.as(init, Syscalls.RECEIVE, PORT, Sim.BUF, 8), "init has received from PORT");
        s.as(init, Syscalls.CALL, PORT, 1, Sim.BUF, 0, -1, 0);
        assertEquals(Tcb.BLOCKED, caller.state, "accepted: child can receive");
        s.as(child, Syscalls.RECEIVE, childPortSlot(), Sim.BUF, 8);
        assertEquals(0, s.as(child, Syscalls.REPLY, 0, Sim.BUF, 0));
        assertTrue(caller.state != Tcb.BLOCKED);
        assertEquals(0, s.as(child, Syscalls.CAP_DELETE, childPortSlot()));
        assertEquals(Errors.DEADLOCK, s.as(init, Syscalls.CALL, PORT, 2, Sim.BUF, 0, -1, 0),
            "init is now the only thread that can receive from PORT");
        assertFalse(s.k.panic.panicked());
        s.assertHealthy();
    }

    @Test
    void callIntoAPortWhoseEveryReceiverWaitsForTheCallerIsADeadlock() {
        // Generated trace 717: init creates port 25 and calls child through PORT, passing its
        // whole capability to 25, receive right included. child receives the call, so it holds
        // init's reply capability and the receive right to 25. Nobody has received from 25, and
        // both its receivers wait for child: child itself, and init, which waits for its reply.
        assertEquals(0, s.as(init, Syscalls.PORT_CREATE, Boot.SLOT_MEMORY, 25, 2));
        Port p25 = s.k.ipc.port(s.k.caps.at(s.k.caps.globalSlot(init.index, 25)).object());
        s.as(child, Syscalls.RECEIVE, childPortSlot(), Sim.BUF, 8);
        s.as(init, Syscalls.CALL, PORT, 1, Sim.BUF, 0, 25, 0);
        Tcb server = Sim.main(child);
        assertEquals(Sim.main(init), server.replyCap);
        long to25 = server.reg(3);
        assertTrue(to25 >= 0, "the capability to 25 arrived");
        assertEquals(CapType.PORT, s.as(child, Syscalls.CAP_IDENTIFY, to25));
        assertEquals(Errors.DEADLOCK, s.as(child, Syscalls.CALL, to25, 2, Sim.BUF, 0, -1, 0));
        assertEquals(Tcb.RUNNING, server.state);
        assertEquals(0, p25.sent, "the refused call changed nothing");
        assertEquals(0, s.as(child, Syscalls.REPLY, 0, Sim.BUF, 0));
        s.assertHealthy();
    }

    @Test
    void callIntoAPortWithOneReceiverFreeToAnswerIsAccepted() {
        // As above, but a third process also holds the receive right to 25 and is not blocked in
        // a call: it may take child's call, so nothing is stuck.
        assertEquals(0, s.as(init, Syscalls.PORT_CREATE, Boot.SLOT_MEMORY, 25, 2));
        Process third = s.spawn(init, "child", new long[] {Boot.SLOT_MEMORY, 25}, 10, -1);
        s.mapScratch(third, 0);
        s.as(child, Syscalls.RECEIVE, childPortSlot(), Sim.BUF, 8);
        s.as(init, Syscalls.CALL, PORT, 1, Sim.BUF, 0, 25, 0);
        Tcb server = Sim.main(child);
        long to25 = server.reg(3);
        s.as(child, Syscalls.CALL, to25, 2, Sim.BUF, 0, -1, 0);
        assertEquals(Tcb.BLOCKED, server.state, "accepted");
        s.as(third, Syscalls.RECEIVE, 1, Sim.BUF, 8);
        assertEquals(server, Sim.main(third).replyCap);
        assertFalse(s.k.panic.panicked());
        s.assertHealthy();
    }

    @Test
    void callingYourOwnNewPortBeforeAnyReceiveIsADeadlock() {
        // The creator holds the only receive right: a call would wait for the caller itself.
        assertEquals(0, s.as(init, Syscalls.PORT_CREATE, Boot.SLOT_MEMORY, 26, 1));
        Tcb caller = Sim.main(init);
        assertEquals(Errors.DEADLOCK, s.as(init, Syscalls.CALL, 26, 0, Sim.BUF, 0, -1, 0));
        assertTrue(caller.state != Tcb.BLOCKED, "the refused caller runs on");
        assertEquals(0, s.k.ipc.port(s.k.caps.at(s.k.caps.globalSlot(init.index, 26)).object()).sent);
        assertFalse(s.k.panic.panicked());
        s.assertHealthy();
    }

    @Test
    void callIntoAPortNobodyHasReceivedFromYetFollowsItsOnlyReceiver() {
        // init creates port 25 and never receives there; child gets a send-only capability to it.
        // init then calls child (PORT), so child's call into 25 would wait for init, which waits
        // for child: refused, though 25 has no receiver yet to follow.
        assertEquals(0, s.as(init, Syscalls.PORT_CREATE, Boot.SLOT_MEMORY, 25, 2));
        assertEquals(0, s.as(init, Syscalls.CAP_MINT, 25, 26, 0, 1, 0, 0));
        assertEquals(0, s.as(init, Syscalls.SEND, PORT, 0, Sim.BUF, 0, 26));
        s.as(child, Syscalls.RECEIVE, childPortSlot(), Sim.BUF, 8);
        long sendTo25 = Sim.main(child).reg(3);
        s.as(child, Syscalls.RECEIVE, childPortSlot(), Sim.BUF, 8);
        s.as(init, Syscalls.CALL, PORT, 1, Sim.BUF, 0, -1, 0);
        Tcb server = Sim.main(child);
        assertEquals(Sim.main(init), server.replyCap);
        assertEquals(Errors.DEADLOCK, s.as(child, Syscalls.CALL, sendTo25, 2, Sim.BUF, 0, -1, 0));
        assertEquals(Tcb.RUNNING, server.state);
        assertEquals(0, s.as(child, Syscalls.REPLY, 0, Sim.BUF, 0));
        s.assertHealthy();
    }

    @Test
    void deletingTheLastPortCapabilityWakesWaitersWithDeadObject() {
        Tcb r = Sim.main(child);
        s.as(child, Syscalls.RECEIVE, childPortSlot(), Sim.BUF, 8);
        assertEquals(0, s.as(init, Syscalls.CAP_DELETE, PORT));
        assertEquals(Tcb.BLOCKED, r.state, "child still holds a capability");
        s.runAs(Sim.main(init));
        // the child's own capability is the last one; it is blocked, so revoke it from init's side:
        // kill the child instead and check the port dies with it
        assertEquals(0, s.as(init, Syscalls.PORT_CREATE, Boot.SLOT_MEMORY, 26, 1));
        assertEquals(0, s.as(init, Syscalls.CAP_COPY, 26, 27));
        s.as(init, Syscalls.TRY_RECEIVE, 26, Sim.BUF, 8);
        assertEquals(0, s.as(init, Syscalls.CAP_DELETE, 26));
        Port p = s.k.ipc.port(s.k.caps.at(s.k.caps.globalSlot(init.index, 27)).object());
        assertTrue(p != null && p.live);
        assertEquals(0, s.as(init, Syscalls.CAP_DELETE, 27));
        assertFalse(p.live);
        s.assertHealthy();
    }

    @Test
    void portDeathWakesABlockedReceiverWithDeadObject() {
        Process other = s.spawn(init, "child", new long[] {Boot.SLOT_MEMORY}, 10, -1);
        s.mapScratch(other, 0);
        assertEquals(0, s.as(other, Syscalls.PORT_CREATE, Boot.SLOT_MEMORY, 3, 1));
        assertEquals(0, s.as(other, Syscalls.CAP_COPY, 3, 4));
        Tcb t = Sim.main(other);
        // a second thread of 'other' deletes both capabilities while the first one waits
        long tid = s.as(other, Syscalls.THREAD_CREATE, 0x400000, Sim.BUF + 4096, 10);
        assertTrue(tid > 0);
        s.as(t, Syscalls.RECEIVE, 3, Sim.BUF, 8);
        assertEquals(Tcb.BLOCKED, t.state);
        Tcb helper = s.k.threads.at((int) tid);
        assertEquals(0, s.as(helper, Syscalls.CAP_DELETE, 3));
        assertEquals(0, s.as(helper, Syscalls.CAP_DELETE, 4));
        assertEquals(Errors.DEAD_OBJECT, t.reg(0));
        assertTrue(t.state != Tcb.BLOCKED);
        s.assertHealthy();
    }

    @Test
    void interruptNotifiesTheBoundPortWithBadgeAndStaysMaskedUntilAck() {
        int line = 4;
        long irqSlot = Boot.SLOT_IRQ_BASE + line;
        assertEquals(0, s.as(init, Syscalls.CAP_MINT, irqSlot, 28, 1, 1, 0, 0x55));
        assertEquals(0, s.as(init, Syscalls.IRQ_BIND, 28, PORT));
        Entry.interrupt(s.k, 0, line);
        assertTrue(s.machine.simInterrupts().isMasked(line));
        s.as(child, Syscalls.RECEIVE, childPortSlot(), Sim.BUF, 8);
        Tcb t = Sim.main(child);
        assertEquals(0x55, t.reg(1));
        assertEquals(Ipc.IRQ_LABEL + line, t.reg(2));
        assertEquals(0, s.as(init, Syscalls.IRQ_ACK, 28));
        assertFalse(s.machine.simInterrupts().isMasked(line));
        s.assertHealthy();
    }

    @Test
    void interruptBeforeBindingIsDeliveredOnBind() {
        Entry.interrupt(s.k, 0, 6);
        assertEquals(0, s.as(init, Syscalls.IRQ_BIND, Boot.SLOT_IRQ_BASE + 6, PORT));
        assertEquals(0, s.as(child, Syscalls.TRY_RECEIVE, childPortSlot(), Sim.BUF, 8));
        assertEquals(Ipc.IRQ_LABEL + 6, Sim.main(child).reg(2));
    }
}
