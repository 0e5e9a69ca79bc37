package dev.keel.boot.translate;

import static org.objectweb.asm.Opcodes.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Pass 3c, lower and emit one method: JVM bytecode to a C function, one statement per
 * instruction. Locals become {@code l<slot><kind>} and stack slots {@code s<depth><kind>}
 * (see {@link StackTyper}); gcc turns these into registers. Java semantics are kept exactly:
 * arithmetic wraps (it is done in unsigned C types), shift counts are masked, division checks
 * for zero and for MIN_VALUE / -1, and every dereference, index and cast is checked, calling a
 * panic that names the method and the Java source line.
 */
final class MethodLowering {

    private final Program program;
    private final Layout layout;
    private final Program.Method method;
    private final StringBuilder body = new StringBuilder();
    private final Set<String> vars = new TreeSet<>();
    private final List<String> params = new ArrayList<>();
    private final String sourcePath;
    private Kind[] stack;
    private boolean[] nonNull;
    private boolean thisStable;
    /** Non-null knowledge after the instruction being lowered. */
    private boolean[] pending;
    private boolean usesWhere;
    private int line;
    /** The Java line of the C line being written (statements of one Java line share a C line), or -1. */
    private int openLine = -1;
    private final java.util.Map<LabelNode, Integer> labelIds = new java.util.HashMap<>();

    MethodLowering(Program program, Layout layout, Program.Method method) {
        this.program = program;
        this.layout = layout;
        this.method = method;
        String pkg = method.owner().name.contains("/")
                ? method.owner().name.substring(0, method.owner().name.lastIndexOf('/') + 1) : "";
        this.sourcePath = method.owner().sourceFile == null ? null : pkg + method.owner().sourceFile;
    }

    /** The C prototype (no trailing semicolon). */
    static String prototype(Layout layout, Program.Method m) {
        StringBuilder s = new StringBuilder(layout.wholeLibrary() ? "static KEEL_VAR " : "static ");
        Type t = Type.getMethodType(m.node().desc);
        s.append(returnType(t.getReturnType())).append(' ').append(layout.function(m)).append('(');
        List<String> ps = new ArrayList<>();
        for (String p : paramList(m)) {
            ps.add(p + " KEEL_VAR"); // a parameter may be unused, or assigned and never read again
        }
        s.append(ps.isEmpty() ? "void" : String.join(", ", ps)).append(')');
        return s.toString();
    }

    static String returnType(Type t) {
        Kind k = Kind.of(t);
        return k == null ? "void" : k.cType;
    }

    private static List<String> paramList(Program.Method m) {
        List<String> ps = new ArrayList<>();
        int slot = 0;
        if (!m.isStatic()) {
            ps.add("kobj *l0a");
            slot = 1;
        }
        for (Type a : Type.getArgumentTypes(m.node().desc)) {
            Kind k = Kind.of(a);
            ps.add(k.cType + (k == Kind.REF ? "" : " ") + "l" + slot + k.suffix);
            slot += k.size();
        }
        return ps;
    }

    /** The whole C function. */
    String emit() {
        InsnList insns = method.node().instructions;
        Kind[][] in = StackTyper.type(method.node());
        Set<LabelNode> targets = StackTyper.targets(method.node());
        thisStable = !method.isStatic() && !storesSlotZero();
        for (String p : paramList(method)) {
            params.add(p.substring(p.lastIndexOf(p.contains("*") ? '*' : ' ') + 1));
        }
        for (int i = 0; i < insns.size(); i++) {
            AbstractInsnNode insn = insns.get(i);
            if (insn instanceof LineNumberNode ln) {
                line = ln.line;
            } else if (insn instanceof LabelNode l && targets.contains(l)) {
                closeLine();
                body.append(label(l)).append(":;\n");
                nonNull = null; // a join: other paths may bring null
            }
            if (insn.getOpcode() < 0 || in[i] == null) {
                continue;
            }
            stack = in[i];
            if (nonNull == null || nonNull.length != stack.length) {
                nonNull = new boolean[stack.length];
            }
            Kind[] after = StackTyper.effect(insn, in[i]);
            boolean[] nn = new boolean[after.length];
            System.arraycopy(nonNull, 0, nn, 0, Math.min(nonNull.length, after.length));
            pending = nn;
            lower(insn, after, nn);
            nonNull = nn;
            if (!StackTyper.successors(insn).contains(insn.getNext())) {
                nonNull = null; // no fall-through: what follows is reached by a jump, knowing nothing
            }
        }
        return assemble();
    }

