package dev.keel.user;

import dev.keel.hw.x86.PhysicalMemory;
import dev.keel.hw.x86.Syscall;
import dev.keel.kernel.abi.MetricKinds;
import dev.keel.kernel.abi.Syscalls;

/**
 * Maps 16 pages that have no frames yet, writes and reads each one, and reads the kernel's
 * count of demand-paging faults before and after: every first touch is a fault the kernel
 * serves with a zeroed frame.
 */
public final class Pager {

    static final long REGION = 0x20000000L;
    static final int PAGES = 16;
    static final int PAGE = 4096;

    private Pager() {
    }

    public static long main(long argsPtr, long argsLen, long envPtr, long envLen) {
        long m = Syscall.invoke(Syscalls.MMAP, Sys.MEMORY_SLOT, REGION, PAGES, 1, 0, 0);
        if (m < 0) {
            return 1;
        }
        long before = demandFaults();
        boolean zeroed = true;
        for (int i = 0; i < PAGES; i++) {
            long at = REGION + (long) i * PAGE + 8 * i;
            zeroed = zeroed && PhysicalMemory.load64(at) == 0;
            PhysicalMemory.store64(at, 1000 + i);
        }
        long sum = 0;
        for (int i = 0; i < PAGES; i++) {
            sum += PhysicalMemory.load64(REGION + (long) i * PAGE + 8 * i);
        }
        long faults = demandFaults() - before;
        Sys.line("pager: ");
        Sys.num(PAGES);
        Sys.print(" pages mapped and touched, ");
        Sys.num(faults);
        Sys.print(" demand-paging faults served, pages zeroed ");
        Sys.print(zeroed ? "yes" : "NO");
        Sys.print(", sum ");
        Sys.num(sum);
        Sys.end();
        return faults == PAGES && zeroed && sum == 1000L * PAGES + PAGES * (PAGES - 1) / 2 ? 0 : 3;
    }

    private static long demandFaults() {
        return Sys.call(Syscalls.METRICS_READ, MetricKinds.PAGE_FAULTS, 0, 0);
    }
}
