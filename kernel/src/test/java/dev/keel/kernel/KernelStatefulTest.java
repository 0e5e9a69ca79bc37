package dev.keel.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

import dev.keel.kernel.abi.Syscalls;
import dev.keel.kernel.cap.CapType;
import dev.keel.kernel.cap.Capability;
import dev.keel.kernel.ipc.Message;
import dev.keel.kernel.ipc.Port;
import dev.keel.kernel.mem.AddressSpace;
import dev.keel.kernel.mem.Pte;
import dev.keel.kernel.proc.Process;
import dev.keel.kernel.sched.PerCpu;
import dev.keel.kernel.sched.Tcb;

/**
 * Random system call sequences from several processes on a two-CPU machine, with timer ticks and
 * interrupts in between. After every step: capability rights never grow, no frame is both free
 * and mapped, every CPU runs its highest-priority ready thread, and no message is lost (every
 * message sent on the watched port is queued, held by its blocked sender, or was received once).
 */
class KernelStatefulTest {

    static final long PORT_SLOT = 20;
    static final long FIRST_LABEL = 1000;

    /** The kernel under test plus what the test knows must be true of it. */
    static final class Model {
        final Sim s = new Sim(2);
        final Port watched;
        final Set<Long> inFlight = new HashSet<>();
        final Set<Long> received = new HashSet<>();
        final Map<Tcb, Process> waitingReceivers = new HashMap<>();
        long nextLabel = FIRST_LABEL;
        Capability[] before;
        int steps;

        Model() {
            Process init = s.init();
            assertEquals(0, s.sys(0, Syscalls.PORT_CREATE, PORT_SLOT, 3));
            watched = s.k.ipc.port(cap(init.index, PORT_SLOT).object());
            for (int i = 0; i < 3; i++) {
                Process w = s.spawn(init, "child", new long[] {Boot.SLOT_MEMORY, PORT_SLOT}, 10, -1);
                s.mapScratch(w, 0);
            }
            before = snapshot();
        }

        Capability cap(int p, long slot) {
            return s.k.caps.at(s.k.caps.globalSlot(p, slot));
        }

        boolean watchedThrough(Process p, long slot) {
            int g = s.k.caps.globalSlot(p.index, slot);
            Capability c = s.k.caps.at(g);
            return g >= 0 && c.type() == CapType.PORT && c.object() == watched.id;
        }

        Capability[] snapshot() {
            Capability[] a = new Capability[s.k.caps.size()];
            for (int g = 0; g < a.length; g++) {
                Capability c = s.k.caps.at(g);
                a[g] = c.isEmpty() ? null : copyOf(c);
            }
            return a;
        }

        static Capability copyOf(Capability c) {
            return CapSnapshot.of(c);
        }

        /** One step: a system call by the current thread of {@code cpu}, a tick or an interrupt. */
        void step(int kind, int cpu, long a, long b, long c, long d) {
            steps++;
            Map<Integer, Set<Long>> heldByPid = heldLabels();
            PerCpu pc = s.cpu(cpu);
            if (kind >= 28) {
                s.tick(cpu);
            } else if (kind == 23) {
                Entry.interrupt(s.k, cpu, (int) (a & 15));
                s.deliverIpis();
            } else if (pc.current.owner != null) {
                syscall(kind, cpu, pc.current, pc.current.owner, a, b, c, d);
            } else {
                s.tick(cpu);
            }
            forgetLabelsOfTheDead(heldByPid);
            check();
        }

        /** Labels held, per pid, by threads blocked sending to the watched port or calling it. */
        Map<Integer, Set<Long>> heldLabels() {
            Map<Integer, Set<Long>> held = new HashMap<>();
            for (Tcb t = watched.senders.first(); t != null; t = t.next) {
                if (t.pending != null && t.owner != null) {
                    held.computeIfAbsent(t.owner.pid, x -> new HashSet<>()).add(t.pending.label);
                }
            }
            for (Message m = watched.head; m != null; m = m.next) {
                if (m.caller != null && m.caller.owner != null) {
                    held.computeIfAbsent(m.caller.owner.pid, x -> new HashSet<>()).add(m.label);
                }
            }
            return held;
        }

        /** A process that died while blocked in send or call legitimately drops its message. */
        void forgetLabelsOfTheDead(Map<Integer, Set<Long>> held) {
            for (Map.Entry<Integer, Set<Long>> e : held.entrySet()) {
                Process p = s.k.processes.byPid(e.getKey());
                if (p == null || !p.isAlive()) {
                    inFlight.removeAll(e.getValue());
                }
            }
        }