    private boolean storesSlotZero() {
        for (AbstractInsnNode n = method.node().instructions.getFirst(); n != null; n = n.getNext()) {
            if (n instanceof VarInsnNode v && v.var == 0 && v.getOpcode() == ASTORE) {
                return true;
            }
        }
        return false;
    }

    private String assemble() {
        StringBuilder s = new StringBuilder();
        s.append(prototype(layout, method)).append(" {\n");
        if (usesWhere) {
            s.append("    static const char W[] = \"").append(method.owner().name.replace('/', '.'))
                    .append('.').append(method.node().name).append("\";\n");
        }
        for (String v : vars) {
            if (params.contains(v)) {
                continue;
            }
            Kind k = kindOf(v);
            s.append("    ").append(k.cType).append(k == Kind.REF ? "" : " ").append(v).append(" KEEL_VAR = 0;\n");
        }
        closeLine();
        s.append(body);
        s.append("}\n");
        return s.toString();
    }

    private static Kind kindOf(String var) {
        switch (var.charAt(var.length() - 1)) {
            case 'i': return Kind.INT;
            case 'j': return Kind.LONG;
            default: return Kind.REF;
        }
    }

    /**
     * Ends the C line being written. Statements of one Java line go on one C line after a
     * {@code #line} directive, so that every C line maps to exactly its Java line (a directive
     * numbers only the line after it; the lines below count up from there).
     */
    private void closeLine() {
        if (openLine >= 0) {
            body.append('\n');
            openLine = -1;
        }
    }

    private String label(LabelNode l) {
        return "L" + labelIds.computeIfAbsent(l, k -> labelIds.size());
    }

    /** The variable of the stack entry {@code fromTop} entries below the top, before the instruction. */
    private String in(int fromTop) {
        int d = stack.length - 1 - fromTop;
        return var("s" + d + stack[d].suffix);
    }

    private boolean inNonNull(int fromTop) {
        return nonNull[stack.length - 1 - fromTop];
    }

    /** The variable of the top entry after the instruction; a value written there is not known non-null. */
    private String out(Kind[] after) {
        int d = after.length - 1;
        pending[d] = false;
        return var("s" + d + after[d].suffix);
    }

    private String var(String name) {
        vars.add(name);
        return name;
    }

    private void stmt(String s) {
        if (line <= 0 || sourcePath == null) {
            body.append("    ").append(s).append('\n');
            return;
        }
        if (line == openLine) {
            body.append(' ').append(s);
            return;
        }
        closeLine();
        body.append("#line ").append(line).append(" \"").append(sourcePath).append("\"\n    ").append(s);
        openLine = line;
    }

    private String where() {
        usesWhere = true;
        return "W, " + line;
    }

    private void nullCheck(int fromTop) {
        if (!inNonNull(fromTop)) {
            stmt("KEEL_NULL(" + in(fromTop) + ", " + where() + ");");
        }
    }

    /** One instruction, by family. */
    private void lower(AbstractInsnNode insn, Kind[] after, boolean[] nn) {
        if (!lowerConstantOrLocal(insn, after, nn) && !lowerArrayOrStack(insn, after, nn)
                && !lowerArithmetic(insn, after) && !lowerControl(insn)) {
            lowerObject(insn, after, nn);
        }
    }

