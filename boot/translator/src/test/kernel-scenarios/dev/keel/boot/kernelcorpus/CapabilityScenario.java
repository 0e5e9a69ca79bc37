package dev.keel.boot.kernelcorpus;

import dev.keel.boot.translate.Console;
import dev.keel.kernel.abi.Errors;
import dev.keel.kernel.cap.CapType;
import dev.keel.kernel.cap.Capability;
import dev.keel.kernel.cap.CapabilitySpace;

/**
 * The kernel's capability space driven by a sequence of operations decoded from the input
 * (decode, check, act, as the syscall layer does), printing every result code and the state.
 */
public final class CapabilityScenario {

    private CapabilityScenario() {
    }

    static void print(String label, long v) {
        Console.print(label);
        Console.print("=");
        Console.print(v);
        Console.print(" ");
    }

    static void dump(CapabilitySpace cs) {
        for (int g = 0; g < cs.size(); g++) {
            Capability c = cs.at(g);
            if (c.type() != CapType.NONE) {
                Console.print(g);
                Console.print(":");
                Console.print(c.type());
                Console.print("/");
                Console.print(c.object());
                Console.print(c.canRead() ? "r" : "-");
                Console.print("<");
                Console.print(cs.parentOf(g));
                Console.print(" ");
            }
        }
        Console.print(cs.invariantsHold());
        Console.println();
    }

    static void step(CapabilitySpace cs, long v) {
        int op = (int) (v & 7);
        int p = (int) ((v >>> 3) & 3);
        int q = (int) ((v >>> 5) & 3);
        long a = (v >>> 7) & 7;
        long b = (v >>> 10) & 7;
        boolean r = (v & 0x2000) != 0;
        boolean w = (v & 0x4000) != 0;
        int code;
        switch (op) {
            case 0:
                code = cs.checkEmpty(p, a);
                if (code == Errors.OK) {
                    cs.createObject(p, a, 1 + (int) (b % 5), (int) (v >>> 16) & 15, true, true, true);
                }
                break;
            case 1:
                code = cs.checkDerive(p, a, q, b);
                if (code == Errors.OK) {
                    cs.mint(p, a, q, b, r, w, false, v >>> 20);
                }
                break;
            case 2:
                code = cs.checkDerive(p, a, q, b);
                if (code == Errors.OK) {
                    cs.copy(p, a, q, b);
                }
                break;
            case 3:
                code = cs.checkDerive(p, a, q, b);
                if (code == Errors.OK) {
                    cs.move(p, a, q, b);
                }
                break;
            case 4:
                code = cs.delete(p, a) ? 1 : 0;
                break;
            case 5:
                code = cs.checkCap(p, a, CapType.NONE, false, false, false);
                if (code == Errors.OK) {
                    cs.revoke(p, a);
                }
                break;
            case 6:
                cs.destroyObject(1 + (int) (b % 5), (int) (v >>> 16) & 15);
                code = cs.references(1 + (int) (b % 5), (int) (v >>> 16) & 15);
                break;
            default:
                code = cs.firstFree(p);
        }
        print("op", op);
        print("code", code);
    }

    public static void run(long[] in) {
        CapabilitySpace cs = new CapabilitySpace(4, 8);
        long[] script = {0, 0x80, 0x108, 0x2081 | (1 << 10), 0x6001 | (2 << 10) | (1 << 5), 0x105, 0x84, 7, 0x22};
        for (long v : script) {
            step(cs, v);
        }
        Console.println();
        dump(cs);
        for (long v : in) {
            step(cs, v);
        }
        Console.println();
        dump(cs);
    }
}
