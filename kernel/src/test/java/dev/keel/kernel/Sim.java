package dev.keel.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import dev.keel.hw.sim.SimMachine;
import dev.keel.kernel.abi.ProcessSpec;
import dev.keel.kernel.abi.Syscalls;
import dev.keel.kernel.proc.ElfBuilder;
import dev.keel.kernel.proc.Process;
import dev.keel.kernel.sched.PerCpu;
import dev.keel.kernel.sched.Tcb;

/**
 * Test harness: a booted kernel on a simulated machine, and helpers that play the part of user
 * programs (which the simulated CPUs do not execute): a system call is made on behalf of the thread
 * a CPU currently runs.
 */
public final class Sim {

    public static final int RAM = 4 << 20;
    /** A scratch buffer every test process maps here. */
    public static final long BUF = 0x20000000L;
    public static final int BUF_PAGES = 4;

    public final SimMachine machine;
    public final Kernel k;

    public Sim() {
        this(1);
    }

    public Sim(int cpus) {
        this(cpus, KernelConfig.standard());
    }

    public Sim(int cpus, KernelConfig config) {
        this(cpus, config, Map.of());
    }

    /** A machine whose boot modules are the standard three plus {@code extra} (name to file). */
    public Sim(int cpus, KernelConfig config, Map<String, byte[]> extra) {
        machine = new SimMachine(cpus, RAM);
        machine.addModule(bytes("init"), executable(image(3 * 4096 + 100, 1)));
        machine.addModule(bytes("server"), executable(image(4096, 2)));
        machine.addModule(bytes("child"), executable(image(2 * 4096, 3)));
        for (Map.Entry<String, byte[]> m : new TreeMap<>(extra).entrySet()) {
            assertTrue(machine.addModule(bytes(m.getKey()), m.getValue()), "module fits");
        }
        Kernel kernel = Boot.boot(machine, config, true);
        assertNotNull(kernel, "boot");
        k = kernel;
        assertEquals(BUF, sys(0, Syscalls.MMAP, Boot.SLOT_MEMORY, BUF, BUF_PAGES, 1), "mmap scratch");
    }

    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** An ELF64 executable loading {@code image} at IMAGE_BASE, read-write-execute, entry at its start. */
    public static byte[] executable(byte[] image) {
        return ElfBuilder.flat(ProcessSpec.IMAGE_BASE, image);
    }

