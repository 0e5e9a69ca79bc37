package dev.keel.boot.translate;

import static org.objectweb.asm.Opcodes.*;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.tree.ClassNode;

/**
 * The translator's own {@code java.lang.Enum}: the fields {@code name} and {@code ordinal} and the
 * methods enum code uses ({@code ordinal()}, {@code name()}, {@code toString()}, {@code equals},
 * {@code compareTo}), built as bytecode so enum classes translate like any program class.
 * {@code valueOf}, {@code hashCode} and reflection are not provided.
 */
final class EnumClass {

    static final String NAME = "java/lang/Enum";

    private EnumClass() {
    }

    static ClassNode build() {
        ClassNode c = new ClassNode();
        c.visit(V17, ACC_PUBLIC | ACC_ABSTRACT | ACC_SUPER, NAME, null, Builtins.OBJECT, new String[0]);
        c.visitSource("Enum.java", null);
        c.visitField(ACC_PRIVATE | ACC_FINAL, "name", "Ljava/lang/String;", null, null);
        c.visitField(ACC_PRIVATE | ACC_FINAL, "ordinal", "I", null, null);

        MethodVisitor init = c.visitMethod(ACC_PROTECTED, "<init>", "(Ljava/lang/String;I)V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, Builtins.OBJECT, "<init>", "()V", false);
        init.visitVarInsn(ALOAD, 0);
        init.visitVarInsn(ALOAD, 1);
        init.visitFieldInsn(PUTFIELD, NAME, "name", "Ljava/lang/String;");
        init.visitVarInsn(ALOAD, 0);
        init.visitVarInsn(ILOAD, 2);
        init.visitFieldInsn(PUTFIELD, NAME, "ordinal", "I");
        init.visitInsn(RETURN);
        init.visitMaxs(2, 3);
        init.visitEnd();

        getter(c, "ordinal", "ordinal", "I", IRETURN);
        getter(c, "name", "name", "Ljava/lang/String;", ARETURN);
        getter(c, "toString", "name", "Ljava/lang/String;", ARETURN);

        MethodVisitor eq = c.visitMethod(ACC_PUBLIC | ACC_FINAL, "equals", "(Ljava/lang/Object;)Z", null, null);
        eq.visitCode();
        Label differ = new Label();
        eq.visitVarInsn(ALOAD, 0);
        eq.visitVarInsn(ALOAD, 1);
        eq.visitJumpInsn(IF_ACMPNE, differ);
        eq.visitInsn(ICONST_1);
        eq.visitInsn(IRETURN);
        eq.visitLabel(differ);
        eq.visitInsn(ICONST_0);
        eq.visitInsn(IRETURN);
        eq.visitMaxs(2, 2);
        eq.visitEnd();

        MethodVisitor cmp = c.visitMethod(ACC_PUBLIC | ACC_FINAL, "compareTo", "(Ljava/lang/Enum;)I", null, null);
        cmp.visitCode();
        cmp.visitVarInsn(ALOAD, 0);
        cmp.visitFieldInsn(GETFIELD, NAME, "ordinal", "I");
        cmp.visitVarInsn(ALOAD, 1);
        cmp.visitFieldInsn(GETFIELD, NAME, "ordinal", "I");
        cmp.visitInsn(ISUB);
        cmp.visitInsn(IRETURN);
        cmp.visitMaxs(2, 2);
        cmp.visitEnd();
        c.visitEnd();
        return c;
    }

    private static void getter(ClassNode c, String method, String field, String desc, int ret) {
        MethodVisitor m = c.visitMethod(ACC_PUBLIC | (method.equals("toString") ? 0 : ACC_FINAL), method, "()" + desc, null, null);
        m.visitCode();
        m.visitVarInsn(ALOAD, 0);
        m.visitFieldInsn(GETFIELD, NAME, field, desc);
        m.visitInsn(ret);
        m.visitMaxs(1, 1);
        m.visitEnd();
    }
}
