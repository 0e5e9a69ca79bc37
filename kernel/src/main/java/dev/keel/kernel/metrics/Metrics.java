package dev.keel.kernel.metrics;

import dev.keel.kernel.abi.MetricKinds;
import dev.keel.kernel.abi.Syscalls;
import org.checkerframework.checker.index.qual.IndexFor;

/**
 * Kernel-wide counters and histograms, as in the seed's KernelMetrics: page faults by kind and by
 * latency, and per-syscall counts and latency histograms in cycles of the hardware clock.
 * Context switches, idle entries and wakeups are counted per CPU (in PerCpu) and summed on read.
 * Buckets are powers of two: bucket b holds values in [2^b, 2^(b+1)), bucket 0 also holds 0.
 */
public final class Metrics {

    /*@ spec_public @*/ private final long[] pageFaults = new long[4];
    /*@ spec_public @*/ private final long[] pageFaultLatency = new long[MetricKinds.BUCKETS];
    /*@ spec_public @*/ private final long[] syscallCount = new long[Syscalls.COUNT];
    /*@ spec_public @*/ private final long[] syscallLatency = new long[Syscalls.COUNT * MetricKinds.BUCKETS];
    /*@ spec_public @*/ private long restarts;
    /*@ spec_public @*/ private long faultKills;

    // Counters are never negative (they start at 0 and stop at the largest long).
    //@ public invariant 0 <= restarts && restarts <= Long.MAX_VALUE && 0 <= faultKills && faultKills <= Long.MAX_VALUE;
    //@ public invariant (\forall int j; 0 <= j && j < pageFaults.length; 0 <= pageFaults[j] && pageFaults[j] <= Long.MAX_VALUE);
    //@ public invariant (\forall int j; 0 <= j && j < pageFaultLatency.length; 0 <= pageFaultLatency[j] && pageFaultLatency[j] <= Long.MAX_VALUE);
    //@ public invariant (\forall int j; 0 <= j && j < syscallCount.length; 0 <= syscallCount[j] && syscallCount[j] <= Long.MAX_VALUE);
    //@ public invariant (\forall int j; 0 <= j && j < syscallLatency.length; 0 <= syscallLatency[j] && syscallLatency[j] <= Long.MAX_VALUE);
    //@ public invariant pageFaults.length == 4 && pageFaultLatency.length == MetricKinds.BUCKETS;
    //@ public invariant syscallCount.length == Syscalls.COUNT && syscallLatency.length == Syscalls.COUNT * MetricKinds.BUCKETS;
    //@ public invariant pageFaults != pageFaultLatency && syscallCount != syscallLatency;
    //@ public invariant pageFaults != syscallCount && pageFaults != syscallLatency;
    //@ public invariant pageFaultLatency != syscallCount && pageFaultLatency != syscallLatency;