    /** Constants, local variable loads and stores, iinc; false when {@code insn} is of another family. */
    private boolean lowerConstantOrLocal(AbstractInsnNode insn, Kind[] after, boolean[] nn) {
        int op = insn.getOpcode();
        switch (op) {
            case ACONST_NULL: stmt(out(after) + " = 0;"); break;
            case ICONST_M1: case ICONST_0: case ICONST_1: case ICONST_2: case ICONST_3: case ICONST_4: case ICONST_5:
                stmt(out(after) + " = " + (op - ICONST_0) + ";"); break;
            case LCONST_0: case LCONST_1: stmt(out(after) + " = " + (op - LCONST_0) + ";"); break;
            case BIPUSH: case SIPUSH: stmt(out(after) + " = " + ((IntInsnNode) insn).operand + ";"); break;
            case LDC: lowerLdc((LdcInsnNode) insn, after, nn); break;
            case ILOAD: case LLOAD: case ALOAD: {
                int slot = ((VarInsnNode) insn).var;
                Kind k = op == ILOAD ? Kind.INT : op == LLOAD ? Kind.LONG : Kind.REF;
                stmt(out(after) + " = " + var("l" + slot + k.suffix) + ";");
                nn[after.length - 1] = op == ALOAD && slot == 0 && thisStable;
                break;
            }
            case ISTORE: case LSTORE: case ASTORE: {
                int slot = ((VarInsnNode) insn).var;
                Kind k = op == ISTORE ? Kind.INT : op == LSTORE ? Kind.LONG : Kind.REF;
                stmt(var("l" + slot + k.suffix) + " = " + in(0) + ";");
                break;
            }
            case IINC: {
                IincInsnNode ii = (IincInsnNode) insn;
                String l = var("l" + ii.var + "i");
                stmt(l + " = (jint)((uint32_t)" + l + " + (uint32_t)" + intLit(ii.incr) + ");");
                break;
            }
            default:
                return false;
        }
        return true;
    }

    /** Array element access, pop and the dup family; false when {@code insn} is of another family. */
    private boolean lowerArrayOrStack(AbstractInsnNode insn, Kind[] after, boolean[] nn) {
        int op = insn.getOpcode();
        switch (op) {
            case IALOAD: case LALOAD: case AALOAD: case BALOAD: case CALOAD: case SALOAD:
                arrayCheck(1, 0);
                stmt(out(after) + " = KEEL_ELEMS(" + in(1) + ", " + elemType(op) + ")[" + in(0) + "];");
                break;
            case IASTORE: case LASTORE: case AASTORE: case BASTORE: case CASTORE: case SASTORE:
                arrayCheck(2, 1);
                if (op == AASTORE) {
                    stmt("keel_store_check(" + in(2) + ", " + in(0) + ", " + where() + ");");
                }
                stmt("KEEL_ELEMS(" + in(2) + ", " + elemType(op) + ")[" + in(1) + "] = "
                        + (op == BASTORE || op == CASTORE || op == SASTORE ? "(" + elemType(op) + ")" : "") + in(0) + ";");
                break;
            case POP: stmt("(void)" + in(0) + ";"); break;
            case POP2:
                stmt("(void)" + in(0) + ";");
                if (stack[stack.length - 1] != Kind.LONG) {
                    stmt("(void)" + in(1) + ";");
                }
                break;
            case DUP: case DUP_X1: case DUP_X2: case DUP2: case DUP2_X1: case DUP2_X2:
                lowerDup(op, after, nn);
                break;
            default:
                return false;
        }
        return true;
    }

