package dev.keel.kernel.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;

import dev.keel.kernel.Boot;
import dev.keel.kernel.Loc;
import dev.keel.kernel.Sim;
import dev.keel.kernel.abi.Errors;
import dev.keel.kernel.abi.Syscalls;
import dev.keel.kernel.cap.Capability;
import dev.keel.kernel.proc.Process;
import dev.keel.kernel.sched.PerCpu;
import dev.keel.kernel.sched.Tcb;
import dev.keel.kernel.sched.ThreadQueue;
import dev.keel.kernel.trace.SchedTrace;

/**
 * The frames of Ipc's actions ({@code assignable}) against what they really write: random IPC
 * actions on a booted kernel, each preceded by its check as the system calls do, and the whole
 * heap the kernel reaches (the machine excluded: it is not part of the proofs' heap) compared
 * field by field and element by element before and after. Every changed location must be one
 * the action's frame names, read as the contracts in Ipc.java state it.
 */
class IpcFrameTest {

    private static final int[] PORT_SLOTS = {20, 21};

    private Sim s;
    private Ipc ipc;
    private Process[] procs;
    private final Map<String, Integer> checked = new HashMap<>();

    @Property(tries = 12)
    void everyIpcActionWritesOnlyWhatItsFrameNames(@ForAll long seed) {
        s = new Sim(2);
        ipc = s.k.ipc;
        checked.clear();
        Process init = s.init();
        for (int slot : PORT_SLOTS) {
            assertEquals(0, s.as(init, Syscalls.PORT_CREATE, Boot.SLOT_MEMORY, slot, 2));
        }
        Process a = s.spawn(init, "child", new long[] {Boot.SLOT_MEMORY, PORT_SLOTS[0], PORT_SLOTS[1]}, 10, -1);
        Process b = s.spawn(init, "child", new long[] {Boot.SLOT_MEMORY, PORT_SLOTS[0], PORT_SLOTS[1]}, 10, -1);
        s.mapScratch(a, 0);
        s.mapScratch(b, 0);
        procs = new Process[] {init, a, b};
        s.k.scheduler.trace().on = true;
        Random r = new Random(seed);
        for (int step = 0; step < 120; step++) {
            act(r);
        }
        // A run may block every thread early and check no receive at all; that run still checks
        // what it did. Across the tries, sends and receives must each have been checked.
        boolean sent = checked.getOrDefault("send", 0) + checked.getOrDefault("call", 0) > 0;
        boolean received = checked.getOrDefault("receive", 0) > 0;
        Statistics.label("send checked").collect(sent);
        Statistics.label("receive checked").collect(received);
        Statistics.label("send checked").coverage(c -> c.check(true).count(n -> n > 0));
        Statistics.label("receive checked").coverage(c -> c.check(true).count(n -> n > 0));
    }

