package dev.keel.boot.corpus;

import dev.keel.boot.translate.Console;

/**
 * A kernel-like scheduler run queue: one circular FIFO per priority level, a bitmap of
 * non-empty levels, and pick-highest in constant time.
 */
public final class RunQueue {

    static final int LEVELS = 32;
    static final int CAPACITY = 64;

    static final class Tcb {
        final int id;
        int priority;
        int runs;

        Tcb(int id, int priority) {
            this.id = id;
            this.priority = priority;
        }
    }

    private final Tcb[][] queues = new Tcb[LEVELS][CAPACITY];
    private final int[] head = new int[LEVELS];
    private final int[] count = new int[LEVELS];
    private int bitmap;

    boolean enqueue(Tcb t) {
        int p = t.priority;
        if (count[p] == CAPACITY) {
            return false;
        }
        queues[p][(head[p] + count[p]) % CAPACITY] = t;
        count[p]++;
        bitmap |= 1 << p;
        return true;
    }

    Tcb dequeueHighest() {
        if (bitmap == 0) {
            return null;
        }
        int p = 31 - Integer.numberOfLeadingZeros(bitmap);
        Tcb t = queues[p][head[p]];
        queues[p][head[p]] = null;
        head[p] = (head[p] + 1) % CAPACITY;
        count[p]--;
        if (count[p] == 0) {
            bitmap &= ~(1 << p);
        }
        return t;
    }

    int size() {
        int n = 0;
        for (int c : count) {
            n += c;
        }
        return n;
    }

    /** The benchmark body: round-robin scheduling of {@code threads} threads. */
    public static long schedule(int threads, int rounds) {
        RunQueue q = new RunQueue();
        for (int i = 0; i < threads; i++) {
            q.enqueue(new Tcb(i, i % 8));
        }
        long acc = 0;
        for (int r = 0; r < rounds; r++) {
            Tcb t = q.dequeueHighest();
            t.runs++;
            acc += t.id * 31L + r;
            if ((r & 7) == 0) {
                t.priority = (t.priority + 1) & 7;
            }
            q.enqueue(t);
        }
        return acc;
    }

    public static void run(long[] in) {
        RunQueue q = new RunQueue();
        for (int i = 0; i < 10; i++) {
            Console.print(q.enqueue(new Tcb(i, (i * 7) % 5)));
        }
        Console.println();
        for (Tcb t = q.dequeueHighest(); t != null; t = q.dequeueHighest()) {
            Console.print(t.id);
            Console.print("/");
            Console.print(t.priority);
            Console.print(" ");
        }
        Console.println();
        for (int i = 0; i < in.length; i++) {
            int p = (int) (in[i] & 31);
            if ((in[i] & 32) != 0) {
                Tcb t = q.dequeueHighest();
                Console.print(t == null ? -1 : t.id);
            } else {
                Console.print(q.enqueue(new Tcb(i, p)));
            }
            Console.print(" ");
        }
        Console.print(q.size());
        Console.println();
        Console.print(schedule(20, 1000));
        Console.println();
    }
}
