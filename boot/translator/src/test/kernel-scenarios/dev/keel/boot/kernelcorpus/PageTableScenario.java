package dev.keel.boot.kernelcorpus;

import dev.keel.boot.translate.Console;
import dev.keel.hw.sim.SimMachine;
import dev.keel.kernel.mem.FrameAllocator;
import dev.keel.kernel.mem.PageTable;
import dev.keel.kernel.mem.Pte;

/**
 * The kernel's frame allocator and four-level page tables over the simulated physical memory:
 * map, look up, unmap and release frames, by operations decoded from the input.
 */
public final class PageTableScenario {

    private PageTableScenario() {
    }

    static void show(String label, long v) {
        Console.print(label);
        Console.print("=");
        Console.print(v);
        Console.print(" ");
    }

    static void step(FrameAllocator frames, PageTable pt, long root, long v) {
        long va = ((v >>> 3) & 0x3f) << 12 | ((v >>> 9) & 3) << 30;
        switch ((int) (v & 3)) {
            case 0: {
                long at = pt.entryAddress(root, va, true);
                long f = frames.allocate();
                if (at != 0 && f != 0 && !Pte.present(pt.lookup(root, va))) {
                    pt.store(at, Pte.leaf(f, (v & 4) != 0, (v & 8) != 0, false));
                } else if (f != 0) {
                    frames.release(f);
                }
                show("map", at == 0 ? -1 : f);
                break;
            }
            case 1: {
                long e = pt.lookup(root, va);
                show("pte", e);
                show("w", Pte.writable(e) ? 1 : 0);
                break;
            }
            case 2: {
                long e = pt.lookup(root, va);
                if (Pte.present(e)) {
                    pt.store(pt.entryAddress(root, va, false), 0);
                    frames.release(Pte.frame(e));
                }
                show("unmap", Pte.present(e) ? 1 : 0);
                break;
            }
            default:
                show("free", frames.freeCount());
        }
    }

    public static void run(long[] in) {
        SimMachine m = new SimMachine(1, 1 << 22);
        FrameAllocator frames = new FrameAllocator(m.memory(), m.memoryMap());
        PageTable pt = new PageTable(m.memory(), frames);
        long root = pt.newRoot();
        show("frames", frames.frameCount());
        show("root", root);
        long[] script = {0, 4 | 8, 1, 1 | 8, 3, 2, 1, 3, 0 | (1 << 9), 1 | (1 << 9)};
        for (long v : script) {
            step(frames, pt, root, v);
        }
        Console.println();
        for (long v : in) {
            step(frames, pt, root, v);
        }
        Console.println();
    }
}