    private void act(Random r) {
        Process p = procs[r.nextInt(procs.length)];
        Tcb t = Sim.main(p);
        Port port = livePort(r);
        boolean runnable = t.state == Tcb.READY || t.state == Tcb.RUNNING;
        long buf = Sim.BUF + r.nextInt(64);
        int len = r.nextInt(48);
        int lines = ipc.irqs().lines();
        switch (r.nextInt(12)) {
            case 0, 1, 2 -> {
                boolean call = r.nextInt(3) == 0;
                boolean block = call || r.nextBoolean();
                int replyMax = call ? r.nextInt(48) : 0;
                if (runnable && port != null && ipc.checkSend(t, port, buf, len, block, call, replyMax) == Errors.OK
                        && ipc.prepareSend(t, buf, len, call, replyMax) == Errors.OK) {
                    int source = r.nextBoolean() ? s.k.caps.globalSlot(p.index, 1) : -1;
                    String name = call ? "call" : block ? "send" : "trySend";
                    check(name, deliverFrame().or(data()),
                            () -> ipc.send(t, port, 7, 9, buf, len, source, call, replyMax));
                }
            }
            case 3, 4, 5 -> {
                boolean block = r.nextBoolean();
                if (runnable && port != null && ipc.checkReceive(t, port, buf, len, block) == Errors.OK
                        && ipc.prepareReceive(t, buf, len) == Errors.OK) {
                    check("receive", deliverFrame().or(irqArray("pending", -1)), () -> ipc.receive(t, port, buf, len));
                }
            }
            case 6, 7 -> {
                if (ipc.checkReply(t, buf, len) == Errors.OK) {
                    check("reply", threadQueues().or(threads()).or(messages()).or(data()).or(scheduler())
                            .or(allocator()), () -> ipc.reply(t, 3, buf, len));
                }
            }
            case 8 -> {
                if (r.nextInt(4) == 0 && port != null) {
                    Predicate<Loc> f = is(port, "live").or(ports()).or(threadQueues()).or(threads())
                            .or(messages()).or(scheduler()).or(irqArray("port", -1));
                    check("destroyPort", f, () -> ipc.destroyPort(port));
                } else if (ipc.checkPortCreate(2) == Errors.OK) {
                    check("portCreate", ports().or(field(Port.class, "live", "capacity")),
                            () -> ipc.portCreate(2));
                }
            }
            case 9 -> {
                int line = r.nextInt(lines);
                check("interrupt", deliverFrame().or(irqArray("pending", -1)), () -> ipc.interrupt(line));
            }
            case 10 -> {
                int line = r.nextInt(lines);
                if (port != null) {
                    Predicate<Loc> f = deliverFrame().or(irqArray("port", line)).or(irqArray("badge", line))
                            .or(irqArray("pending", -1));
                    check("irqBind", f, () -> ipc.irqBind(line, port, 5));
                }
                check("irqAck", l -> false, () -> ipc.irqAck(line));
            }
            default -> {
                if (r.nextInt(6) == 0 && t.state == Tcb.BLOCKED) {
                    check("cancel", deliverFrame().or(irqArray("pending", -1)), () -> ipc.cancel(t));
                }
            }
        }
        // The scheduler moves on, so blocked threads get woken and runnable ones get to run.
        s.tick(r.nextInt(2));
    }

    private Port livePort(Random r) {
        for (int i = 0; i < ipc.portCount(); i++) {
            Port p = ipc.port((i + r.nextInt(ipc.portCount())) % ipc.portCount());
            if (p != null && p.live) {
                return p;
            }
        }
        return null;
    }

    // ---- the frames, as the contracts in Ipc.java state them ----

    /** What a delivery may write: offer, deliver, wake, refill and deliverIrq together. */
    private Predicate<Loc> deliverFrame() {
        return ports().or(threadQueues()).or(threads()).or(messages()).or(scheduler()).or(allocator())
                .or(capabilities());
    }

    private static Predicate<Loc> ports() {
        return field(Port.class, "head", "tail", "count", "sent", "received", "dropped");
    }

    private static Predicate<Loc> threadQueues() {
        return l -> l.o instanceof ThreadQueue;
    }

    private Predicate<Loc> threads() {
        Set<Object> regs = identitySet();
        for (int i = 0; i < s.k.threads.size(); i++) {
            regs.add(s.k.threads.at(i).regs);
        }
        return field(Tcb.class, "state", "blockedOn", "next", "prev", "queued", "waitPort", "pending",
                "recvBuffer", "recvMax", "ioOp", "ioSlot", "replyCap", "replyHolder").or(l -> regs.contains(l.o));
    }

    private static Predicate<Loc> messages() {
        return field(Message.class, "length", "label", "badge", "hasCap", "capSource", "capType",
                "capObject", "caller", "next", "inUse");
    }

    private Predicate<Loc> data() {
        Set<Object> arrays = identitySet();
        for (Object m : (Object[]) read(ipc.pool(), "messages")) {
            arrays.add(((Message) m).data);
        }
        return l -> arrays.contains(l.o);
    }

    private Predicate<Loc> scheduler() {
        SchedTrace tr = s.k.scheduler.trace();
        Set<Object> arrays = identitySet();
        arrays.add(tr.opKind);
        arrays.add(tr.opThread);
        arrays.add(tr.opGeneration);
        return field(PerCpu.class, "needResched").or(is(tr, "ops")).or(is(tr, "overflow"))
                .or(l -> arrays.contains(l.o));
    }