    /** Int and long arithmetic, conversions, lcmp; false when {@code insn} is of another family. */
    private boolean lowerArithmetic(AbstractInsnNode insn, Kind[] after) {
        int op = insn.getOpcode();
        switch (op) {
            case IADD: binop(after, "(jint)((uint32_t)%s + (uint32_t)%s)"); break;
            case ISUB: binop(after, "(jint)((uint32_t)%s - (uint32_t)%s)"); break;
            case IMUL: binop(after, "(jint)((uint32_t)%s * (uint32_t)%s)"); break;
            case LADD: binop(after, "(jlong)((uint64_t)%s + (uint64_t)%s)"); break;
            case LSUB: binop(after, "(jlong)((uint64_t)%s - (uint64_t)%s)"); break;
            case LMUL: binop(after, "(jlong)((uint64_t)%s * (uint64_t)%s)"); break;
            case IDIV: binopSite(after, "keel_idiv"); break;
            case IREM: binopSite(after, "keel_irem"); break;
            case LDIV: binopSite(after, "keel_ldiv"); break;
            case LREM: binopSite(after, "keel_lrem"); break;
            case INEG: stmt(out(after) + " = (jint)(0u - (uint32_t)" + in(0) + ");"); break;
            case LNEG: stmt(out(after) + " = (jlong)(UINT64_C(0) - (uint64_t)" + in(0) + ");"); break;
            case ISHL: binop(after, "(jint)((uint32_t)%s << (%s & 31))"); break;
            case ISHR: binop(after, "(%s >> (%s & 31))"); break;
            case IUSHR: binop(after, "(jint)((uint32_t)%s >> (%s & 31))"); break;
            case LSHL: binop(after, "(jlong)((uint64_t)%s << (%s & 63))"); break;
            case LSHR: binop(after, "(%s >> (%s & 63))"); break;
            case LUSHR: binop(after, "(jlong)((uint64_t)%s >> (%s & 63))"); break;
            case IAND: case LAND: binop(after, "(%s & %s)"); break;
            case IOR: case LOR: binop(after, "(%s | %s)"); break;
            case IXOR: case LXOR: binop(after, "(%s ^ %s)"); break;
            case I2L: stmt(out(after) + " = (jlong)" + in(0) + ";"); break;
            case L2I: stmt(out(after) + " = (jint)(uint32_t)(uint64_t)" + in(0) + ";"); break;
            case I2B: stmt(out(after) + " = (jint)(jbyte)(uint8_t)" + in(0) + ";"); break;
            case I2C: stmt(out(after) + " = (jint)(jchar)" + in(0) + ";"); break;
            case I2S: stmt(out(after) + " = (jint)(jshort)(uint16_t)" + in(0) + ";"); break;
            case LCMP: binop(after, "((%1$s > %2$s) - (%1$s < %2$s))"); break;
            default:
                return false;
        }
        return true;
    }

