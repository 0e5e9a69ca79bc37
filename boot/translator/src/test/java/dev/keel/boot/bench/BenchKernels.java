package dev.keel.boot.bench;

import dev.keel.boot.corpus.CapTable;
import dev.keel.boot.corpus.PageTable;
import dev.keel.boot.corpus.RunQueue;
import dev.keel.boot.translate.Console;

/**
 * The benchmark set as one translatable program: in[0] picks the kernel (0 capability lookup,
 * 1 run-queue operations, 2 page-table walk), in[1] the number of rounds. Prints a checksum so
 * the work cannot be optimized away and JVM and native results can be compared.
 */
public final class BenchKernels {

    /** Operations per round of each kernel. */
    public static final int[] OPS_PER_ROUND = {64, 1, 64};
    public static final String[] NAMES = {"capability lookup", "run-queue op", "page-table walk"};

    private BenchKernels() {
    }

    public static long work(int which, int rounds) {
        if (which == 0) {
            return CapTable.lookups(CapTable.populated(), rounds);
        }
        if (which == 1) {
            return RunQueue.schedule(20, rounds);
        }
        return PageTable.walks(PageTable.mapped(), rounds);
    }

    public static void run(long[] in) {
        Console.print(work((int) in[0], (int) in[1]));
        Console.println();
    }
}
