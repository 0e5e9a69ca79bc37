package dev.keel.proofs.raw;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads compiled classes with ASM and reports every raw access ({@link RawAccessPolicy}) made by a
 * class that may not make it: calls, field accesses, class literals, type checks, method
 * references (invokedynamic handles), supertypes, and native method declarations.
 */
final class RawAccessScan {

    private final List<Violation> violations = new ArrayList<>();
    private int classes;

    List<Violation> violations() {
        return violations;
    }

    int classes() {
        return classes;
    }

    /** Scans every .class file under {@code root}. */
    void scanTree(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("no class folder " + root + " (build the module first, with -am)");
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                scanClass(in.readAllBytes());
            }
        }
    }

    void scanClass(byte[] bytes) {
        classes++;
        new ClassReader(bytes).accept(new ClassScanner(), 0);
    }

    private final class ClassScanner extends ClassVisitor {
        private String name = "";
        private String source = "";
        private boolean allowed;

        ClassScanner() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                String[] interfaces) {
            this.name = name;
            this.allowed = RawAccessPolicy.allowed(name);
            if (superName != null) {
                type("<class>", superName, "extends", 0);
            }
            if (interfaces != null) {
                for (String i : interfaces) {
                    type("<class>", i, "implements", 0);
                }
            }
        }

        @Override
        public void visitSource(String source, String debug) {
            this.source = source == null ? "" : source;
        }

        @Override
        public MethodVisitor visitMethod(int access, String mname, String desc, String signature,
                String[] exceptions) {
            String method = mname + desc;
            if ((access & Opcodes.ACC_NATIVE) != 0 && !allowed && !RawAccessPolicy.mayDeclareNative(name)) {
                report(method, "declares native method " + mname + desc, dotted(name) + "." + mname, 0);
            }
            if (allowed) {
                return null;
            }
            return new MethodVisitor(Opcodes.ASM9) {
                private int line;

                @Override
                public void visitLineNumber(int l, Label start) {
                    line = l;
                }

                @Override
                public void visitMethodInsn(int op, String owner, String n, String d, boolean itf) {
                    member(method, owner, n, "calls " + dotted(owner) + "." + n + d, line);
                }

                @Override
                public void visitFieldInsn(int op, String owner, String n, String d) {
                    String verb = op == Opcodes.GETFIELD || op == Opcodes.GETSTATIC ? "reads" : "writes";
                    member(method, owner, n, verb + " field " + dotted(owner) + "." + n, line);
                }

                @Override
                public void visitTypeInsn(int op, String type) {
                    type(method, type, op == Opcodes.NEW ? "creates" : "uses type", line);
                }

                @Override
                public void visitLdcInsn(Object value) {
                    if (value instanceof Type t && t.getSort() == Type.OBJECT) {
                        type(method, t.getInternalName(), "uses class literal", line);
                    } else if (value instanceof Handle h) {
                        handle(method, h, line);
                    }
                }

                @Override
                public void visitInvokeDynamicInsn(String n, String d, Handle bsm, Object... args) {
                    for (Object a : args) {
                        if (a instanceof Handle h) {
                            handle(method, h, line);
                        }
                    }
                }
            };
        }

        private void handle(String method, Handle h, int line) {
            member(method, h.getOwner(), h.getName(),
                    "refers to " + dotted(h.getOwner()) + "." + h.getName() + h.getDesc(), line);
        }

        private void member(String method, String owner, String n, String what, int line) {
            if (!allowed && RawAccessPolicy.rawMember(owner, n)) {
                report(method, what, dotted(owner) + "." + n, line);
            }
        }

        private void type(String method, String type, String verb, int line) {
            if (!allowed && RawAccessPolicy.rawClass(type)) {
                report(method, verb + " " + dotted(type), dotted(type), line);
            }
        }

        private void report(String method, String what, String target, int line) {
            String loc = source.isEmpty() ? "" : source + (line > 0 ? ":" + line : "");
            violations.add(new Violation(dotted(name), method, what, target, loc));
        }
    }

    static String dotted(String internal) {
        return internal.replace('/', '.');
    }
}
