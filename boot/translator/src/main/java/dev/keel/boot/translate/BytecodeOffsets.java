package dev.keel.boot.translate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bytecode offset of every instruction of every method of one class file, so that rejections
 * can name the offset a disassembler (javap -c) shows. ASM's tree API does not keep offsets, so
 * this walks the class file's Code attributes itself; the n-th instruction found here is the n-th
 * instruction of the ASM method (ASM reads one node per instruction when no expansion is asked).
 */
final class BytecodeOffsets {

    private final byte[] b;
    private int pos;
    private final Map<String, int[]> byMethod = new HashMap<>();

    private BytecodeOffsets(byte[] bytes) {
        this.b = bytes;
    }

    /** Offsets per method, keyed by name + descriptor. */
    static Map<String, int[]> of(byte[] classFile) {
        BytecodeOffsets r = new BytecodeOffsets(classFile);
        r.walk();
        return r.byMethod;
    }

    private int u1() {
        return b[pos++] & 0xff;
    }

    private int u2() {
        int v = ((b[pos] & 0xff) << 8) | (b[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    private int s4(int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    private void walk() {
        pos = 8;
        int cpCount = u2();
        String[] utf8 = new String[cpCount];
        for (int i = 1; i < cpCount; i++) {
            int tag = u1();
            switch (tag) {
                case 1: {
                    int len = u2();
                    utf8[i] = new String(b, pos, len, java.nio.charset.StandardCharsets.UTF_8);
                    pos += len;
                    break;
                }
                case 7: case 8: case 16: case 19: case 20: pos += 2; break;
                case 15: pos += 3; break;
                case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18: pos += 4; break;
                case 5: case 6: pos += 8; i++; break;
                default: throw new IllegalStateException("bad constant pool tag " + tag);
            }
        }
        pos += 6;
        int interfaces = u2();
        pos += 2 * interfaces;
        int fields = u2();
        for (int i = 0; i < fields; i++) {
            pos += 6;
            skipAttributes();
        }
        int methods = u2();
        for (int i = 0; i < methods; i++) {
            pos += 2;
            String name = utf8[u2()];
            String desc = utf8[u2()];
            int attrs = u2();
            for (int a = 0; a < attrs; a++) {
                String an = utf8[u2()];
                int len = s4(pos);
                pos += 4;
                if (an.equals("Code")) {
                    int codeLen = s4(pos + 4);
                    byMethod.put(name + desc, decode(pos + 8, codeLen));
                }
                pos += len;
            }
        }
    }

    private void skipAttributes() {
        int attrs = u2();
        for (int a = 0; a < attrs; a++) {
            pos += 2;
            int len = s4(pos);
            pos += 4 + len;
        }
    }

    private int[] decode(int start, int len) {
        List<Integer> offsets = new ArrayList<>();
        int pc = 0;
        while (pc < len) {
            offsets.add(pc);
            pc += length(start, pc);
        }
        int[] r = new int[offsets.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = offsets.get(i);
        }
        return r;
    }

    /** The encoded length of the instruction at {@code pc}. */
    private int length(int start, int pc) {
        int op = b[start + pc] & 0xff;
        if (op == 0xaa) { // tableswitch
            int p = (pc + 4) & ~3;
            int lo = s4(start + p + 4);
            int hi = s4(start + p + 8);
            return p - pc + 12 + 4 * (hi - lo + 1);
        }
        if (op == 0xab) { // lookupswitch
            int p = (pc + 4) & ~3;
            int n = s4(start + p + 4);
            return p - pc + 8 + 8 * n;
        }
        if (op == 0xc4) { // wide
            return (b[start + pc + 1] & 0xff) == 0x84 ? 6 : 4;
        }
        return LENGTHS[op];
    }

    /** Encoded length of each fixed-size opcode (switches and wide are handled above). */
    private static final int[] LENGTHS = new int[256];

    static {
        java.util.Arrays.fill(LENGTHS, 1);
        LENGTHS[0x10] = 2; // bipush
        LENGTHS[0x11] = 3; // sipush
        LENGTHS[0x12] = 2; // ldc
        LENGTHS[0x13] = 3; // ldc_w
        LENGTHS[0x14] = 3; // ldc2_w
        fill(0x15, 0x19, 2); // xload
        fill(0x36, 0x3a, 2); // xstore
        LENGTHS[0x84] = 3; // iinc
        fill(0x99, 0xa8, 3); // if*, goto, jsr
        LENGTHS[0xa9] = 2; // ret
        fill(0xb2, 0xb8, 3); // field access, invokevirtual/special/static
        LENGTHS[0xb9] = 5; // invokeinterface
        LENGTHS[0xba] = 5; // invokedynamic
        LENGTHS[0xbb] = 3; // new
        LENGTHS[0xbc] = 2; // newarray
        LENGTHS[0xbd] = 3; // anewarray
        LENGTHS[0xc0] = 3; // checkcast
        LENGTHS[0xc1] = 3; // instanceof
        LENGTHS[0xc5] = 4; // multianewarray
        LENGTHS[0xc6] = 3; // ifnull
        LENGTHS[0xc7] = 3; // ifnonnull
        LENGTHS[0xc8] = 5; // goto_w
        LENGTHS[0xc9] = 5; // jsr_w
    }

    private static void fill(int from, int to, int len) {
        for (int op = from; op <= to; op++) {
            LENGTHS[op] = len;
        }
    }
}