    /** An image of {@code n} bytes whose byte i is (i * 7 + seed) mod 251. */
    public static byte[] image(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ((i * 7 + seed) % 251);
        }
        return b;
    }

    public PerCpu cpu(int i) {
        return k.scheduler.cpu(i);
    }

    public Tcb current(int cpu) {
        return cpu(cpu).current;
    }

    public Process init() {
        Process p = k.processes.init();
        assertNotNull(p);
        return p;
    }

    /** A system call by the current thread of {@code cpu}, then pending IPIs are delivered. */
    public long sys(int cpu, int n, long... a) {
        long[] x = new long[6];
        System.arraycopy(a, 0, x, 0, Math.min(a.length, 6));
        long r = Entry.syscall(k, cpu, n, x[0], x[1], x[2], x[3], x[4], x[5]);
        deliverIpis();
        return r;
    }

    public void deliverIpis() {
        for (int round = 0; round < 4; round++) {
            for (int c = 0; c < machine.cpuCount(); c++) {
                if (machine.simInterrupts().takeIpi(c)) {
                    Entry.ipi(k, c);
                }
            }
        }
    }

    public void tick(int cpu) {
        Entry.timer(k, cpu);
        deliverIpis();
    }

    /** Makes {@code t} the current thread of its CPU by having the others yield (bounded). */
    public int runAs(Tcb t) {
        int c = t.cpu;
        for (int i = 0; i < 64 && current(c) != t; i++) {
            if (current(c).owner != null) {
                sys(c, Syscalls.YIELD);
            } else {
                Entry.ipi(k, c);
            }
        }
        assertEquals(t, current(c), "could not run thread " + t.id);
        return c;
    }

    /** The main (first) thread of {@code p}. */
    public static Tcb main(Process p) {
        for (Tcb t : p.threads) {
            if (t != null) {
                return t;
            }
        }
        throw new AssertionError("process " + p.pid + " has no thread");
    }

    /** A system call by thread {@code t}, made current first. */
    public long as(Tcb t, int n, long... a) {
        return sys(runAs(t), n, a);
    }

    public long as(Process p, int n, long... a) {
        return as(main(p), n, a);
    }

    /** Writes {@code data} into {@code p}'s memory at {@code va} (as the program would). */
    public void poke(Process p, long va, byte[] data) {
        assertEquals(0, k.user.check(p.space, va, data.length, true), "poke range");
        assertEquals(0, k.user.prepare(p.space, va, data.length, true), "poke prepare");
        k.user.copyOut(p.space, va, data, 0, data.length);
    }

    public void pokeLongs(Process p, long va, long... words) {
        byte[] b = new byte[words.length * 8];
        for (int i = 0; i < words.length; i++) {
            for (int j = 0; j < 8; j++) {
                b[i * 8 + j] = (byte) (words[i] >> (8 * j));
            }
        }
        poke(p, va, b);
    }

    public byte[] peek(Process p, long va, int n) {
        byte[] b = new byte[n];
        assertEquals(0, k.user.check(p.space, va, n, false), "peek range");
        assertEquals(0, k.user.prepare(p.space, va, n, false), "peek prepare");
        k.user.copyIn(p.space, va, b, 0, n);
        return b;
    }

    /**
     * create_process from {@code parent}: module {@code name}, the given initial cap slots, memory
     * from the parent's slot 0, {@code priority}; process cap into {@code procSlot} (or -1).
     * Returns the child, failing the test when the call fails.
     */
    public Process spawn(Process parent, String name, long[] caps, int priority, long procSlot) {
        long r = spawnRaw(parent, name, "a\0b", "K=V", caps, priority, procSlot, Boot.SLOT_MEMORY);
        assertTrue(r > 0, "create_process failed: " + r);
        Process c = k.processes.byPid(r);
        assertNotNull(c);
        return c;
    }

    public long spawnRaw(Process parent, String name, String args, String env, long[] caps,
            int priority, long procSlot, long memSlot) {
        long spec = BUF;
        long nameAt = BUF + 256;
        long argsAt = BUF + 512;
        long envAt = BUF + 1024;
        long capsAt = BUF + 1536;
        poke(parent, nameAt, bytes(name));
        poke(parent, argsAt, bytes(args));
        poke(parent, envAt, bytes(env));
        if (caps.length > 0) {
            pokeLongs(parent, capsAt, caps);
        }
        pokeLongs(parent, spec, nameAt, name.length(), argsAt, args.length(), envAt, env.length(),
                capsAt, caps.length, memSlot, priority);
        return as(parent, Syscalls.CREATE_PROCESS, spec, procSlot);
    }

    /** Maps the scratch buffer into {@code p} (needs a memory cap in slot {@code memSlot}). */
    public void mapScratch(Process p, long memSlot) {
        assertEquals(BUF, as(p, Syscalls.MMAP, memSlot, BUF, BUF_PAGES, 1));
    }

    public String serial() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < machine.simSerial().outputLength(); i++) {
            sb.append((char) machine.simSerial().outputAt(i));
        }
        return sb.toString();
    }

    public void assertHealthy() {
        assertTrue(!k.panic.panicked(), "kernel panicked: " + serial());
        assertTrue(SelfCheck.run(k), "self-check: " + serial());
        assertEquals(0, machine.simMemory().busErrors(), "bus errors");
    }

    /**
     * Boots {@code machine} with one init module (a four-page program), with the machine's trace
     * sink switched on first when {@code trace}.
     */
    public static Kernel bootInitOnly(SimMachine machine, boolean trace) {
        machine.addModule(bytes("init"), executable(image(3 * 4096 + 100, 1)));
        if (trace) {
            machine.simTrace().enable();
        }
        Kernel kernel = Boot.boot(machine, KernelConfig.standard(), false);
        assertNotNull(kernel);
        return kernel;
    }

    /** The non-empty lines the kernel wrote to {@code machine}'s trace sink that start with {@code prefix}. */
    public static java.util.List<String> traceLines(SimMachine machine, String prefix) {
        dev.keel.hw.sim.SimTraceSink s = machine.simTrace();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            b.append((char) s.at(i));
        }
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String l : b.toString().split("\n")) {
            if (!l.isEmpty() && l.startsWith(prefix)) {
                out.add(l);
            }
        }
        return out;
    }
}