    /** UserMemory.prepare's frame: the manager's frame allocator, its top and three arrays. */
    private Predicate<Loc> allocator() {
        Object frames = s.k.memory.frames();
        Set<Object> arrays = identitySet();
        arrays.add(read(frames, "free"));
        arrays.add(read(frames, "refs"));
        arrays.add(read(frames, "stack"));
        return is(frames, "top").or(l -> arrays.contains(l.o));
    }

    /** CapabilitySpace.copy's frame, for any slot: the slots' capabilities and the parent links. */
    private Predicate<Loc> capabilities() {
        Object parent = read(s.k.caps, "parent");
        return (Loc l) -> l.o instanceof Capability || l.o == parent;
    }

    /** An element of one of the irq table's arrays: {@code line}, or any when -1. */
    private Predicate<Loc> irqArray(String name, int line) {
        Object a = read(ipc.irqs(), name);
        return l -> l.o == a && (line < 0 || l.f.equals("[" + line + "]"));
    }

    private static Predicate<Loc> field(Class<?> c, String... names) {
        Set<String> set = Set.of(names);
        return l -> c.isInstance(l.o) && set.contains(l.f);
    }

    private static Predicate<Loc> is(Object o, String name) {
        return l -> l.o == o && l.f.equals(name);
    }

    private static Set<Object> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    // ---- the heap the kernel reaches, and the check ----

    private Map<Loc, Object> snapshot() {
        Map<Loc, Object> m = new HashMap<>();
        Set<Object> seen = identitySet();
        ArrayDeque<Object> todo = new ArrayDeque<>();
        todo.add(s.k);
        while (!todo.isEmpty()) {
            Object o = todo.poll();
            if (!seen.add(o)) {
                continue;
            }
            if (o.getClass().isArray()) {
                int n = Array.getLength(o);
                for (int i = 0; i < n; i++) {
                    Object v = Array.get(o, i);
                    m.put(new Loc(o, "[" + i + "]"), v);
                    follow(v, todo);
                }
                continue;
            }
            for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers())) {
                        continue;
                    }
                    Object v = read(o, f);
                    m.put(new Loc(o, f.getName()), v);
                    follow(v, todo);
                }
            }
        }
        return m;
    }

    /** Kernel objects and arrays are followed; the machine (dev.keel.hw) and library objects are not. */
    private static void follow(Object v, ArrayDeque<Object> todo) {
        if (v == null) {
            return;
        }
        Class<?> c = v.getClass();
        if (c.isArray() ? true : c.getName().startsWith("dev.keel.kernel.")) {
            todo.add(v);
        }
    }

    private void check(String action, Predicate<Loc> frame, Runnable call) {
        Map<Loc, Object> before = snapshot();
        call.run();
        Map<Loc, Object> after = snapshot();
        for (Map.Entry<Loc, Object> e : after.entrySet()) {
            if (!before.containsKey(e.getKey())) {
                continue;
            }
            Object old = before.get(e.getKey());
            Object v = e.getValue();
            boolean same = v == null || v instanceof Number || v instanceof Boolean || v instanceof Character
                    ? Objects.equals(old, v) : old == v;
            if (!same && !frame.test(e.getKey())) {
                fail(action + " wrote " + e.getKey() + " (" + old + " -> " + v
                        + "), which its frame does not name");
            }
        }
        checked.merge(action, 1, Integer::sum);
    }

    private static Object read(Object o, String name) {
        for (Class<?> c = o.getClass(); c != null; c = c.getSuperclass()) {
            try {
                return read(o, c.getDeclaredField(name));
            } catch (NoSuchFieldException e) {
                // try the superclass
            }
        }
        throw new AssertionError("no field " + name + " in " + o.getClass());
    }

    private static Object read(Object o, Field f) {
        try {
            f.setAccessible(true);
            return f.get(o);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
