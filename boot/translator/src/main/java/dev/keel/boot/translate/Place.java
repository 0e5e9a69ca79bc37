package dev.keel.boot.translate;

import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * A point in the Java program: class, method, source file and line, bytecode offset. Used for
 * rejections, for {@code #line} directives and for the text of runtime panics.
 */
public record Place(String className, String methodName, String sourceFile, int line, int offset) {

    /** The place of {@code insn} in {@code m}; offset -1 and line 0 when unknown. */
    public static Place of(ClassPool pool, ClassNode cls, MethodNode m, AbstractInsnNode insn) {
        int line = 0;
        int index = 0;
        for (AbstractInsnNode n = m.instructions.getFirst(); n != null; n = n.getNext()) {
            if (n instanceof LineNumberNode ln) {
                line = ln.line;
            }
            if (n == insn) {
                break;
            }
            if (n.getOpcode() >= 0) {
                index++;
            }
        }
        int[] offs = insn == null ? null : pool.offsets(cls, m);
        int offset = offs != null && index < offs.length ? offs[index] : -1;
        return new Place(cls.name.replace('/', '.'), m.name, cls.sourceFile, line, offset);
    }

    /** The whole method (no particular instruction). */
    public static Place of(ClassNode cls, MethodNode m) {
        return new Place(cls.name.replace('/', '.'), m == null ? "-" : m.name, cls.sourceFile, 0, -1);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(className).append('.').append(methodName);
        if (sourceFile != null || line > 0) {
            s.append(" (").append(sourceFile == null ? "?" : sourceFile);
            if (line > 0) {
                s.append(':').append(line);
            }
            s.append(')');
        }
        if (offset >= 0) {
            s.append(" at bytecode offset ").append(offset);
        }
        return s.toString();
    }
}
