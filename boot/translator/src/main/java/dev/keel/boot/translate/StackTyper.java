package dev.keel.boot.translate;

import static org.objectweb.asm.Opcodes.*;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;

/**
 * Pass 3a, part of lowering: the kinds on the operand stack before each instruction, found by
 * abstract interpretation over the control-flow graph. Stack slot {@code d} holding kind {@code k}
 * becomes the C variable {@code s<d><k>}, so the stack disappears into plain locals that gcc
 * allocates to registers. Instructions never reached have a null stack (and are not emitted).
 */
public final class StackTyper {

    private StackTyper() {
    }

    /** Stack kinds before each instruction, indexed like {@code m.instructions}. */
    public static Kind[][] type(MethodNode m) {
        InsnList insns = m.instructions;
        Kind[][] in = new Kind[insns.size()][];
        Deque<Integer> work = new ArrayDeque<>();
        if (insns.size() > 0) {
            in[0] = new Kind[0];
            work.add(0);
        }
        while (!work.isEmpty()) {
            int i = work.pop();
            AbstractInsnNode insn = insns.get(i);
            Kind[] out = effect(insn, in[i]);
            for (AbstractInsnNode next : successors(insn)) {
                int j = insns.indexOf(next);
                if (in[j] == null) {
                    in[j] = out;
                    work.add(j);
                } else if (!java.util.Arrays.equals(in[j], out)) {
                    throw new TranslationException("operand stack kinds disagree at a join in " + m.name
                            + " (instruction " + j + "): not javac output?");
                }
            }
        }
        return in;
    }

    /** Where control may go after {@code insn}. */
    static List<AbstractInsnNode> successors(AbstractInsnNode insn) {
        List<AbstractInsnNode> out = new ArrayList<>();
        int op = insn.getOpcode();
        if (insn instanceof JumpInsnNode j) {
            out.add(j.label);
            if (op == GOTO) {
                return out;
            }
        } else if (insn instanceof TableSwitchInsnNode t) {
            out.add(t.dflt);
            out.addAll(t.labels);
            return out;
        } else if (insn instanceof LookupSwitchInsnNode l) {
            out.add(l.dflt);
            out.addAll(l.labels);
            return out;
        } else if (op >= IRETURN && op <= RETURN || op == ATHROW) {
            return out;
        }
        if (insn.getNext() != null) {
            out.add(insn.getNext());
        }
        return out;
    }

