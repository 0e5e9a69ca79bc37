package dev.keel.kernel.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.keel.kernel.Boot;
import dev.keel.kernel.Entry;
import dev.keel.kernel.Sim;
import dev.keel.kernel.abi.MetricKinds;
import dev.keel.kernel.abi.Syscalls;
import dev.keel.kernel.proc.Process;

class MetricsTest {

    @Test
    void bucketsArePowersOfTwo() {
        assertEquals(0, Metrics.bucket(0));
        assertEquals(0, Metrics.bucket(1));
        assertEquals(1, Metrics.bucket(2));
        assertEquals(1, Metrics.bucket(3));
        assertEquals(10, Metrics.bucket(1024));
        assertEquals(MetricKinds.BUCKETS - 1, Metrics.bucket(Long.MAX_VALUE));
    }

    @Test
    void contextSwitchesAreCountedAndReadableThroughASyscall() {
        Sim s = new Sim();
        Process init = s.init();
        long before = s.sys(0, Syscalls.METRICS_READ, MetricKinds.CONTEXT_SWITCHES, -1);
        Process other = s.spawn(init, "child", new long[0], 10, -1);
        s.runAs(Sim.main(other));
        long after = s.as(other, Syscalls.METRICS_READ, MetricKinds.CONTEXT_SWITCHES, 0);
        assertTrue(after >= before + 1, before + " -> " + after);
    }

    @Test
    void everySyscallIsCountedWithItsLatencyInCycles() {
        Sim s = new Sim();
        for (int i = 0; i < 5; i++) {
            s.sys(0, Syscalls.GETPID);
        }
        assertEquals(5, s.sys(0, Syscalls.METRICS_READ, MetricKinds.SYSCALL_COUNT, Syscalls.GETPID));
        long sum = 0;
        for (int b = 0; b < MetricKinds.BUCKETS; b++) {
            sum += s.k.metrics.read(MetricKinds.SYSCALL_LATENCY, Syscalls.GETPID * MetricKinds.BUCKETS + b);
        }
        assertEquals(5, sum, "one latency sample per call");
        long cycles = 7;
        assertTrue(s.k.metrics.read(MetricKinds.SYSCALL_LATENCY,
                Syscalls.GETPID * MetricKinds.BUCKETS + Metrics.bucket(cycles)) >= 1,
                "latency from the cycle counter lands in its bucket");
    }

    @Test
    void pageFaultsAreSortedByKindWithALatencyHistogram() {
        Sim s = new Sim();
        s.sys(0, Syscalls.MMAP, Boot.SLOT_MEMORY, 0x30000000L, 4, 1);
        Entry.pageFault(s.k, 0, 0x30000000L, false);
        Entry.pageFault(s.k, 0, 0x30001000L, true);
        Entry.pageFault(s.k, 0, 0x30001000L, true);
        assertEquals(2, s.sys(0, Syscalls.METRICS_READ, MetricKinds.PAGE_FAULTS, 0), "demand");
        assertEquals(1, s.sys(0, Syscalls.METRICS_READ, MetricKinds.PAGE_FAULTS, 2), "spurious");
        long total = 0;
        for (int b = 0; b < MetricKinds.BUCKETS; b++) {
            total += s.sys(0, Syscalls.METRICS_READ, MetricKinds.PAGE_FAULT_LATENCY, b);
        }
        assertEquals(3, total);
    }

    @Test
    void idleEntriesWakeupsAndTicksArePerCpu() {
        Sim s = new Sim(2);
        Entry.timer(s.k, 1);
        Entry.timer(s.k, 1);
        assertEquals(2, s.sys(0, Syscalls.METRICS_READ, MetricKinds.TICKS, 1));
        assertEquals(0, s.sys(0, Syscalls.METRICS_READ, MetricKinds.TICKS, 0));
        assertTrue(s.sys(0, Syscalls.METRICS_READ, MetricKinds.FREE_FRAMES, 0) > 0);
    }
}