        /** Mostly a slot naming the watched port, sometimes any slot. */
        long portSlot(Process p, long x) {
            if (Math.floorMod(x, 10) < 3) {
                return slot(x);
            }
            for (int i = 0; i < s.k.caps.slotsPerProcess(); i++) {
                if (watchedThrough(p, i)) {
                    return i;
                }
            }
            return slot(x);
        }

        long slot(long x) {
            return Math.floorMod(x, 36) - 2;
        }

        void syscall(int kind, int cpu, Tcb t, Process p, long a, long b, long c, long d) {
            long buf = Sim.BUF + Math.floorMod(c, 4) * 512;
            switch (kind) {
                case 0, 1, 2 -> send(cpu, t, p, portSlot(p, a), Math.floorMod(b, 20), slot(d) < 3 ? -1 : slot(d),
                        kind == 1, kind == 2, buf);
                case 3, 4 -> receive(cpu, t, p, portSlot(p, a), buf, kind == 4);
                case 5 -> s.sys(cpu, Syscalls.REPLY, a, buf, Math.floorMod(b, 10));
                case 6 -> s.sys(cpu, Syscalls.CAP_MINT, slot(a), slot(b), c & 1, (c >> 1) & 1, (c >> 2) & 1, Math.floorMod(d, 5));
                case 7 -> s.sys(cpu, Syscalls.CAP_COPY, slot(a), slot(b));
                case 8 -> guarded(cpu, p, Syscalls.CAP_MOVE, slot(a), slot(b));
                case 9 -> guarded(cpu, p, Syscalls.CAP_DELETE, slot(a), 0);
                case 10 -> guarded(cpu, p, Syscalls.CAP_REVOKE, slot(a), 0);
                case 11 -> s.sys(cpu, Syscalls.MMAP, slot(a) % 3, va(b), Math.floorMod(c, 5), d & 1);
                case 12 -> s.sys(cpu, Syscalls.MUNMAP, va(b), Math.floorMod(c, 5));
                case 13 -> s.sys(cpu, Syscalls.MPROTECT, va(b), Math.floorMod(c, 5), d & 1);
                case 14 -> {
                    if (p == s.k.processes.init()) {
                        return;
                    }
                    Entry.pageFault(s.k, cpu, va(b) + Math.floorMod(c, 5) * 4096L, (d & 1) == 1);
                    s.deliverIpis();
                }
                case 15 -> s.sys(cpu, Syscalls.YIELD);
                case 16 -> s.sys(cpu, Syscalls.SET_PRIORITY, 6 + Math.floorMod(a, 8));
                case 17 -> s.sys(cpu, Syscalls.FORK);
                case 18 -> {
                    if (p != s.k.processes.init()) {
                        s.sys(cpu, Syscalls.EXIT, a);
                    }
                }
                case 19 -> receive(cpu, t, p, slot(a), buf, true);
                case 20 -> s.sys(cpu, Syscalls.PORT_CREATE, slot(a), 1 + Math.floorMod(b, 3));
                case 21 -> s.sys(cpu, Syscalls.SET_REALTIME, 1 + Math.floorMod(a, 3), 5 + Math.floorMod(b, 10));
                case 24 -> spawn(cpu, p, a, b);
                case 25 -> kill(cpu, p, slot(a), b);
                case 26 -> s.sys(cpu, Syscalls.THREAD_CREATE, 0x400000L, Sim.BUF + 4096, 6 + Math.floorMod(a, 8));
                case 27 -> s.sys(cpu, (b & 1) == 0 ? Syscalls.IRQ_BIND : Syscalls.IRQ_ACK,
                        Boot.SLOT_IRQ_BASE + Math.floorMod(a, 16), portSlot(p, c));
                default -> s.sys(cpu, Syscalls.METRICS_READ, Math.floorMod(a, 12), Math.floorMod(b, 40) - 1);
            }
        }

        /** create_process of 'child' with the caller's memory and port slots 0..1, proc cap in a random slot. */
        void spawn(int cpu, Process p, long a, long b) {
            long spec = Sim.BUF + 2048;
            if (s.k.user.check(p.space, spec, 256, true) != 0) {
                s.sys(cpu, Syscalls.CREATE_PROCESS, spec, slot(a));
                return;
            }
            s.poke(p, spec + 128, Sim.bytes("child"));
            s.pokeLongs(p, spec + 192, 0, 1);
            s.pokeLongs(p, spec, spec + 128, 5, 0, 0, 0, 0, spec + 192, Math.floorMod(b, 3), 0, 10);
            s.sys(cpu, Syscalls.CREATE_PROCESS, spec, slot(a));
        }