    /** The stack after {@code insn}, given the stack before it. */
    static Kind[] effect(AbstractInsnNode insn, Kind[] before) {
        List<Kind> s = new ArrayList<>(List.of(before));
        int op = insn.getOpcode();
        if (op < 0) {
            return before;
        }
        switch (op) {
            case ACONST_NULL: push(s, Kind.REF); break;
            case ICONST_M1: case ICONST_0: case ICONST_1: case ICONST_2: case ICONST_3: case ICONST_4:
            case ICONST_5: case BIPUSH: case SIPUSH:
                push(s, Kind.INT); break;
            case LCONST_0: case LCONST_1: push(s, Kind.LONG); break;
            case LDC: {
                Object c = ((LdcInsnNode) insn).cst;
                push(s, c instanceof Long ? Kind.LONG : c instanceof Integer ? Kind.INT : Kind.REF);
                break;
            }
            case ILOAD: push(s, Kind.INT); break;
            case LLOAD: push(s, Kind.LONG); break;
            case ALOAD: push(s, Kind.REF); break;
            case ISTORE: case LSTORE: case ASTORE: case POP: pop(s, 1); break;
            case IALOAD: case BALOAD: case CALOAD: case SALOAD: pop(s, 2); push(s, Kind.INT); break;
            case LALOAD: pop(s, 2); push(s, Kind.LONG); break;
            case AALOAD: pop(s, 2); push(s, Kind.REF); break;
            case IASTORE: case LASTORE: case AASTORE: case BASTORE: case CASTORE: case SASTORE: pop(s, 3); break;
            case POP2: popWords(s, 2); break;
            case DUP: s.add(top(s, 0)); break;
            case DUP_X1: s.add(s.size() - 2, top(s, 0)); break;
            case DUP_X2: s.add(s.size() - (top(s, 1) == Kind.LONG ? 2 : 3), top(s, 0)); break;
            case DUP2:
                if (top(s, 0) == Kind.LONG) {
                    s.add(top(s, 0));
                } else {
                    Kind a = top(s, 1);
                    Kind b = top(s, 0);
                    s.add(a);
                    s.add(b);
                }
                break;
            case DUP2_X1: dup2x(s, 1); break;
            case DUP2_X2: dup2x(s, top(s, 0) == Kind.LONG ? (top(s, 1) == Kind.LONG ? 1 : 2)
                    : (top(s, 2) == Kind.LONG ? 1 : 2)); break;
            case IADD: case ISUB: case IMUL: case IDIV: case IREM: case ISHL: case ISHR: case IUSHR:
            case IAND: case IOR: case IXOR:
                pop(s, 2); push(s, Kind.INT); break;
            case LADD: case LSUB: case LMUL: case LDIV: case LREM: case LAND: case LOR: case LXOR:
            case LSHL: case LSHR: case LUSHR:
                pop(s, 2); push(s, Kind.LONG); break;
            case INEG: case LNEG: case IINC: case I2B: case I2C: case I2S: break;
            case I2L: pop(s, 1); push(s, Kind.LONG); break;
            case L2I: pop(s, 1); push(s, Kind.INT); break;
            case LCMP: pop(s, 2); push(s, Kind.INT); break;
            case IFEQ: case IFNE: case IFLT: case IFGE: case IFGT: case IFLE: case IFNULL: case IFNONNULL:
            case TABLESWITCH: case LOOKUPSWITCH: case IRETURN: case LRETURN: case ARETURN: case ATHROW:
                pop(s, 1); break;
            case IF_ICMPEQ: case IF_ICMPNE: case IF_ICMPLT: case IF_ICMPGE: case IF_ICMPGT: case IF_ICMPLE:
            case IF_ACMPEQ: case IF_ACMPNE:
                pop(s, 2); break;
            case GOTO: case RETURN: break;
            case GETSTATIC: push(s, Kind.of(Type.getType(((FieldInsnNode) insn).desc))); break;
            case PUTSTATIC: pop(s, 1); break;
            case GETFIELD: pop(s, 1); push(s, Kind.of(Type.getType(((FieldInsnNode) insn).desc))); break;
            case PUTFIELD: pop(s, 2); break;
            case INVOKEVIRTUAL: case INVOKESPECIAL: case INVOKESTATIC: case INVOKEINTERFACE: {
                MethodInsnNode mi = (MethodInsnNode) insn;
                Type t = Type.getMethodType(mi.desc);
                pop(s, t.getArgumentTypes().length + (op == INVOKESTATIC ? 0 : 1));
                if (t.getReturnType().getSort() != Type.VOID) {
                    push(s, Kind.of(t.getReturnType()));
                }
                break;
            }
            case INVOKEDYNAMIC: { // string concatenation in test code, see StringConcat
                Type t = Type.getMethodType(((org.objectweb.asm.tree.InvokeDynamicInsnNode) insn).desc);
                pop(s, t.getArgumentTypes().length);
                push(s, Kind.REF);
                break;
            }
            case NEW: push(s, Kind.REF); break;
            case NEWARRAY: case ANEWARRAY: pop(s, 1); push(s, Kind.REF); break;
            case ARRAYLENGTH: pop(s, 1); push(s, Kind.INT); break;
            case CHECKCAST: break;
            case INSTANCEOF: pop(s, 1); push(s, Kind.INT); break;
            case MULTIANEWARRAY: pop(s, ((MultiANewArrayInsnNode) insn).dims); push(s, Kind.REF); break;
            default:
                throw new TranslationException("no stack effect for " + Bytecodes.name(op));
        }
        return s.toArray(new Kind[0]);
    }

    /** dup2_x1 / dup2_x2: copies the top two words under {@code under} further entries. */
    private static void dup2x(List<Kind> s, int under) {
        if (top(s, 0) == Kind.LONG) {
            s.add(s.size() - 1 - under, top(s, 0));
        } else {
            Kind a = top(s, 1);
            Kind b = top(s, 0);
            int at = s.size() - 2 - under;
            s.add(at, b);
            s.add(at, a);
        }
    }

    private static Kind top(List<Kind> s, int depth) {
        return s.get(s.size() - 1 - depth);
    }

    private static void push(List<Kind> s, Kind k) {
        if (k == null) {
            throw new TranslationException("floating-point value on the stack");
        }
        s.add(k);
    }

    private static void pop(List<Kind> s, int n) {
        for (int i = 0; i < n; i++) {
            s.remove(s.size() - 1);
        }
    }

    private static void popWords(List<Kind> s, int words) {
        while (words > 0) {
            words -= s.remove(s.size() - 1).size();
        }
    }

    /** Labels that are jump or switch targets (these get C labels). */
    static java.util.Set<LabelNode> targets(MethodNode m) {
        java.util.Set<LabelNode> out = new java.util.HashSet<>();
        for (AbstractInsnNode insn = m.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn instanceof JumpInsnNode j) {
                out.add(j.label);
            } else if (insn instanceof TableSwitchInsnNode t) {
                out.add(t.dflt);
                out.addAll(t.labels);
            } else if (insn instanceof LookupSwitchInsnNode l) {
                out.add(l.dflt);
                out.addAll(l.labels);
            }
        }
        return out;
    }
}
