package dev.keel.user;

import dev.keel.hw.x86.Cpu;
import dev.keel.kernel.abi.Syscalls;

/**
 * The client side of the IPC exchange: three messages with send, one call answered by reply,
 * then call/reply round trips timed with the time-stamp counter. The median is the figure to
 * compare: the other programs run while ping does (a timer tick, a child's exit), and the few
 * round trips they land in move the mean by more than a change to the IPC path does.
 */
public final class Ping {

    static final int PORT = 2;
    static final int SENDS = 3;
    static final int ROUNDS = 200;
    static final long EXIT_STATUS = 7;

    private static final long BUF = Sys.SCRATCH;

    private Ping() {
    }

    /** The middle value of {@code t} (the upper one of the two middles); sorts {@code t}. */
    private static long median(long[] t) {
        for (int i = 1; i < t.length; i++) {
            long v = t[i];
            int j = i - 1;
            while (j >= 0 && t[j] > v) {
                t[j + 1] = t[j];
                j--;
            }
            t[j + 1] = v;
        }
        return t[t.length / 2];
    }

    /** getpid, the cheapest system call: the cost of entering and leaving the kernel. */
    private static void nullCalls() {
        long total = 0;
        for (int i = 0; i < ROUNDS; i++) {
            long t0 = Cpu.rdtsc();
            Sys.call0(Syscalls.GETPID);
            total += Cpu.rdtsc() - t0;
        }
        Sys.line("ping: ");
        Sys.num(ROUNDS);
        Sys.print(" getpid calls, ");
        Sys.num(total / ROUNDS);
        Sys.print(" cycles mean\n");
    }

    public static long main(long argsPtr, long argsLen, long envPtr, long envLen) {
        if (Sys.mapScratch() < 0) {
            return 1;
        }
        for (int i = 1; i <= SENDS; i++) {
            int len = Sys.put(BUF, "ping ");
            dev.keel.hw.x86.PhysicalMemory.store8(BUF + len, '0' + i);
            long e = dev.keel.hw.x86.Syscall.invoke(Syscalls.SEND, PORT, 100 + i, BUF, len + 1, -1, 0);
            if (e < 0) {
                return 2;
            }
        }
        Sys.line("ping: sent 3 messages\n");
        int len = Sys.put(BUF, "are you there?");
        long r = dev.keel.hw.x86.Syscall.invoke(Syscalls.CALL, PORT, 200, BUF, len, -1, 64);
        if (r < 0) {
            return 3;
        }
        Sys.line("ping: call answered: \"");
        Sys.printBytes(BUF, r);
        Sys.print("\" label ");
        Sys.num(Sys.result(2));
        Sys.end();
        long best = Long.MAX_VALUE;
        long total = 0;
        long[] times = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long t0 = Cpu.rdtsc();
            r = dev.keel.hw.x86.Syscall.invoke(Syscalls.CALL, PORT, 300, BUF, 8, -1, 8);
            long dt = Cpu.rdtsc() - t0;
            if (r < 0) {
                return 4;
            }
            total += dt;
            best = Math.min(best, dt);
            times[i] = dt;
        }
        Sys.line("ping: ");
        Sys.num(ROUNDS);
        Sys.print(" call/reply round trips, ");
        Sys.num(total / ROUNDS);
        Sys.print(" cycles mean, ");
        Sys.num(median(times));
        Sys.print(" cycles median, ");
        Sys.num(best);
        Sys.print(" cycles best\n");
        nullCalls();
        return EXIT_STATUS;
    }
}