        /** kill through a process capability; init is spared (it holds the watched port). */
        void kill(int cpu, Process p, long slot, long status) {
            int g = s.k.caps.globalSlot(p.index, slot);
            Capability c = s.k.caps.at(g);
            if (g >= 0 && c.type() == CapType.PROCESS && s.k.processes.at(c.object()) == s.k.processes.init()) {
                return;
            }
            s.sys(cpu, Syscalls.KILL, slot, status);
        }

        static long va(long x) {
            long[] bases = {0x30000000L, 0x30004000L, Sim.BUF, 0x400000L, 0x50000000L};
            return bases[Math.floorMod(x, bases.length)];
        }

        /**
         * Capability calls that could destroy the watched port through init are left out (as are
         * init's exit and faults): its queue must outlive the run for the message count to hold.
         */
        void guarded(int cpu, Process p, int n, long x, long y) {
            if (p == s.k.processes.init() && (x == PORT_SLOT || y == PORT_SLOT)) {
                return;
            }
            s.sys(cpu, n, x, y);
        }

        void send(int cpu, Tcb t, Process p, long slot, long len, long capSlot, boolean trySend,
                boolean call, long buf) {
            boolean watchedPort = watchedThrough(p, slot);
            long label = watchedPort ? nextLabel++ : 7;
            int n = call ? Syscalls.CALL : trySend ? Syscalls.TRY_SEND : Syscalls.SEND;
            long r = s.sys(cpu, n, slot, label, buf, len, capSlot, 16);
            boolean accepted = call ? t.blockedOn == Tcb.ON_CALL || t.blockedOn == Tcb.ON_REPLY || t.replyHolder != null
                    || (t.state == Tcb.BLOCKED) : r == 0;
            if (watchedPort && (accepted || (t.state == Tcb.BLOCKED && t.pending != null))) {
                inFlight.add(label);
            }
        }

        void receive(int cpu, Tcb t, Process p, long slot, long buf, boolean tryOnly) {
            boolean watchedPort = watchedThrough(p, slot);
            long r = s.sys(cpu, tryOnly ? Syscalls.TRY_RECEIVE : Syscalls.RECEIVE, slot, buf, 16);
            if (!watchedPort) {
                return;
            }
            if (t.state == Tcb.BLOCKED && t.blockedOn == Tcb.ON_RECEIVE) {
                waitingReceivers.put(t, p);
            } else if (r >= 0) {
                take(t.reg(2));
            }
        }

        static boolean ours(long label) {
            return label >= FIRST_LABEL && label < dev.keel.kernel.ipc.Ipc.IRQ_LABEL;
        }

        void take(long label) {
            if (!ours(label)) {
                return;
            }
            assertTrue(inFlight.remove(label), "received a message never sent or twice: " + label);
            assertTrue(received.add(label), "received twice");
        }

        void settleWaiters() {
            for (Tcb t : new ArrayList<>(waitingReceivers.keySet())) {
                if (t.state == Tcb.BLOCKED && t.blockedOn == Tcb.ON_RECEIVE) {
                    continue;
                }
                Process owner = waitingReceivers.remove(t);
                if (t.owner == owner && t.reg(0) >= 0) {
                    take(t.reg(2));
                }
            }
        }

        void check() {
            assertFalse(s.k.panic.panicked(), () -> "panic: " + s.serial());
            settleWaiters();
            checkRightsNeverGrow();
            checkNoFrameFreeAndMapped();
            checkHighestPriorityRuns();
            checkNoMessageLost();
        }

        void checkRightsNeverGrow() {
            Capability[] now = snapshot();
            for (int g = 0; g < now.length; g++) {
                Capability was = before[g];
                Capability is = now[g];
                if (was != null && is != null && was.type() == is.type() && was.object() == is.object()) {
                    assertTrue(is.rightsWithin(was), "rights grew in slot " + g);
                }
                int parent = s.k.caps.parentOf(g);
                if (is != null && parent >= 0) {
                    assertTrue(is.rightsWithin(s.k.caps.at(parent)), "derived cap above its parent");
                }
            }
            before = now;
        }

