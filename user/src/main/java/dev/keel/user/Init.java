package dev.keel.user;

import dev.keel.hw.x86.PhysicalMemory;
import dev.keel.kernel.abi.ProcessSpec;
import dev.keel.kernel.abi.Syscalls;

/**
 * The first process. It holds the root capabilities the kernel's boot policy gives it (memory,
 * every I/O port, every interrupt line). It creates the port that ping and pong share, starts
 * them with that port, the memory capability and the console, starts three programs that fault
 * (#GP, #PF outside every region, #UD) and one that pages in memory on demand, tries to start the
 * module "broken" (which the loader must refuse), waits for all six and prints their exit
 * statuses; then two CPU-bound programs that only timer preemption can interleave. At the end
 * it stops the machine through its I/O port capability.
 */
public final class Init {

    static final int PORT_SLOT = 20;
    static final int EXIT_OK = 0x10;
    static final int EXIT_FAILED = 0x11;
    static final int PRIORITY = 10;
    /** Below init's own, so that init has printed and is waiting before the spinners run. */
    static final int SPIN_PRIORITY = 5;

    private static final long SPEC = Sys.SCRATCH;
    private static final long NAME = Sys.SCRATCH + 128;
    private static final long CAPS = Sys.SCRATCH + 256;
    private static final long ARGS = Sys.SCRATCH + 512;

    private Init() {
    }

    public static long main(long argsPtr, long argsLen, long envPtr, long envLen) {
        Sys.line("init: started, pid ");
        Sys.num(Sys.call0(Syscalls.GETPID));
        Sys.end();
        if (Sys.mapScratch() < 0) {
            return fail("cannot map its scratch page");
        }
        long e = Sys.call(Syscalls.PORT_CREATE, Sys.MEMORY_SLOT, PORT_SLOT, 4);
        if (e < 0) {
            return fail("port_create failed");
        }
        Sys.line("init: port created in slot 20; starting pong, ping, crash gp, pager, crash pf, crash ud, crash nx\n");
        long[] withPort = {Sys.MEMORY_SLOT, Sys.CONSOLE_SLOT, PORT_SLOT};
        long[] withMemory = {Sys.MEMORY_SLOT, Sys.CONSOLE_SLOT};
        int started = 0;
        started += start("pong", "", withPort, 3, PRIORITY);
        started += start("ping", "", withPort, 3, PRIORITY);
        started += start("crash", "gp", withMemory, 2, PRIORITY);
        started += start("pager", "", withMemory, 2, PRIORITY);
        started += start("crash", "pf", withMemory, 2, PRIORITY);
        started += start("crash", "ud", withMemory, 2, PRIORITY);
        started += start("crash", "nx", withMemory, 2, PRIORITY);
        if (started != 7) {
            return fail("could not start every program");
        }
        tryBroken();
        waitFor(7, "");
        started = start("spin", "a", withMemory, 2, SPIN_PRIORITY)
                + start("spin", "b", withMemory, 2, SPIN_PRIORITY);
        if (started != 2) {
            return fail("could not start the spinners");
        }
        Sys.line("init: spinners start\n");
        waitFor(2, "\n");
        Sys.line("init: all children reaped, stopping the machine\n");
        Sys.endRun(EXIT_OK);
        return 0;
    }

    private static long fail(String why) {
        Sys.line("init: FAILED: ");
        Sys.print(why);
        Sys.end();
        Sys.endRun(EXIT_FAILED);
        return 1;
    }

    /** create_process(name, args, caps) at init's priority; 1 when started. */
    private static int start(String name, String args, long[] caps, int ncaps, int priority) {
        long pid = create(name, args, caps, ncaps, priority);
        Sys.line("init: started ");
        Sys.print(name);
        if (args.length() > 0) {
            Sys.putc(' ');
            Sys.print(args);
        }
        Sys.print(" as pid ");
        Sys.num(pid);
        Sys.end();
        return pid > 0 ? 1 : 0;
    }

    /** create_process(name, args, caps) at {@code priority}: the child's pid or an error code. */
    private static long create(String name, String args, long[] caps, int ncaps, int priority) {
        int nameLen = Sys.put(NAME, name);
        int argsLen = Sys.put(ARGS, args);
        for (int i = 0; i < ncaps; i++) {
            PhysicalMemory.store64(CAPS + 8L * i, caps[i]);
        }
        long[] w = new long[ProcessSpec.WORDS];
        w[ProcessSpec.NAME_PTR] = NAME;
        w[ProcessSpec.NAME_LEN] = nameLen;
        w[ProcessSpec.ARGS_PTR] = ARGS;
        w[ProcessSpec.ARGS_LEN] = argsLen;
        w[ProcessSpec.ENV_PTR] = ARGS;
        w[ProcessSpec.ENV_LEN] = 0;
        w[ProcessSpec.CAPS_PTR] = CAPS;
        w[ProcessSpec.CAPS_COUNT] = ncaps;
        w[ProcessSpec.MEM_SLOT] = Sys.MEMORY_SLOT;
        w[ProcessSpec.PRIORITY] = priority;
        for (int i = 0; i < w.length; i++) {
            PhysicalMemory.store64(SPEC + 8L * i, w[i]);
        }
        return Sys.call(Syscalls.CREATE_PROCESS, SPEC, -1, 0);
    }

    /**
     * create_process of the module "broken": the loader refuses it (BAD_EXECUTABLE, -19) when
     * the boot gave a module of that name that is no ELF executable, NOT_FOUND (-17) otherwise.
     */
    private static void tryBroken() {
        long[] none = new long[0];
        long r = create("broken", "", none, 0, PRIORITY);
        Sys.line("init: create_process of broken: ");
        Sys.num(r);
        Sys.end();
    }

    /** Reaps {@code n} children, printing each status on a line that starts with {@code lead}. */
    private static void waitFor(int n, String lead) {
        for (int i = 0; i < n; i++) {
            long pid = Sys.call(Syscalls.WAIT, -1, 0, 0);
            long status = Sys.result(1);
            Sys.line(lead);
            Sys.print("init: pid ");
            Sys.num(pid);
            Sys.print(" exited with status ");
            Sys.num(status);
            Sys.end();
        }
    }
}
