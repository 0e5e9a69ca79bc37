package dev.keel.kernel.recovery;

import org.checkerframework.checker.index.qual.IndexFor;
import org.checkerframework.checker.index.qual.NonNegative;

/**
 * Processes registered as services: restarted automatically, with their initial capabilities,
 * when they die; each has a checkpoint area that survives the restart. The initial capabilities
 * are kept as derived copies in the kernel's own row of the capability space (process entry 0),
 * so revoking the originals revokes the kept copies too.
 */
public final class ServiceTable {

    /** Restarts after which a service that keeps dying is left dead. */
    public static final int MAX_RESTARTS = 8;

    /*@ spec_public @*/ private final boolean[] live;
    /*@ spec_public @*/ private final int[] process;
    /*@ spec_public @*/ private final int[] module;
    /*@ spec_public @*/ private final int[] priority;
    /*@ spec_public @*/ private final int[] memory;
    /*@ spec_public @*/ private final int[] firstKept;
    /*@ spec_public @*/ private final int[] keptCount;
    /*@ spec_public @*/ private final int[] restarts;
    /*@ spec_public @*/ private final byte[][] checkpoint;
    /*@ spec_public @*/ private final int[] checkpointLength;
    /** Returned for an invalid record, and the (empty) args of a restarted service. */
    /*@ spec_public @*/ private final byte[] none = new byte[0];

    //@ public invariant live.length == process.length && process.length == checkpoint.length;
    //@ public invariant module.length == live.length && priority.length == live.length && memory.length == live.length;
    //@ public invariant firstKept.length == live.length && keptCount.length == live.length;
    //@ public invariant restarts.length == live.length && checkpointLength.length == live.length;
    //@ public invariant none.length == 0;
    // The int records are distinct arrays: writing one leaves the others as they were.
    //@ public invariant process != module && process != priority && process != memory && process != firstKept && process != keptCount && process != restarts && process != checkpointLength;
    //@ public invariant module != priority && module != memory && module != firstKept && module != keptCount && module != restarts && module != checkpointLength;
    //@ public invariant priority != memory && priority != firstKept && priority != keptCount && priority != restarts && priority != checkpointLength;
    //@ public invariant memory != firstKept && memory != keptCount && memory != restarts && memory != checkpointLength;
    //@ public invariant firstKept != keptCount && firstKept != restarts && firstKept != checkpointLength;
    //@ public invariant keptCount != restarts && keptCount != checkpointLength && restarts != checkpointLength;
    // Recovery restarts a service at most MAX_RESTARTS times (it retires it instead).
    //@ public invariant (\forall int j; 0 <= j && j < restarts.length; 0 <= restarts[j] && restarts[j] <= MAX_RESTARTS);

    /*@ public normal_behavior
      @ requires count > 0 && bytes >= 0;
      @ assignable \nothing;
      @*/
    public ServiceTable(int count, int bytes) {
        int n = count < 1 ? 1 : count;
        live = flags(n);
        process = record(n);
        module = record(n);
        priority = record(n);
        memory = record(n);
        firstKept = record(n);
        keptCount = record(n);
        restarts = zeroed(n);
        checkpointLength = record(n);
        checkpoint = areas(n, bytes < 0 ? 0 : bytes);
    }

    // One array per record field, each made by a call: the constructor's proof then meets each
    // array once, as a fresh object of the right length, instead of unfolding ten creations.

    /** A new record flag of {@code n} entries. */
    /*@ private normal_behavior
      @ requires n > 0;
      @ ensures \result.length == n && \fresh(\result);
      @ assignable \nothing;
      @*/
    private static boolean[] flags(@NonNegative int n) {
        return new boolean[n];
    }

    /** A new record field of {@code n} entries. */
    /*@ private normal_behavior
      @ requires n > 0;
      @ ensures \result.length == n && \fresh(\result);
      @ assignable \nothing;
      @*/
    private static int[] record(@NonNegative int n) {
        return new int[n];
    }

    /** A new record field of {@code n} entries, each 0. */
    /*@ private normal_behavior
      @ requires n > 0;
      @ ensures \result.length == n && \fresh(\result);
      @ ensures (\forall int j; 0 <= j && j < n; \result[j] == 0);
      @ assignable \nothing;
      @*/
    private static int[] zeroed(@NonNegative int n) {
        return new int[n];
    }