        void checkNoFrameFreeAndMapped() {
            for (int i = 1; i < s.k.processes.count(); i++) {
                AddressSpace sp = s.k.processes.at(i).space;
                for (int r = 0; sp.root() != 0 && r < sp.regionSlots(); r++) {
                    for (int pg = 0; sp.isUsed(r) && pg < sp.regionPages(r); pg++) {
                        long e = s.k.memory.entry(sp, sp.regionStart(r) + pg * 4096L);
                        if (Pte.present(e)) {
                            assertFalse(s.k.memory.frames().isFree(Pte.frame(e)), "frame free and mapped");
                        }
                    }
                }
            }
            assertTrue(s.k.memory.invariantsHold(), "memory invariants");
        }

        void checkHighestPriorityRuns() {
            s.deliverIpis();
            for (int c = 0; c < s.k.scheduler.cpuCount(); c++) {
                PerCpu pc = s.cpu(c);
                assertTrue(pc.runQueue.highestPriority() <= pc.current.priority,
                        "cpu " + c + " runs priority " + pc.current.priority + " with "
                                + pc.runQueue.highestPriority() + " ready");
            }
        }

        void checkNoMessageLost() {
            Set<Long> inKernel = new HashSet<>();
            for (Message m = watched.head; m != null; m = m.next) {
                if (ours(m.label)) {
                    assertTrue(inKernel.add(m.label), "label queued twice");
                }
            }
            for (Tcb t = watched.senders.first(); t != null; t = t.next) {
                if (t.pending != null && ours(t.pending.label)) {
                    assertTrue(inKernel.add(t.pending.label), "label held twice");
                }
            }
            assertEquals(inFlight, inKernel, "messages sent but neither queued, held nor received");
            assertTrue(watched.live, "watched port died");
        }
    }

    /** Snapshots of capability slots, for comparing before and after a step. */
    static final class CapSnapshot {
        static Capability of(Capability c) {
            return dev.keel.kernel.cap.CapabilitySnapshots.copy(c);
        }
    }

    static Arbitrary<Transformer<Model>> steps() {
        Arbitrary<Long> any = Arbitraries.longs().between(-3, 200);
        return Combinators.combine(Arbitraries.integers().between(0, 31), Arbitraries.integers().between(0, 1),
                any, any, any, any).as((kind, cpu, a, b, c, d) -> Transformer.mutate(
                        "step(" + kind + ", cpu " + cpu + ", " + a + ", " + b + ", " + c + ", " + d + ")",
                        m -> m.step(kind, cpu, a, b, c, d)));
    }

    @Provide
    Arbitrary<ActionChain<Model>> chains() {
        return ActionChain.<Model>startWith(Model::new)
                .withAction((Action.Independent<Model>) KernelStatefulTest::steps)
                .withMaxTransformations(120);
    }

    @Property(tries = 60, seed = "42")
    void randomSyscallSequencesKeepTheKernelInvariants(@ForAll("chains") ActionChain<Model> chain) {
        Model m = chain.run();
        Statistics.label("messages received").collect(m.received.size() > 0);
        Statistics.label("processes alive").collect(liveProcesses(m));
    }

    static int liveProcesses(Model m) {
        int n = 0;
        for (int i = 1; i < m.s.k.processes.count(); i++) {
            if (m.s.k.processes.at(i).isAlive()) {
                n++;
            }
        }
        return n;
    }

    @Example
    void theModelNoticesALostMessage() {
        Model m = new Model();
        Process init = m.s.init();
        m.send(0, Sim.main(init), init, PORT_SLOT, 4, -1, false, false, Sim.BUF);
        m.check();
        Message lost = m.watched.poll();
        assertTrue(lost != null);
        assertThrows(AssertionError.class, m::checkNoMessageLost);
    }

    @Example
    void theModelNoticesRightsThatGrew() {
        Model m = new Model();
        assertEquals(0, m.s.sys(0, Syscalls.CAP_MINT, Boot.SLOT_MEMORY, 30, 1, 0, 0, 0));
        m.check();
        dev.keel.kernel.cap.CapabilityCorrupter.grantWrite(m.s.k, m.s.init().index, 30);
        assertThrows(AssertionError.class, m::checkRightsNeverGrow);
    }

    @Property(tries = 20, seed = "7")
    void longerSequencesFromAnotherSeed(@ForAll("longChains") ActionChain<Model> chain) {
        chain.run();
    }

    @Provide
    Arbitrary<ActionChain<Model>> longChains() {
        return ActionChain.<Model>startWith(Model::new)
                .withAction((Action.Independent<Model>) KernelStatefulTest::steps)
                .withMaxTransformations(400);
    }
}
