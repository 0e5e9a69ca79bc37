package dev.keel.boot.kernelcorpus;

import dev.keel.boot.translate.Console;
import dev.keel.hw.sim.SimMachine;
import dev.keel.kernel.sched.PerCpu;
import dev.keel.kernel.sched.Scheduler;
import dev.keel.kernel.sched.Tcb;
import dev.keel.kernel.sched.ThreadPool;

/**
 * The kernel's scheduler on the simulated two-CPU machine: threads started, ticked, blocked,
 * unblocked, yielded and re-prioritised by operations decoded from the input; after each step the
 * running thread of each CPU is printed.
 */
public final class SchedulerScenario {

    private SchedulerScenario() {
    }

    static void show(Scheduler s) {
        for (int i = 0; i < s.cpuCount(); i++) {
            PerCpu c = s.cpu(i);
            Console.print(c.current == null ? -1 : c.current.id);
            Console.print(c.current == c.idle ? "i" : "");
            Console.print(",");
        }
        Console.print(s.invariantsHold());
        Console.print(" ");
    }

    static void step(Scheduler s, ThreadPool pool, long v) {
        int op = (int) (v & 7);
        Tcb t = pool.at(1 + (int) ((v >>> 3) & 7));
        PerCpu c = s.cpu((int) ((v >>> 6) & 1));
        switch (op) {
            case 0:
                if (t.state == Tcb.FREE) {
                    s.start(t, (int) ((v >>> 7) % s.priorities()), c.index);
                }
                break;
            case 1:
                s.tick(c);
                break;
            case 2:
                if (t.state == Tcb.READY || t.state == Tcb.RUNNING) {
                    s.block(t, Tcb.ON_RECEIVE);
                }
                break;
            case 3:
                if (t.state == Tcb.BLOCKED) {
                    s.unblock(t);
                }
                break;
            case 4:
                s.yieldCurrent(c);
                break;
            case 5:
                if (t.state != Tcb.FREE) {
                    s.setPriority(t, (int) ((v >>> 9) % s.priorities()));
                }
                break;
            default:
                Tcb next = s.schedule(c);
                Console.print("->");
                Console.print(next.id);
                Console.print(" ");
        }
        show(s);
    }

    public static void run(long[] in) {
        SimMachine m = new SimMachine(2, 1 << 16);
        ThreadPool pool = new ThreadPool(16, 1);
        Scheduler s = new Scheduler(m, pool, 2, 8, 3, 500);
        long[] script = {0x180, 0x188 | 64, 0x190, 6, 6 | 64, 1, 1, 1, 1, 6, 2 | 8, 6, 3 | 8, 6, 4, 6, 5 | 16 | (7 << 9), 6};
        for (long v : script) {
            step(s, pool, v);
        }
        Console.println();
        for (long v : in) {
            step(s, pool, v);
        }
        Console.println();
    }
}