    /** {@code n} checkpoint areas of {@code bytes} bytes each. */
    /*@ private normal_behavior
      @ requires n > 0 && bytes >= 0;
      @ ensures \result.length == n && \fresh(\result);
      @ ensures (\forall int j; 0 <= j && j < n; \result[j] != null && \result[j].length == bytes);
      @ assignable \nothing;
      @*/
    private static byte[][] areas(@NonNegative int n, @NonNegative int bytes) {
        byte[][] a = new byte[n][];
        /*@ loop_invariant 0 <= i && i <= n && a.length == n && \fresh(a);
          @ loop_invariant (\forall int j; 0 <= j && j < i; a[j] != null && a[j].length == bytes);
          @ assignable a[*];
          @ decreases n - i;
          @*/
        for (int i = 0; i < n; i++) {
            a[i] = new byte[bytes];
        }
        return a;
    }

    /*@ public normal_behavior
      @ ensures \result == live.length;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int size() {
        return live.length;
    }

    /** A free record, or -1. */
    /*@ public normal_behavior
      @ ensures \result == -1 || (0 <= \result && \result < live.length);
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int free() {
        /*@ loop_invariant 0 <= i && i <= live.length;
          @ assignable \strictly_nothing;
          @ decreases live.length - i;
          @*/
        for (int i = 0; i < live.length; i++) {
            if (!live[i]) {
                return i;
            }
        }
        return -1;
    }

    /** Fills record {@code i}; kept capabilities are in kernel slots [first, first + count). */
    /*@ public normal_behavior
      @ requires 0 <= i && i < live.length;
      @ ensures isLive(i) && processOf(i) == proc;
      @ ensures live[i] && process[i] == proc && module[i] == mod && priority[i] == prio && memory[i] == mem;
      @ ensures firstKept[i] == first && keptCount[i] == count && restarts[i] == 0 && checkpointLength[i] == 0;
      @ assignable live[i], process[i], module[i], priority[i], memory[i], firstKept[i], keptCount[i],
      @            restarts[i], checkpointLength[i];
      @*/
    public void register(int i, int proc, int mod, int prio, int mem, int first, int count) {
        if (i < 0 || i >= live.length || i >= process.length || i >= module.length
                || i >= priority.length || i >= memory.length || i >= firstKept.length
                || i >= keptCount.length || i >= restarts.length || i >= checkpointLength.length) {
            return;
        }
        live[i] = true;
        process[i] = proc;
        module[i] = mod;
        priority[i] = prio;
        memory[i] = mem;
        firstKept[i] = first;
        keptCount[i] = count;
        restarts[i] = 0;
        checkpointLength[i] = 0;
    }

    /*@ public normal_behavior
      @ ensures \result == (i >= 0 && i < live.length && live[i]);
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ boolean isLive(int i) {
        return i >= 0 && i < live.length && live[i];
    }

    /*@ public normal_behavior
      @ assignable live[*];
      @*/
    public void retire(int i) {
        if (i >= 0 && i < live.length) {
            live[i] = false;
        }
    }

    /*@ public normal_behavior
      @ ensures \result == (i >= 0 && i < process.length ? process[i] : -1);
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int processOf(int i) {
        return i >= 0 && i < process.length ? process[i] : -1;
    }

    /*@ public normal_behavior
      @ assignable process[*];
      @*/
    public void setProcess(int i, int proc) {
        if (i >= 0 && i < process.length) {
            process[i] = proc;
        }
    }

    /*@ public normal_behavior
      @ ensures \result == (i >= 0 && i < module.length ? module[i] : -1);
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int moduleOf(int i) {
        return i >= 0 && i < module.length ? module[i] : -1;
    }

    /*@ public normal_behavior
      @ ensures \result == (i >= 0 && i < priority.length ? priority[i] : 0);
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int priorityOf(int i) {
        return i >= 0 && i < priority.length ? priority[i] : 0;
    }

    /*@ public normal_behavior
      @ ensures \result == (i >= 0 && i < memory.length ? memory[i] : 0);
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int memoryOf(int i) {
        return i >= 0 && i < memory.length ? memory[i] : 0;
    }

    /*@ public normal_behavior
      @ ensures \result == (i >= 0 && i < firstKept.length ? firstKept[i] : 0);
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int firstKept(int i) {
        return i >= 0 && i < firstKept.length ? firstKept[i] : 0;
    }

    /*@ public normal_behavior
      @ ensures \result == (i >= 0 && i < keptCount.length ? keptCount[i] : 0);
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int keptCount(int i) {
        return i >= 0 && i < keptCount.length ? keptCount[i] : 0;
    }

    /*@ public normal_behavior
      @ ensures \result == (i >= 0 && i < restarts.length ? restarts[i] : 0);
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int restarts(int i) {
        return i >= 0 && i < restarts.length ? restarts[i] : 0;
    }

    /** Counts a restart of record {@code i}; the count stops at MAX_RESTARTS, Recovery's limit. */
    /*@ public normal_behavior
      @ requires 0 <= i && i < restarts.length && restarts[i] < MAX_RESTARTS;
      @ ensures restarts[i] == \old(restarts[i]) + 1;
      @ assignable restarts[i];
      @ also public normal_behavior
      @ requires !(0 <= i && i < restarts.length && restarts[i] < MAX_RESTARTS);
      @ assignable \nothing;
      @*/
    public void countRestart(int i) {
        if (i >= 0 && i < restarts.length && restarts[i] < MAX_RESTARTS) {
            restarts[i]++;
        }
    }

    /** The checkpoint buffer of record {@code i} (fixed size). */
    /*@ public normal_behavior
      @ requires 0 <= i && i < checkpoint.length;
      @ ensures \result == checkpoint[i];
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ byte[] checkpoint(int i) {
        if (i < 0 || i >= checkpoint.length) {
            return none;
        }
        return checkpoint[i];
    }

    /** An empty byte array, allocated at boot. */
    /*@ public normal_behavior
      @ ensures \result == none && \result.length == 0;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ byte[] none() {
        return none;
    }

    /*@ public normal_behavior
      @ ensures \result == (i >= 0 && i < checkpointLength.length ? checkpointLength[i] : 0);
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int checkpointLength(int i) {
        return i >= 0 && i < checkpointLength.length ? checkpointLength[i] : 0;
    }

    // A helper: no invariant reads an element of checkpointLength, so the write keeps them all,
    // and a caller that has just written other arrays need not show this object's invariant.
    /*@ public normal_behavior
      @ requires checkpointLength != null;
      @ ensures 0 <= i && i < checkpointLength.length ==> checkpointLength[i] == n;
      @ assignable checkpointLength[*];
      @*/
    /*@ helper @*/ public void setCheckpointLength(int i, int n) {
        if (i >= 0 && i < checkpointLength.length) {
            checkpointLength[i] = n;
        }
    }

    /** True when kernel slot {@code slot} is used by some live record's kept capabilities. */
    /*@ public normal_behavior
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ boolean slotKept(int slot) {
        return kept(live, firstKept, keptCount, slot);
    }

    /** True when some live record among {@code live} keeps {@code slot}. */
    /*@ private normal_behavior
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private static boolean kept(boolean[] live, int[] first, int[] count, int slot) {
        /*@ loop_invariant 0 <= i && i <= live.length;
          @ assignable \strictly_nothing;
          @ decreases live.length - i;
          @*/
        for (int i = 0; i < live.length && i < first.length && i < count.length; i++) {
            // In long: first + count of a corrupted record must not wrap around.
            if (live[i] && slot >= element(first, i) && slot < end(element(first, i), element(count, i))) {
                return true;
            }
        }
        return false;
    }

    /** first + count, in long: the sum of two ints does not wrap there. */
    /*@ private normal_behavior
      @ ensures \result == (long) first + (long) count;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private static long end(int first, int count) {
        //@ assert Long.MIN_VALUE <= (long) first + count && (long) first + count <= Long.MAX_VALUE;
        return (long) first + (long) count;
    }

    /**
     * {@code a[i]}, read through a call: the prover knows the range of an int result, not of an
     * int array's element.
     */
    /*@ private normal_behavior
      @ requires 0 <= i && i < a.length;
      @ ensures \result == a[i];
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private static int element(int[] a, @IndexFor("#1") int i) {
        return a[i];
    }
}