    /** Branches, switches, returns; false when {@code insn} is of another family. */
    private boolean lowerControl(AbstractInsnNode insn) {
        int op = insn.getOpcode();
        switch (op) {
            case IFEQ: branch(insn, in(0) + " == 0"); break;
            case IFNE: branch(insn, in(0) + " != 0"); break;
            case IFLT: branch(insn, in(0) + " < 0"); break;
            case IFGE: branch(insn, in(0) + " >= 0"); break;
            case IFGT: branch(insn, in(0) + " > 0"); break;
            case IFLE: branch(insn, in(0) + " <= 0"); break;
            case IFNULL: branch(insn, in(0) + " == 0"); break;
            case IFNONNULL: branch(insn, in(0) + " != 0"); break;
            case IF_ICMPEQ: case IF_ACMPEQ: branch(insn, in(1) + " == " + in(0)); break;
            case IF_ICMPNE: case IF_ACMPNE: branch(insn, in(1) + " != " + in(0)); break;
            case IF_ICMPLT: branch(insn, in(1) + " < " + in(0)); break;
            case IF_ICMPGE: branch(insn, in(1) + " >= " + in(0)); break;
            case IF_ICMPGT: branch(insn, in(1) + " > " + in(0)); break;
            case IF_ICMPLE: branch(insn, in(1) + " <= " + in(0)); break;
            case GOTO: stmt("goto " + label(((JumpInsnNode) insn).label) + ";"); break;
            case TABLESWITCH: {
                TableSwitchInsnNode t = (TableSwitchInsnNode) insn;
                StringBuilder s = new StringBuilder("switch (" + in(0) + ") {");
                for (int k = 0; k < t.labels.size(); k++) {
                    s.append(" case ").append(intLit(t.min + k)).append(": goto ").append(label(t.labels.get(k))).append(';');
                }
                stmt(s.append(" default: goto ").append(label(t.dflt)).append("; }").toString());
                break;
            }
            case LOOKUPSWITCH: {
                LookupSwitchInsnNode l = (LookupSwitchInsnNode) insn;
                StringBuilder s = new StringBuilder("switch (" + in(0) + ") {");
                for (int k = 0; k < l.labels.size(); k++) {
                    s.append(" case ").append(intLit(l.keys.get(k))).append(": goto ").append(label(l.labels.get(k))).append(';');
                }
                stmt(s.append(" default: goto ").append(label(l.dflt)).append("; }").toString());
                break;
            }
            case IRETURN: case LRETURN: case ARETURN: stmt("return " + in(0) + ";"); break;
            case RETURN: stmt("return;"); break;
            default:
                return false;
        }
        return true;
    }

    /** Fields, calls, allocation, arraylength, throw, type tests. */
    private void lowerObject(AbstractInsnNode insn, Kind[] after, boolean[] nn) {
        int op = insn.getOpcode();
        switch (op) {
            case GETSTATIC: case PUTSTATIC: case GETFIELD: case PUTFIELD:
                lowerField((FieldInsnNode) insn, after);
                break;
            case INVOKEVIRTUAL: case INVOKESPECIAL: case INVOKESTATIC: case INVOKEINTERFACE:
                new CallLowering(this).lower((MethodInsnNode) insn, after);
                break;
            case NEW: {
                String cls = ((TypeInsnNode) insn).desc;
                if (program.classes.containsKey(cls)) {
                    initCheck(cls);
                }
                stmt(out(after) + " = keel_new(&" + layout.classSymbol(cls) + ", " + where() + ");");
                nn[after.length - 1] = true;
                break;
            }
            case NEWARRAY: {
                String desc = Reachability.primitiveArray(((IntInsnNode) insn).operand);
                stmt(out(after) + " = keel_new_array(&" + layout.classSymbol(desc) + ", " + in(0) + ", " + where() + ");");
                nn[after.length - 1] = true;
                break;
            }
            case ANEWARRAY: {
                String desc = "[" + Type.getObjectType(((TypeInsnNode) insn).desc).getDescriptor();
                stmt(out(after) + " = keel_new_array(&" + layout.classSymbol(desc) + ", " + in(0) + ", " + where() + ");");
                nn[after.length - 1] = true;
                break;
            }
            case MULTIANEWARRAY: {
                MultiANewArrayInsnNode ma = (MultiANewArrayInsnNode) insn;
                StringBuilder dims = new StringBuilder();
                for (int k = ma.dims - 1; k >= 0; k--) {
                    dims.append(in(k)).append(k > 0 ? ", " : "");
                }
                stmt("{ jint dims[" + ma.dims + "] = { " + dims + " }; " + out(after) + " = keel_new_multi(&"
                        + layout.classSymbol(ma.desc) + ", dims, " + ma.dims + ", " + where() + "); }");
                nn[after.length - 1] = true;
                break;
            }
            case ARRAYLENGTH:
                nullCheck(0);
                stmt(out(after) + " = KEEL_LEN(" + in(0) + ");");
                break;
            case ATHROW: stmt("keel_throw(" + in(0) + ", " + where() + ");"); break;
            case CHECKCAST: {
                String cls = ((TypeInsnNode) insn).desc;
                if (!cls.equals(Builtins.OBJECT)) {
                    stmt("keel_checkcast(" + in(0) + ", &" + layout.classSymbol(cls) + ", " + where() + ");");
                }
                break;
            }
            case INVOKEDYNAMIC: {
                org.objectweb.asm.tree.InvokeDynamicInsnNode indy = (org.objectweb.asm.tree.InvokeDynamicInsnNode) insn;
                int n = Type.getArgumentTypes(indy.desc).length;
                List<String> args = new ArrayList<>();
                for (int k = n - 1; k >= 0; k--) {
                    args.add(in(k));
                }
                stmt(StringConcat.lower(indy, args, out(after), where()));
                nn[after.length - 1] = true;
                break;
            }
            case INSTANCEOF: {
                String cls = ((TypeInsnNode) insn).desc;
                stmt(out(after) + " = keel_instanceof(" + in(0) + ", &" + layout.classSymbol(cls) + ");");
                break;
            }
            default:
                throw new TranslationException("cannot lower " + Bytecodes.name(op) + " in " + method.key());
        }
    }


