package dev.keel.boot.translate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * Pass 1, read: whole-program reachability from the entry points (rapid type analysis). A method
 * is reachable when an entry, a static or special call, or a static initializer of an initialized
 * class reaches it; a virtual or interface call reaches the implementation in every class that
 * some reachable code instantiates. Only what is reachable is checked and translated.
 *
 * References into the JDK are not followed: the subset checker accepts the few that
 * {@link Builtins} and {@link Intrinsics} provide and rejects the rest.
 */
public final class Reachability {

    private final Program program;
    private final Deque<Program.Method> work = new ArrayDeque<>();

    private Reachability(ClassPool pool, List<EntryPoint> entries) {
        this.program = new Program(pool, entries);
    }

    /** The reachable program from {@code entries}; a missing class or entry is an error. */
    public static Program analyse(ClassPool pool, List<EntryPoint> entries) {
        Reachability r = new Reachability(pool, entries);
        for (EntryPoint e : entries) {
            r.addEntry(e);
        }
        r.run();
        return r.program;
    }

    /**
     * Everything in {@code classNames} as if all of it were used: every class read, every
     * concrete class instantiated, every method with a body reachable. For checking and compiling
     * a whole library (the kernel) before its entry points exist.
     */
    public static Program analyseAll(ClassPool pool, List<String> classNames) {
        Reachability r = new Reachability(pool, List.of());
        r.program.wholeLibrary = true;
        for (String c : classNames) {
            r.ensureClass(c, "the class list");
        }
        for (String c : classNames) {
            ClassNode node = r.program.cls(c);
            if ((node.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_INTERFACE)) == 0) {
                r.initialize(c);
                r.instantiate(c);
            }
            for (var m : node.methods) {
                boolean enumValueOf = EnumClass.NAME.equals(node.superName) && m.name.equals("valueOf")
                        && m.desc.equals("(Ljava/lang/String;)L" + c + ";"); // javac's, reflective
                if ((m.access & Opcodes.ACC_ABSTRACT) == 0 && !enumValueOf) {
                    r.addMethod(new Program.Method(node, m));
                }
            }
        }
        r.run();
        return r.program;
    }

    private void addEntry(EntryPoint e) {
        ensureClass(e.owner(), "entry point " + e.symbol());
        Program.Method m = program.resolveMethod(e.owner(), e.name(), e.desc());
        if (m != null && !m.isStatic() && e.desc().equals("()V")) {
            addTestEntry(e, m);
            return;
        }
        if (m == null || !m.isStatic()) {
            throw new TranslationException("entry point " + e.owner().replace('/', '.') + "." + e.name() + e.desc()
                    + " is not a static method, or an instance method ()V of a class with a no-argument constructor");
        }
        for (Type a : Type.getArgumentTypes(e.desc())) {
            if (a.getSort() == Type.ARRAY) {
                addArrayType(a.getDescriptor());
            }
        }
        initialize(e.owner());
        addMethod(m);
    }

    /**
     * An instance method {@code ()V} as entry, as a unit test runs: a fresh object from the
     * no-argument constructor, its {@code @BeforeEach} methods, then the method.
     */
    private void addTestEntry(EntryPoint e, Program.Method m) {
        ClassNode c = program.cls(e.owner());
        MethodNode ctor = ClassPool.declaredMethod(c, "<init>", "()V");
        if (ctor == null) {
            throw new TranslationException("entry point " + e.owner().replace('/', '.') + "." + e.name()
                    + " is an instance method, but the class has no no-argument constructor");
        }
        initialize(e.owner());
        instantiate(e.owner());
        addMethod(new Program.Method(c, ctor));
        for (MethodNode before : beforeEach(c)) {
            addMethod(new Program.Method(c, before));
        }
        addMethod(m);
    }

    /** The JUnit {@code @BeforeEach} methods declared in {@code c}. */
    static List<MethodNode> beforeEach(ClassNode c) {
        List<MethodNode> out = new ArrayList<>();
        for (MethodNode m : c.methods) {
            if (m.visibleAnnotations != null && m.desc.equals("()V")
                    && m.visibleAnnotations.stream().anyMatch(a -> a.desc.equals("Lorg/junit/jupiter/api/BeforeEach;"))) {
                out.add(m);
            }
        }
        return out;
    }

    private void run() {
        while (!work.isEmpty()) {
            Program.Method m = work.pop();
            for (AbstractInsnNode insn = m.node().instructions.getFirst(); insn != null; insn = insn.getNext()) {
                visit(m, insn);
            }
        }
    }

    private void visit(Program.Method from, AbstractInsnNode insn) {
        String where = from.owner().name.replace('/', '.') + "." + from.node().name;
        if (insn instanceof MethodInsnNode mi) {
            visitCall(mi, where);
        } else if (insn instanceof FieldInsnNode fi) {
            if (Intrinsics.staticField(fi.owner, fi.name) != null) {
                return;
            }
            ensureClass(fi.owner, where);
            Program.Field f = program.classes.containsKey(fi.owner) ? program.resolveField(fi.owner, fi.name) : null;
            if (f != null && f.isStatic()) {
                initialize(f.owner().name);
            }
        } else if (insn instanceof TypeInsnNode ti) {
            visitType(ti, where);
        } else if (insn instanceof IntInsnNode ii && ii.getOpcode() == Opcodes.NEWARRAY) {
            addArrayType(primitiveArray(ii.operand));
        } else if (insn instanceof MultiANewArrayInsnNode ma) {
            addArrayType(ma.desc);
            ensureClass(Type.getType(ma.desc).getElementType(), where);
        } else if (insn instanceof LdcInsnNode ldc && ldc.cst instanceof String s) {
            program.strings.add(s);
        }
    }

    private void visitType(TypeInsnNode ti, String where) {
        switch (ti.getOpcode()) {
            case Opcodes.NEW:
                ensureClass(ti.desc, where);
                if (program.classes.containsKey(ti.desc)) {
                    initialize(ti.desc);
                    instantiate(ti.desc);
                }
                break;
            case Opcodes.ANEWARRAY: {
                String arr = "[" + Type.getObjectType(ti.desc).getDescriptor();
                addArrayType(arr);
                ensureClass(Type.getType(arr).getElementType(), where);
                break;
            }
            default: // CHECKCAST, INSTANCEOF
                if (ti.desc.startsWith("[")) {
                    addArrayType(ti.desc);
                    ensureClass(Type.getType(ti.desc).getElementType(), where);
                } else {
                    ensureClass(ti.desc, where);
                }
        }
    }

    private void visitCall(MethodInsnNode mi, String where) {
        if (mi.owner.equals(Builtins.STRING) && mi.name.equals("getBytes")) {
            addArrayType("[B");
        }
        if (mi.owner.startsWith("[") || Intrinsics.lookup(mi.owner, mi.name, mi.desc) != null
                || Intrinsics.isIntrinsicClass(mi.owner)) {
            return;
        }
        ensureClass(mi.owner, where);
        if (!program.classes.containsKey(mi.owner)) {
            return;
        }
        Program.Method target = program.resolveMethod(mi.owner, mi.name, mi.desc);
        if (target == null) {
            return;
        }
        switch (mi.getOpcode()) {
            case Opcodes.INVOKESTATIC:
                initialize(target.owner().name);
                addMethod(target);
                break;
            case Opcodes.INVOKESPECIAL:
                addMethod(target);
                break;
            default:
                if ((target.node().access & Opcodes.ACC_PRIVATE) != 0) {
                    addMethod(target);
                    break;
                }
                List<String> site = List.of(mi.owner, mi.name + mi.desc);
                if (program.virtualSites.add(site)) {
                    for (String c : new ArrayList<>(program.instantiated)) {
                        dispatch(c, site);
                    }
                }
        }
    }

    private void dispatch(String cls, List<String> site) {
        if (!program.isSubtype(cls, site.get(0))) {
            return;
        }
        String sig = site.get(1);
        int paren = sig.indexOf('(');
        Program.Method impl = program.implementation(cls, sig.substring(0, paren), sig.substring(paren));
        if (impl != null) {
            addMethod(impl);
        }
    }

    /** Records an array type and the array types of its components (their descriptors are needed). */
    private void addArrayType(String desc) {
        for (String d = desc; d.startsWith("["); d = d.substring(1)) {
            program.arrayTypes.add(d);
        }
    }

    private void instantiate(String cls) {
        if (program.instantiated.add(cls)) {
            for (List<String> site : new ArrayList<>(program.virtualSites)) {
                dispatch(cls, site);
            }
        }
    }

    /** Marks the static initializers of {@code cls} and its superclasses reachable. */
    private void initialize(String cls) {
        for (String c : program.chain(cls)) {
            ClassNode node = program.cls(c);
            var clinit = ClassPool.declaredMethod(node, "<clinit>", "()V");
            if (clinit != null) {
                addMethod(new Program.Method(node, clinit));
            }
        }
    }

    private void addMethod(Program.Method m) {
        if ((m.node().access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0 && !isHardwareNative(m)) {
            if ((m.node().access & Opcodes.ACC_NATIVE) != 0 && !program.methods.containsKey(m.key())) {
                program.methods.put(m.key(), m); // the checker rejects it
            }
            return;
        }
        if (isHardwareNative(m)) {
            return;
        }
        if (program.methods.putIfAbsent(m.key(), m) == null) {
            work.add(m);
        }
    }

    private static boolean isHardwareNative(Program.Method m) {
        return Intrinsics.lookup(m.owner().name, m.node().name, m.node().desc) != null;
    }

    private void ensureClass(Type t, String neededBy) {
        if (t.getSort() == Type.OBJECT) {
            ensureClass(t.getInternalName(), neededBy);
        }
    }

    /** Reads {@code name} and its supertypes into the program, unless the JDK or the runtime owns it. */
    private void ensureClass(String name, String neededBy) {
        if (name.startsWith("[") || Builtins.isJdkName(name) && !program.pool.provides(name) || name.startsWith("org/junit/")
                || program.classes.containsKey(name)
                || Intrinsics.isIntrinsicClass(name)) {
            return;
        }
        ClassNode node = program.pool.get(name, neededBy);
        program.classes.put(name, node);
        for (var f : node.fields) {
            if (f.value instanceof String s) {
                program.strings.add(s); // a static final String's ConstantValue
            }
        }
        String by = name.replace('/', '.');
        if (node.superName != null) {
            ensureClass(node.superName, by);
        }
        for (String i : node.interfaces) {
            ensureClass(i, by);
        }
    }

    static String primitiveArray(int tag) {
        switch (tag) {
            case Opcodes.T_BOOLEAN: return "[Z";
            case Opcodes.T_CHAR: return "[C";
            case Opcodes.T_FLOAT: return "[F";
            case Opcodes.T_DOUBLE: return "[D";
            case Opcodes.T_BYTE: return "[B";
            case Opcodes.T_SHORT: return "[S";
            case Opcodes.T_INT: return "[I";
            default: return "[J";
        }
    }
}
