package dev.keel.boot.translate;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * Pass 2, check: every reachable class and method against the kernel Java subset. All violations
 * are collected, each naming class, method, source line, bytecode offset and the rule broken, so
 * one run shows everything to fix.
 *
 * The rules: no floating point; no opcodes outside {@link Bytecodes#allowed}; no exception handlers
 * (errors are return codes, throwing is a panic); no synchronization; no native methods but the
 * intrinsics; no JDK classes, fields or methods but those {@link Builtins} and {@link Intrinsics}
 * provide; string literals in ASCII; classes extend Object or a program class.
 */
public final class SubsetChecker {

    private final Program program;
    private final List<Violation> violations = new ArrayList<>();

    private SubsetChecker(Program program) {
        this.program = program;
    }

    /** The violations in {@code program}; empty when it is inside the subset. */
    public static List<Violation> check(Program program) {
        SubsetChecker c = new SubsetChecker(program);
        for (ClassNode cls : program.classes.values()) {
            c.checkClass(cls);
        }
        for (Program.Method m : program.methods.values()) {
            c.checkMethod(m.owner(), m.node());
        }
        return List.copyOf(c.violations);
    }

    /** Like {@link #check}, but throws when anything is outside the subset. */
    public static void require(Program program) {
        List<Violation> vs = check(program);
        if (!vs.isEmpty()) {
            throw new SubsetViolationException(vs);
        }
    }

    private void reject(ClassNode cls, MethodNode m, AbstractInsnNode insn, String rule) {
        Place p = insn == null ? Place.of(cls, m) : Place.of(program.pool, cls, m, insn);
        violations.add(new Violation(p, rule));
    }

    private void checkClass(ClassNode cls) {
        if (Builtins.isJdkName(cls.name) && !program.pool.provides(cls.name)) {
            reject(cls, null, null, "program classes may not be defined in JDK packages");
        }
        boolean iface = (cls.access & Opcodes.ACC_INTERFACE) != 0;
        if (!iface && cls.superName != null && !cls.superName.equals(Builtins.OBJECT)
                && !program.classes.containsKey(cls.superName)) {
            reject(cls, null, null, "superclass " + dotted(cls.superName)
                    + " is a JDK class; classes extend Object or a program class");
        }
        for (String i : cls.interfaces) {
            if (!program.classes.containsKey(i)) {
                reject(cls, null, null, "implements JDK interface " + dotted(i));
            }
        }
        for (FieldNode f : cls.fields) {
            if (f.value instanceof String s && !s.chars().allMatch(ch -> ch <= 0x7f)) {
                reject(cls, null, null, "constant " + f.name + ": string with a character outside ASCII");
            }
            if (!typeAllowed(Type.getType(f.desc))) {
                reject(cls, null, null, "field " + f.name + " has type " + Type.getType(f.desc).getClassName()
                        + ", outside the subset (" + typeRule(Type.getType(f.desc)) + ")");
            }
        }
    }

    private void checkMethod(ClassNode cls, MethodNode m) {
        if ((m.access & Opcodes.ACC_NATIVE) != 0) {
            reject(cls, m, null, "native method with no intrinsic (see Intrinsics for the designated hw classes)");
            return;
        }
        if ((m.access & Opcodes.ACC_SYNCHRONIZED) != 0) {
            reject(cls, m, null, "synchronized methods are outside the subset (no threads, no monitors)");
        }
        Type mt = Type.getMethodType(m.desc);
        for (Type t : mt.getArgumentTypes()) {
            if (!typeAllowed(t)) {
                reject(cls, m, null, "parameter type " + t.getClassName() + " is outside the subset (" + typeRule(t) + ")");
            }
        }
        if (mt.getReturnType().getSort() != Type.VOID && !typeAllowed(mt.getReturnType())) {
            reject(cls, m, null, "return type " + mt.getReturnType().getClassName() + " is outside the subset ("
                    + typeRule(mt.getReturnType()) + ")");
        }
        var handlers = m.tryCatchBlocks.stream().filter(t -> !"java/lang/NoSuchFieldError".equals(t.type)).toList();
        if (!handlers.isEmpty()) {
            AbstractInsnNode at = handlers.get(0).start;
            reject(cls, m, at.getNext() != null ? at.getNext() : at,
                    "exception handlers (try/catch/finally) are outside the subset: errors are return codes");
        }
        for (AbstractInsnNode insn = m.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            checkInsn(cls, m, insn);
        }
    }

    private void checkInsn(ClassNode cls, MethodNode m, AbstractInsnNode insn) {
        int op = insn.getOpcode();
        if (op < 0) {
            return;
        }
        if (op == Opcodes.INVOKEDYNAMIC && program.testConveniences && insn instanceof InvokeDynamicInsnNode indy
                && StringConcat.isConcat(indy)) {
            String problem = StringConcat.problem(indy);
            if (problem != null) {
                reject(cls, m, insn, problem);
            }
            return;
        }
        if (!Bytecodes.allowed(op)) {
            reject(cls, m, insn, "bytecode " + Bytecodes.name(op) + " is outside the subset (" + opcodeRule(op) + ")");
            return;
        }
        if (insn instanceof MethodInsnNode mi) {
            checkCall(cls, m, mi);
        } else if (insn instanceof FieldInsnNode fi) {
            if (op == Opcodes.GETSTATIC && Intrinsics.staticField(fi.owner, fi.name) != null) {
                return;
            }
            if (!program.classes.containsKey(fi.owner)) {
                reject(cls, m, insn, "field " + dotted(fi.owner) + "." + fi.name + " belongs to the JDK, outside the subset");
            } else if (program.resolveField(fi.owner, fi.name) == null) {
                reject(cls, m, insn, "field " + dotted(fi.owner) + "." + fi.name + " does not exist");
            }
        } else if (insn instanceof TypeInsnNode ti) {
            checkType(cls, m, ti);
        } else if (insn instanceof IntInsnNode ii && op == Opcodes.NEWARRAY
                && (ii.operand == Opcodes.T_FLOAT || ii.operand == Opcodes.T_DOUBLE)) {
            reject(cls, m, insn, "floating-point arrays are outside the subset");
        } else if (insn instanceof MultiANewArrayInsnNode ma && !typeAllowed(Type.getType(ma.desc))) {
            reject(cls, m, insn, "array type " + Type.getType(ma.desc).getClassName() + " is outside the subset");
        } else if (insn instanceof LdcInsnNode ldc) {
            checkLdc(cls, m, ldc);
        }
    }

    private void checkLdc(ClassNode cls, MethodNode m, LdcInsnNode ldc) {
        Object c = ldc.cst;
        if (c instanceof Float || c instanceof Double) {
            reject(cls, m, ldc, "floating-point constant");
        } else if (c instanceof Type) {
            if (!isAssertionStatus(ldc.getNext())) {
                reject(cls, m, ldc, "class literals are outside the subset (no reflection)");
            }
        } else if (c instanceof String s) {
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) > 0x7f) {
                    reject(cls, m, ldc, "string literal with a character outside ASCII (U+"
                            + String.format("%04X", (int) s.charAt(i)) + ")");
                    return;
                }
            }
        } else if (!(c instanceof Integer || c instanceof Long)) {
            reject(cls, m, ldc, "constant of type " + c.getClass().getSimpleName() + " is outside the subset");
        }
    }

    private void checkType(ClassNode cls, MethodNode m, TypeInsnNode ti) {
        Type t = ti.desc.startsWith("[") ? Type.getType(ti.desc) : Type.getObjectType(ti.desc);
        if (ti.getOpcode() == Opcodes.NEW) {
            if (!program.classes.containsKey(ti.desc) && !Builtins.THROWABLES.contains(ti.desc)
                    && !ti.desc.equals(Builtins.OBJECT)) {
                reject(cls, m, ti, "new " + dotted(ti.desc) + ": JDK class outside the subset");
            } else if (program.classes.containsKey(ti.desc)
                    && (program.cls(ti.desc).access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_INTERFACE)) != 0) {
                reject(cls, m, ti, "new of abstract class " + dotted(ti.desc));
            }
            return;
        }
        Type elem = t.getSort() == Type.ARRAY ? t.getElementType() : t;
        if (ti.getOpcode() == Opcodes.ANEWARRAY && t.getSort() == Type.OBJECT && elem.getInternalName().equals(Builtins.STRING)) {
            return; // String[] is fine
        }
        if (!typeAllowed(elem)) {
            reject(cls, m, ti, Bytecodes.name(ti.getOpcode()) + " " + t.getClassName() + ": " + typeRule(elem));
        }
    }

    private void checkCall(ClassNode cls, MethodNode m, MethodInsnNode mi) {
        String what = dotted(mi.owner) + "." + mi.name + mi.desc;
        if (Intrinsics.lookup(mi.owner, mi.name, mi.desc) != null) {
            if (mi.owner.equals(Intrinsics.JUNIT) && mi.desc.startsWith("(Ljava/lang/Object;Ljava/lang/Object;")) {
                for (ClassNode c : program.classes.values()) {
                    if (!c.name.equals(EnumClass.NAME) && ClassPool.declaredMethod(c, "equals", "(Ljava/lang/Object;)Z") != null) {
                        reject(cls, m, mi, what + " compares by identity (and String content) natively, but "
                                + dotted(c.name) + " overrides equals");
                        return;
                    }
                }
            }
            return;
        }
        if (mi.owner.startsWith("[") && mi.name.equals("clone") && mi.desc.equals("()Ljava/lang/Object;")) {
            return;
        } else if (mi.owner.startsWith("[")) {
            reject(cls, m, mi, "array method " + mi.name + " is outside the subset");
        } else if (mi.owner.equals(Builtins.OBJECT) && mi.name.equals("<init>")) {
            return;
        } else if (Builtins.THROWABLES.contains(mi.owner) && mi.name.equals("<init>")) {
            if (!mi.desc.equals("()V") && !mi.desc.equals("(Ljava/lang/String;)V")
                    && !mi.desc.equals("(Ljava/lang/Object;)V")) {
                reject(cls, m, mi, "throwables are built with no argument or one String message, not " + mi.desc);
            }
        } else if (Intrinsics.isIntrinsicClass(mi.owner)) {
            reject(cls, m, mi, what + " is not in the intrinsic table");
        } else if (!program.classes.containsKey(mi.owner)) {
            reject(cls, m, mi, "call to " + what + ": the JDK is outside the subset (no java.lang beyond Builtins)");
        } else if (program.resolveMethod(mi.owner, mi.name, mi.desc) == null) {
            reject(cls, m, mi, "call to " + what + ", which does not exist");
        }
    }

    /** {@code ldc C.class} is allowed only as javac's assert set-up: the receiver of desiredAssertionStatus. */
    static boolean isAssertionStatus(AbstractInsnNode next) {
        while (next != null && next.getOpcode() < 0) {
            next = next.getNext();
        }
        return next instanceof MethodInsnNode mi && mi.owner.equals("java/lang/Class")
                && mi.name.equals("desiredAssertionStatus");
    }

    private boolean typeAllowed(Type t) {
        Type e = t.getSort() == Type.ARRAY ? t.getElementType() : t;
        switch (e.getSort()) {
            case Type.FLOAT:
            case Type.DOUBLE:
                return false;
            case Type.OBJECT:
                String n = e.getInternalName();
                return program.classes.containsKey(n) || n.equals(Builtins.OBJECT) || n.equals(Builtins.STRING)
                        || Builtins.THROWABLES.contains(n) || !Builtins.isJdkName(n);
            default:
                return true;
        }
    }

    private static String typeRule(Type t) {
        Type e = t.getSort() == Type.ARRAY ? t.getElementType() : t;
        if (e.getSort() == Type.FLOAT || e.getSort() == Type.DOUBLE) {
            return "no floating point";
        }
        return "JDK types other than Object and String are not provided";
    }

    private static String opcodeRule(int op) {
        String n = Bytecodes.name(op);
        if (n.startsWith("f") || n.startsWith("d") && !n.startsWith("dup") || n.contains("2f") || n.contains("2d")) {
            return "no floating point";
        }
        switch (n) {
            case "monitorenter":
            case "monitorexit":
                return "no threads, no monitors";
            case "invokedynamic":
                return "no lambdas, method references or string concatenation";
            case "jsr":
            case "ret":
                return "subroutines are not emitted by modern javac";
            default:
                return "not emitted by javac for subset code";
        }
    }

    private static String dotted(String internalName) {
        return internalName.replace('/', '.');
    }
}