    private void lowerLdc(LdcInsnNode ldc, Kind[] after, boolean[] nn) {
        Object c = ldc.cst;
        if (c instanceof Integer i) {
            stmt(out(after) + " = " + intLit(i) + ";");
        } else if (c instanceof Long l) {
            stmt(out(after) + " = " + longLit(l) + ";");
        } else if (c instanceof Type) {
            stmt(out(after) + " = 0; /* class literal: only the receiver of desiredAssertionStatus */");
        } else if (c instanceof String s) {
            int k = new ArrayList<>(program.strings).indexOf(s);
            stmt(out(after) + " = (kobj *)&keel_str_" + k + ";");
            nn[after.length - 1] = true;
        } else {
            throw new TranslationException("constant " + c + " outside the subset");
        }
    }

    static String intLit(int v) {
        return v == Integer.MIN_VALUE ? "INT32_MIN" : Integer.toString(v);
    }

    static String longLit(long v) {
        return v == Long.MIN_VALUE ? "INT64_MIN" : "INT64_C(" + v + ")";
    }

    private void arrayCheck(int arrFromTop, int idxFromTop) {
        nullCheck(arrFromTop);
        stmt("KEEL_BOUNDS(" + in(arrFromTop) + ", " + in(idxFromTop) + ", " + where() + ");");
    }

    private static String elemType(int op) {
        switch (op) {
            case IALOAD: case IASTORE: return "jint";
            case LALOAD: case LASTORE: return "jlong";
            case AALOAD: case AASTORE: return "kobj *";
            case BALOAD: case BASTORE: return "jbyte";
            case CALOAD: case CASTORE: return "jchar";
            default: return "jshort";
        }
    }

    private void binop(Kind[] after, String fmt) {
        stmt(out(after) + " = " + String.format(fmt, in(1), in(0)) + ";");
    }

    private void binopSite(Kind[] after, String fn) {
        stmt(out(after) + " = " + fn + "(" + in(1) + ", " + in(0) + ", " + where() + ");");
    }

    private void branch(AbstractInsnNode insn, String cond) {
        stmt("if (" + cond + ") goto " + label(((JumpInsnNode) insn).label) + ";");
    }

