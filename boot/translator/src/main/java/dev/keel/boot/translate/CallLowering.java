package dev.keel.boot.translate;

import static org.objectweb.asm.Opcodes.*;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.MethodInsnNode;

/**
 * Lowering of the four invoke instructions. In order of preference a call becomes: an intrinsic
 * (a runtime C function, see {@link Intrinsics}); a builtin constructor (Object, throwables); a
 * direct C call (static, special, and virtual calls that only one method can answer in this
 * program); or a dispatch through the receiver class's table at the signature's selector.
 */
final class CallLowering {

    private final MethodLowering m;

    CallLowering(MethodLowering m) {
        this.m = m;
    }

    void lower(MethodInsnNode mi, Kind[] after) {
        Type t = Type.getMethodType(mi.desc);
        int nargs = t.getArgumentTypes().length;
        boolean hasThis = mi.getOpcode() != INVOKESTATIC;
        List<String> args = new ArrayList<>();
        for (int k = nargs - 1 + (hasThis ? 1 : 0); k >= 0; k--) {
            args.add(m.inVar(k));
        }
        String assign = t.getReturnType().getSort() == Type.VOID ? "" : m.outVar(after) + " = ";
        Intrinsics.Entry intrinsic = Intrinsics.lookup(mi.owner, mi.name, mi.desc);
        if (intrinsic != null) {
            if (intrinsic.site()) {
                args.add(m.site());
            }
            m.emitStmt(assign + intrinsic.cFunction() + "(" + String.join(", ", args) + ");");
            return;
        }
        if (mi.owner.startsWith("[")) { // clone(), the only array method in the subset
            m.emitStmt(assign + "keel_array_clone(" + args.get(0) + ", " + m.site() + ");");
            return;
        }
        if (mi.getOpcode() == INVOKESPECIAL && !m.program().classes.containsKey(mi.owner)) {
            lowerBuiltinConstructor(mi, args);
            return;
        }
        Program program = m.program();
        Layout layout = m.layout();
        if (hasThis) {
            m.requireNonNull(nargs);
        }
        Program.Method target;
        if (mi.getOpcode() == INVOKESTATIC) {
            target = program.resolveMethod(mi.owner, mi.name, mi.desc);
            m.initCheck(target.owner().name);
        } else if (mi.getOpcode() == INVOKESPECIAL) {
            target = program.resolveMethod(mi.owner, mi.name, mi.desc);
        } else {
            target = layout.dispatchTarget(mi.owner, mi.name + mi.desc);
        }
        if (target != null && program.methods.containsKey(target.key())) {
            m.emitStmt(assign + layout.function(target) + "(" + String.join(", ", args) + ");");
            return;
        }
        Integer sel = layout.selectors.get(mi.name + mi.desc);
        if (sel == null) {
            // No instantiated class answers: the receiver is null, and the check above has fired.
            m.emitStmt("keel_panic(KEEL_ABSTRACT_METHOD, " + m.site() + ");");
            if (!assign.isEmpty()) {
                m.emitStmt(assign + "0;");
            }
            return;
        }
        StringBuilder fnType = new StringBuilder(MethodLowering.returnType(t.getReturnType())).append(" (*)(kobj *");
        for (Type a : t.getArgumentTypes()) {
            fnType.append(", ").append(Kind.of(a).cType);
        }
        fnType.append(')');
        m.emitStmt(assign + "((" + fnType + ")KEEL_DISPATCH(" + args.get(0) + ", " + sel + "))("
                + String.join(", ", args) + ");");
    }

    /** Constructors of java.lang.Object (nothing to do) and of the builtin throwables. */
    private void lowerBuiltinConstructor(MethodInsnNode mi, List<String> args) {
        if (mi.owner.equals(Builtins.OBJECT)) {
            return;
        }
        if (!mi.desc.equals("()V")) {
            m.emitStmt("keel_throwable_init(" + args.get(0) + ", " + args.get(1) + ");");
        }
    }
}