    /** The bucket of {@code cycles}: floor(log2(cycles)), at most BUCKETS - 1. */
    /*@ public normal_behavior
      @ ensures 0 <= \result && \result < MetricKinds.BUCKETS;
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ int bucket(long cycles) {
        int b = 0;
        long v = cycles;
        /*@ loop_invariant 0 <= b && b <= MetricKinds.BUCKETS - 1;
          @ decreases MetricKinds.BUCKETS - 1 - b;
          @ assignable \strictly_nothing;
          @*/
        while (v > 1 && b < MetricKinds.BUCKETS - 1) {
            v = v / 2;
            b++;
        }
        return b;
    }

    /** Records one system call {@code number} that took {@code cycles}. */
    /*@ public normal_behavior
      @ assignable syscallCount[*], syscallLatency[*];
      @*/
    public void syscall(int number, long cycles) {
        if (number < 0) {
            return;
        }
        if (number >= syscallCount.length) {
            return;
        }
        bump(syscallCount, number);
        // In long: the index is checked against the array below, the sum must not wrap first.
        int b = bucket(cycles);
        // The product of the two bounds, spelled out: the prover does not multiply inequalities.
        //@ assert 0 <= number * MetricKinds.BUCKETS + b && number * MetricKinds.BUCKETS + b < Syscalls.COUNT * MetricKinds.BUCKETS;
        long at = (long) number * (long) MetricKinds.BUCKETS + (long) b;
        if (at >= 0) {
            if (at < syscallLatency.length) {
                bump(syscallLatency, (int) at);
            }
        }
    }

    /** Records a page fault of {@code kind} (0..3) that took {@code cycles}. */
    /*@ public normal_behavior
      @ assignable pageFaults[*], pageFaultLatency[*];
      @*/
    public void pageFault(int kind, long cycles) {
        // One if per bound: the prover splits an if at once, a && only when it has to.
        if (kind >= 0) {
            if (kind < pageFaults.length) {
                bump(pageFaults, kind);
            }
        }
        int b = bucket(cycles);
        if (b >= 0) {
            if (b < pageFaultLatency.length) {
                bump(pageFaultLatency, b);
            }
        }
    }

    /**
     * Counts one more in {@code a[i]}, through inc. The range of the whole array is its contract,
     * so the caller meets its invariant's quantifier word for word instead of showing it again
     * over a stored conditional value.
     */
    /*@ private normal_behavior
      @ requires 0 <= i && i < a.length;
      @ requires (\forall int j; 0 <= j && j < a.length; 0 <= a[j] && a[j] <= Long.MAX_VALUE);
      @ ensures (\forall int j; 0 <= j && j < a.length; 0 <= a[j] && a[j] <= Long.MAX_VALUE);
      @ assignable a[i];
      @*/
    /*@ helper @*/ private static void bump(long[] a, @IndexFor("#1") int i) {
        a[i] = inc(a[i]);
    }

    /*@ public normal_behavior
      @ ensures restarts == (\old(restarts) < Long.MAX_VALUE ? \old(restarts) + 1 : \old(restarts));
      @ assignable restarts;
      @*/
    public void restart() {
        restarts = inc(restarts);
    }

    /*@ public normal_behavior
      @ ensures faultKills == (\old(faultKills) < Long.MAX_VALUE ? \old(faultKills) + 1 : \old(faultKills));
      @ assignable faultKills;
      @*/
    public void faultKill() {
        faultKills = inc(faultKills);
    }

    /**
     * A counter plus one. Counters stop at the largest long instead of wrapping: a wrapped
     * counter would read as a negative count.
     */
    /*@ private normal_behavior
      @ ensures \result == (n < Long.MAX_VALUE ? n + 1 : n);
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure @*/ long inc(long n) {
        return n < Long.MAX_VALUE ? n + 1 : n;
    }

    /**
     * The value of {@code index} in the array of {@code kind} kept here; -1 when out of range.
     * A helper that needs only its arrays: it changes nothing, so the invariant holds after it
     * without its callers showing the whole of it again before.
     */
    /*@ public normal_behavior
      @ requires pageFaults != null && pageFaultLatency != null;
      @ requires syscallCount != null && syscallLatency != null;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public long read(int kind, long index) {
        if (kind == MetricKinds.PAGE_FAULTS) {
            return at(pageFaults, index);
        }
        if (kind == MetricKinds.PAGE_FAULT_LATENCY) {
            return at(pageFaultLatency, index);
        }
        if (kind == MetricKinds.SYSCALL_COUNT) {
            return at(syscallCount, index);
        }
        if (kind == MetricKinds.SYSCALL_LATENCY) {
            return at(syscallLatency, index);
        }
        if (kind == MetricKinds.RESTARTS) {
            return restarts;
        }
        return kind == MetricKinds.FAULT_KILLS ? faultKills : -1;
    }

    private static long at(long[] a, long i) {
        return i >= 0 && i < a.length ? a[(int) i] : -1;
    }
}
