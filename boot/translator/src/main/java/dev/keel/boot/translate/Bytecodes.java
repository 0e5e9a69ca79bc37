package dev.keel.boot.translate;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * JVM opcode names and the set the kernel Java subset allows. Opcodes are as ASM's tree API
 * presents them: the short and wide encodings ({@code iload_0}, {@code ldc_w}, {@code ldc2_w},
 * {@code goto_w}, {@code wide}) are read as their plain forms and follow the same rules.
 */
public final class Bytecodes {

    private static final String[] NAMES = new String[202];

    /** The allowed opcodes. */
    private static final BitSet ALLOWED = new BitSet(202);

    static {
        String all = "nop aconst_null iconst_m1 iconst_0 iconst_1 iconst_2 iconst_3 iconst_4 iconst_5"
                + " lconst_0 lconst_1 fconst_0 fconst_1 fconst_2 dconst_0 dconst_1 bipush sipush ldc ldc_w ldc2_w"
                + " iload lload fload dload aload" + forms("iload lload fload dload aload")
                + " iaload laload faload daload aaload baload caload saload"
                + " istore lstore fstore dstore astore" + forms("istore lstore fstore dstore astore")
                + " iastore lastore fastore dastore aastore bastore castore sastore"
                + " pop pop2 dup dup_x1 dup_x2 dup2 dup2_x1 dup2_x2 swap"
                + " iadd ladd fadd dadd isub lsub fsub dsub imul lmul fmul dmul idiv ldiv fdiv ddiv"
                + " irem lrem frem drem ineg lneg fneg dneg ishl lshl ishr lshr iushr lushr"
                + " iand land ior lor ixor lxor iinc i2l i2f i2d l2i l2f l2d f2i f2l f2d d2i d2l d2f"
                + " i2b i2c i2s lcmp fcmpl fcmpg dcmpl dcmpg ifeq ifne iflt ifge ifgt ifle"
                + " if_icmpeq if_icmpne if_icmplt if_icmpge if_icmpgt if_icmple if_acmpeq if_acmpne"
                + " goto jsr ret tableswitch lookupswitch ireturn lreturn freturn dreturn areturn return"
                + " getstatic putstatic getfield putfield invokevirtual invokespecial invokestatic"
                + " invokeinterface invokedynamic new newarray anewarray arraylength athrow checkcast"
                + " instanceof monitorenter monitorexit wide multianewarray ifnull ifnonnull goto_w jsr_w";
        String[] names = all.trim().split(" +");
        if (names.length != NAMES.length) {
            throw new IllegalStateException("opcode table has " + names.length + " names");
        }
        System.arraycopy(names, 0, NAMES, 0, names.length);
        String allowed = "aconst_null iconst_m1 iconst_0 iconst_1 iconst_2 iconst_3 iconst_4 iconst_5"
                + " lconst_0 lconst_1 bipush sipush ldc iload lload aload istore lstore astore"
                + " iaload laload aaload baload caload saload iastore lastore aastore bastore castore sastore"
                + " pop pop2 dup dup_x1 dup_x2 dup2 dup2_x1 dup2_x2"
                + " iadd ladd isub lsub imul lmul idiv ldiv irem lrem ineg lneg ishl lshl ishr lshr iushr lushr"
                + " iand land ior lor ixor lxor iinc i2l l2i i2b i2c i2s lcmp"
                + " ifeq ifne iflt ifge ifgt ifle if_icmpeq if_icmpne if_icmplt if_icmpge if_icmpgt if_icmple"
                + " if_acmpeq if_acmpne ifnull ifnonnull goto tableswitch lookupswitch"
                + " ireturn lreturn areturn return getstatic putstatic getfield putfield"
                + " invokevirtual invokespecial invokestatic invokeinterface"
                + " new newarray anewarray multianewarray arraylength athrow checkcast instanceof";
        for (String n : allowed.split(" ")) {
            ALLOWED.set(opcode(n));
        }
    }

    private Bytecodes() {
    }

    private static String forms(String bases) {
        StringBuilder s = new StringBuilder();
        for (String b : bases.split(" ")) {
            for (int i = 0; i < 4; i++) {
                s.append(' ').append(b).append('_').append(i);
            }
        }
        return s.toString();
    }

    /** The mnemonic of an opcode. */
    public static String name(int opcode) {
        return opcode >= 0 && opcode < NAMES.length ? NAMES[opcode] : "opcode " + opcode;
    }

    /** The opcode with this mnemonic. */
    public static int opcode(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no opcode " + name);
    }

    public static boolean allowed(int opcode) {
        return opcode >= 0 && ALLOWED.get(opcode);
    }

    /** The allowed opcodes, ascending. */
    public static List<Integer> allowedOpcodes() {
        List<Integer> out = new ArrayList<>();
        for (int i = ALLOWED.nextSetBit(0); i >= 0; i = ALLOWED.nextSetBit(i + 1)) {
            out.add(i);
        }
        return out;
    }
}