    /**
     * The dup family: the top entries are rearranged. {@code order} lists, for each entry of the
     * rearranged region after the instruction, which entry of the region before it is copied.
     */
    private void lowerDup(int op, Kind[] after, boolean[] nn) {
        int[] order;
        boolean longTop = stack[stack.length - 1] == Kind.LONG;
        switch (op) {
            case DUP: order = new int[] {0, 0}; break;
            case DUP_X1: order = new int[] {1, 0, 1}; break;
            case DUP_X2: order = stack[stack.length - 2] == Kind.LONG ? new int[] {1, 0, 1} : new int[] {2, 0, 1, 2}; break;
            case DUP2: order = longTop ? new int[] {0, 0} : new int[] {0, 1, 0, 1}; break;
            case DUP2_X1: order = longTop ? new int[] {1, 0, 1} : new int[] {1, 2, 0, 1, 2}; break;
            default: // DUP2_X2
                if (longTop) {
                    order = stack[stack.length - 2] == Kind.LONG ? new int[] {1, 0, 1} : new int[] {2, 0, 1, 2};
                } else {
                    order = stack[stack.length - 3] == Kind.LONG ? new int[] {1, 2, 0, 1, 2} : new int[] {2, 3, 0, 1, 2, 3};
                }
        }
        int region = 0;
        for (int o : order) {
            region = Math.max(region, o + 1);
        }
        int base = stack.length - region;
        StringBuilder s = new StringBuilder("{ ");
        for (int k = 0; k < region; k++) {
            Kind kind = stack[base + k];
            s.append(kind.cType).append(kind == Kind.REF ? "" : " ").append("t").append(k).append(" = ")
                    .append(var("s" + (base + k) + kind.suffix)).append("; ");
        }
        for (int k = 0; k < order.length; k++) {
            int d = base + k;
            if (after[d] != stack[base + order[k]]) {
                throw new TranslationException("dup kinds disagree in " + method.key());
            }
            s.append(var("s" + d + after[d].suffix)).append(" = t").append(order[k]).append("; ");
            nn[d] = nonNull[base + order[k]];
        }
        stmt(s.append('}').toString());
    }

    private void lowerField(FieldInsnNode fi, Kind[] after) {
        String constant = Intrinsics.staticField(fi.owner, fi.name);
        if (constant != null) {
            stmt(out(after) + " = " + constant + ";");
            return;
        }
        Program.Field f = program.resolveField(fi.owner, fi.name);
        String owner = f.owner().name;
        Type t = Type.getType(f.node().desc);
        String store = Layout.storageType(t);
        String conv = t.getSort() == Type.BOOLEAN ? "(jboolean)(" + "%s & 1)" : t.getSort() < Type.INT ? "(" + store + ")%s" : "%s";
        switch (fi.getOpcode()) {
            case GETSTATIC:
                initCheck(owner);
                stmt(out(after) + " = " + layout.staticField(owner, fi.name) + ";");
                break;
            case PUTSTATIC:
                initCheck(owner);
                stmt(layout.staticField(owner, fi.name) + " = " + String.format(conv, in(0)) + ";");
                break;
            case GETFIELD:
                nullCheck(0);
                stmt(out(after) + " = ((struct " + layout.cName(owner) + " *)" + in(0) + ")->" + layout.member(owner, fi.name) + ";");
                break;
            default:
                nullCheck(1);
                stmt("((struct " + layout.cName(owner) + " *)" + in(1) + ")->" + layout.member(owner, fi.name) + " = "
                        + String.format(conv, in(0)) + ";");
        }
    }

    /** Triggers class initialization as the JVM does, unless it has certainly begun already. */
    void initCheck(String cls) {
        if (!program.needsInit(cls)) {
            return;
        }
        String self = method.owner().name;
        if (!program.isInterface(self) && program.chain(self).contains(cls)) {
            return;
        }
        stmt("KEEL_INIT(" + layout.cName(cls) + ");");
    }

    // accessors for CallLowering
    Program program() {
        return program;
    }

    Layout layout() {
        return layout;
    }

    Kind[] stack() {
        return stack;
    }

    String inVar(int fromTop) {
        return in(fromTop);
    }

    String outVar(Kind[] after) {
        return out(after);
    }

    void emitStmt(String s) {
        stmt(s);
    }

    String site() {
        return where();
    }

    void requireNonNull(int fromTop) {
        nullCheck(fromTop);
    }

    String methodKey() {
        return method.key();
    }
}
