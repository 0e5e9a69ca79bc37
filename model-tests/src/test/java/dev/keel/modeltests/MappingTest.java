package dev.keel.modeltests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.keel.kernel.abi.Errors;
import dev.keel.kernel.mem.AddressSpace;
import dev.keel.kernel.mem.MemoryManager;
import dev.keel.kernel.mem.Pte;
import dev.keel.kernel.sched.Tcb;
import dev.keel.modeltests.drive.KernelParts;
import dev.keel.modeltests.mapping.IpcMapping;
import dev.keel.modeltests.mapping.MemoryMapping;
import dev.keel.modeltests.tla.Value;
import dev.keel.modeltests.tla.ValueParser;

/** The IPC and memory mappings on kernel states built by hand: each field lands where the spec expects it. */
class MappingTest {

    static final Value NONE = Value.str("none");
    static final Value NOT_BLOCKED = Value.str("notBlocked");

    @Test
    void ipcMappingSeesPortsCapsAndBlockedReceivers() {
        KernelParts k = new KernelParts(1, 3, 4, 2, 6, 4);
        IpcMapping m = new IpcMapping(Map.of(1, Value.str("t1")), Map.of(0, Value.str("P0"), 1, Value.str("P1")),
            NONE, NOT_BLOCKED);
        Tcb t = k.threads.at(1);
        Map<String, Value> before = m.map(k.ipc, k.threads, k.caps);
        assertEquals(Value.set(), before.get("ports"));
        assertEquals(NOT_BLOCKED, before.get("blockedOn").get("t1"));
        assertEquals(NONE, before.get("replyCap").get("t1"));

        int port = k.ipc.portCreate(1);
        assertEquals(0, port);
        t.owner = null;
        Map<String, Value> after = m.map(k.ipc, k.threads, k.caps);
        assertEquals(Value.set(Value.str("P0")), after.get("ports"));
        assertEquals(ValueParser.parse("<<>>"), after.get("queue").get("P0"));
        // A thread with no process holds no rights.
        assertEquals(Value.set(), after.get("caps").get("t1").get("P0"));

        t.state = Tcb.BLOCKED;
        t.blockedOn = Tcb.ON_RECEIVE;
        t.waitPort = k.ipc.port(0);
        assertEquals(ValueParser.parse("[op |-> \"recv\", port |-> \"P0\"]"),
            m.map(k.ipc, k.threads, k.caps).get("blockedOn").get("t1"));
    }

    @Test
    void memoryMappingFollowsRegionsFaultsAndFrames() {
        KernelParts k = new KernelParts(1, 3, 4, 1, 6, 4);
        AddressSpace s = k.memory.space(1);
        assertEquals(Errors.OK, k.memory.createSpace(s));
        List<Long> frames = new ArrayList<>();
        for (long pa = 0; pa < 1024L * Pte.PAGE; pa += Pte.PAGE) {
            if (k.frames.isUsable(pa)) {
                frames.add(pa);
            }
        }
        MemoryMapping m = new MemoryMapping(Map.of(1, Value.str("s1")), 2, frames, Value.str("None"));
        Value unmapped = ValueParser.parse(
            "[mapped |-> FALSE, frame |-> \"None\", perm |-> FALSE, writable |-> FALSE, present |-> FALSE, cow |-> FALSE]");
        assertEquals(unmapped, m.map(k.memory).get("mapping").get("s1").at(1));

        long va = MemoryManager.USER_BASE;
        k.memory.map(s, va, 1, true, k.untyped, true);
        Value reserved = m.map(k.memory).get("mapping").get("s1").at(1);
        assertEquals(ValueParser.parse(
            "[mapped |-> TRUE, frame |-> \"None\", perm |-> TRUE, writable |-> TRUE, present |-> FALSE, cow |-> FALSE]"), reserved);
        assertEquals(unmapped, m.map(k.memory).get("mapping").get("s1").at(2));

        long freeBefore = ((Value.SetV) m.map(k.memory).get("free")).members.size();
        assertTrue(k.memory.pageFault(s, va, true) >= 0, "demand fault");
        Map<String, Value> after = m.map(k.memory);
        Value present = after.get("mapping").get("s1").at(1);
        assertEquals(Value.of(true), present.get("present"));
        assertEquals(Value.of(true), present.get("writable"));
        long frame = ((Value.Int) present.get("frame")).n;
        assertTrue(frame >= 1, "a frame of the model: " + present);
        assertTrue(!((Value.SetV) after.get("free")).members.contains(Value.of(frame)), "the frame is no longer free");
        assertTrue(((Value.SetV) after.get("free")).members.size() < freeBefore, "fewer free frames");
    }

    @Test
    void ipcMappingShowsTransferredCapabilitiesAndCallersWaitingForTheirReply() {
        dev.keel.modeltests.drive.IpcDriver d = new dev.keel.modeltests.drive.IpcDriver(List.of("a", "b"),
            List.of("pa", "pb"), 1,
            ValueParser.parse("[a |-> [pa |-> {[rights |-> {\"read\", \"write\", \"grant\"}, badge |-> 0]}, pb |-> {}],"
                + " b |-> [pa |-> {[rights |-> {\"write\", \"grant\"}, badge |-> 2]}, pb |-> {}]]"),
            2, 3);
        // b creates pb and sends its capability to it through pa (the driver passes the one it has).
        d.apply(new dev.keel.modeltests.drive.IpcOp.PortCreate(1));
        d.apply(new dev.keel.modeltests.drive.IpcOp.Send(1, 0, dev.keel.modeltests.drive.IpcOp.SEND, 1,
            dev.keel.modeltests.drive.IpcOp.W, false));
        Value msg = d.state().get("queue").get("pa").at(1);
        assertEquals(ValueParser.parse("[port |-> \"pb\", rights |-> {\"grant\", \"read\", \"write\"}, badge |-> 0]"), msg.get("xfer"));
        assertEquals(Value.str("b"), msg.get("from"));
        assertEquals(Value.of(2), msg.get("badge"));
        // a receives it (and the write right to pb), then b calls pa and a receives the call:
        // b waits for its reply, and the kernel no longer records the port it called.
        d.apply(new dev.keel.modeltests.drive.IpcOp.Receive(0, 0, true));
        assertEquals(ValueParser.parse("{[rights |-> {\"grant\", \"read\", \"write\"}, badge |-> 0]}"), d.state().get("caps").get("a").get("pb"));
        d.apply(new dev.keel.modeltests.drive.IpcOp.Send(1, 0, dev.keel.modeltests.drive.IpcOp.CALL, -1, 0, false));
        d.apply(new dev.keel.modeltests.drive.IpcOp.Receive(0, 0, true));
        assertEquals(Tcb.ON_REPLY, d.tcb(1).blockedOn);
        assertEquals(ValueParser.parse("[op |-> \"call\", port |-> \"pa\"]"), d.state().get("blockedOn").get("b"));
        assertEquals(Value.str("b"), d.state().get("replyCap").get("a"));
        d.apply(new dev.keel.modeltests.drive.IpcOp.Reply(0));
        assertEquals(ValueParser.parse("[op |-> \"none\", port |-> \"none\"]"), d.state().get("blockedOn").get("b"));
    }
}
