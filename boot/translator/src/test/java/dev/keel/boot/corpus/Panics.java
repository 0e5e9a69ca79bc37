package dev.keel.boot.corpus;

import dev.keel.boot.translate.Console;

/**
 * Runtime checks and throws, each a panic naming class, method and line. in[0] selects the case;
 * output before the panic must match too.
 */
public final class Panics {

    private Panics() {
    }

    static final class Node {
        int value;
        Node next;
    }

    static final class Holder {
        int[] data;

        int first() {
            return data[0]; // 'this' is known non-null, the field it holds is not
        }
    }

    interface Marker {
    }

    static final class Marked implements Marker {
    }

    static int field(Node n) {
        return n.value;
    }

    static int call(Node n) {
        return n.next.value;
    }

    static int element(int[] a, int i) {
        return a[i];
    }

    static void storeObject(Object[] a, Object v) {
        a[0] = v;
    }

    static long divide(long a, long b) {
        return a % b;
    }

    public static void run(long[] in) {
        Console.print("case ");
        Console.print(in[0]);
        Console.println();
        int c = (int) in[0];
        switch (c) {
            case 0: field(null); break;
            case 1: element(new int[3], 3); break;
            case 2: element(new int[3], -1); break;
            case 3: Console.print(10 / (c - 3)); break;
            case 4: Console.print(divide(10, c - 4)); break;
            case 5: Console.print(new long[c - 6].length); break;
            case 6: {
                Object o = new Node();
                Marker m = (Marker) o;
                Console.print(m == null);
                break;
            }
            case 7: storeObject(new Marked[1], new Node()); break;
            case 8: throw new IllegalStateException("run queue corrupted");
            case 9: throw new AssertionError();
            case 10: Console.print("abc".charAt(c)); break;
            case 11: {
                int[][] m = new int[2][c - 12];
                Console.print(m.length);
                break;
            }
            case 12: call(new Node()); break;
            case 13: {
                Node[] nodes = null;
                Console.print(nodes.length);
                break;
            }
            case 14: throw new IllegalArgumentException("bad capability slot");
            case 15: {
                Object o = new int[2];
                long[] wrong = (long[]) o;
                Console.print(wrong.length);
                break;
            }
            case 16: Console.print(new Holder().first()); break;
            case 17: assert c < 10 : "assertion with a message"; break;
            case 18: assert c < 10; break;
            case 19: Console.print(Math.floorMod(c, c - 19)); break;
            case 20: Console.print(Math.addExact(Integer.MAX_VALUE, c - 19)); break;
            case 21: Console.print(Math.multiplyExact(Long.MIN_VALUE, (long) c - 22)); break;
            case 22: Console.print(Math.toIntExact(1L << (c + 10))); break;
            default: Console.print("no panic");
        }
        Console.println();
    }

    /** Number of cases {@link #run} knows. */
    public static final int CASES = 24;
}
