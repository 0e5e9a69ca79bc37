package dev.keel.boot.translate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The output of pass 1: the reachable part of the program. Classes are the program's own (never
 * JDK classes); methods are those with bodies to translate, in discovery order so the output is
 * deterministic. Also answers the class-hierarchy questions the later passes ask.
 */
public final class Program {

    /** A method with its declaring class. */
    public record Method(ClassNode owner, MethodNode node) {
        public String key() {
            return owner.name + "." + node.name + node.desc;
        }

        public boolean isStatic() {
            return (node.access & Opcodes.ACC_STATIC) != 0;
        }
    }

    /** A resolved field with its declaring class. */
    public record Field(ClassNode owner, FieldNode node) {
        public boolean isStatic() {
            return (node.access & Opcodes.ACC_STATIC) != 0;
        }
    }

    public final ClassPool pool;
    public final List<EntryPoint> entries;
    /** Reachable program classes and interfaces, by internal name. */
    public final Map<String, ClassNode> classes = new LinkedHashMap<>();
    /** Classes with objects created by {@code new}. */
    public final Set<String> instantiated = new LinkedHashSet<>();
    /** Methods to translate, by {@link Method#key()}. */
    public final Map<String, Method> methods = new LinkedHashMap<>();
    /** Virtual and interface call sites as (static receiver type, name + descriptor). */
    public final Set<List<String>> virtualSites = new LinkedHashSet<>();
    /** Array type descriptors the program creates or tests against. */
    public final Set<String> arrayTypes = new LinkedHashSet<>();
    /**
     * True for test code only (never kernel code): string concatenation ({@code invokedynamic}
     * makeConcatWithConstants over numbers, chars, booleans and Strings) is translated.
     */
    public boolean testConveniences;
    /** True when every method is a root (a library check), so unused C functions are expected. */
    public boolean wholeLibrary;
    /** String literals, in first-use order. */
    public final Set<String> strings = new LinkedHashSet<>();

    Program(ClassPool pool, List<EntryPoint> entries) {
        this.pool = pool;
        this.entries = List.copyOf(entries);
    }

    /** The class, which must be reachable. */
    public ClassNode cls(String name) {
        ClassNode c = classes.get(name);
        if (c == null) {
            throw new IllegalStateException("not a reachable program class: " + name);
        }
        return c;
    }

    public boolean isInterface(String name) {
        ClassNode c = classes.get(name);
        return c != null && (c.access & Opcodes.ACC_INTERFACE) != 0;
    }

    /** Superclass, or null for classes directly under Object and for interfaces. */
    public String superOf(String name) {
        ClassNode c = classes.get(name);
        if (c == null || c.superName == null || !classes.containsKey(c.superName) || isInterface(name)) {
            return null;
        }
        return c.superName;
    }

    /** Classes from the root down to {@code name}, inclusive. */
    public List<String> chain(String name) {
        List<String> up = new ArrayList<>();
        for (String c = name; c != null; c = superOf(c)) {
            up.add(0, c);
        }
        return up;
    }

    /** True when a value of class {@code sub} may be used as {@code sup} (class or interface). */
    public boolean isSubtype(String sub, String sup) {
        if (sub.equals(sup) || sup.equals(Builtins.OBJECT)) {
            return true;
        }
        ClassNode c = classes.get(sub);
        if (c == null) {
            return false;
        }
        if (c.superName != null && !c.superName.equals(Builtins.OBJECT) && isSubtype(c.superName, sup)) {
            return true;
        }
        for (String i : c.interfaces) {
            if (isSubtype(i, sup)) {
                return true;
            }
        }
        return false;
    }

    /** Every interface {@code name} implements, directly or through supertypes. */
    public Set<String> allInterfaces(String name) {
        Set<String> out = new LinkedHashSet<>();
        collectInterfaces(name, out);
        return out;
    }

    private void collectInterfaces(String name, Set<String> out) {
        ClassNode c = classes.get(name);
        if (c == null) {
            return;
        }
        if (isInterface(name)) {
            out.add(name);
        }
        for (String i : c.interfaces) {
            collectInterfaces(i, out);
        }
        if (c.superName != null && !isInterface(name)) {
            collectInterfaces(c.superName, out);
        }
    }

    /**
     * JVM method resolution: the method {@code name desc} as seen from {@code owner} (its class
     * chain first, then superinterfaces), or null.
     */
    public Method resolveMethod(String owner, String name, String desc) {
        for (String c = owner; c != null && classes.containsKey(c); c = classes.get(c).superName) {
            MethodNode m = ClassPool.declaredMethod(classes.get(c), name, desc);
            if (m != null) {
                return new Method(classes.get(c), m);
            }
            if (isInterface(c)) {
                break;
            }
        }
        for (String i : allInterfaces(owner)) {
            MethodNode m = ClassPool.declaredMethod(classes.get(i), name, desc);
            if (m != null) {
                return new Method(classes.get(i), m);
            }
        }
        return null;
    }

    /**
     * Virtual selection: the code a call of {@code name desc} runs on an object whose class is
     * exactly {@code cls}: the nearest concrete declaration up the class chain, else a default
     * method of an interface; null when there is none (an abstract method).
     */
    public Method implementation(String cls, String name, String desc) {
        for (String c = cls; c != null && classes.containsKey(c); c = classes.get(c).superName) {
            MethodNode m = ClassPool.declaredMethod(classes.get(c), name, desc);
            if (m != null && (m.access & (Opcodes.ACC_STATIC | Opcodes.ACC_PRIVATE)) == 0) {
                return (m.access & Opcodes.ACC_ABSTRACT) != 0 ? null : new Method(classes.get(c), m);
            }
        }
        for (String i : allInterfaces(cls)) {
            MethodNode m = ClassPool.declaredMethod(classes.get(i), name, desc);
            if (m != null && (m.access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_STATIC | Opcodes.ACC_PRIVATE)) == 0) {
                return new Method(classes.get(i), m);
            }
        }
        return null;
    }

    /** JVM field resolution from {@code owner}: its chain, then interfaces; null when not found. */
    public Field resolveField(String owner, String name) {
        for (String c = owner; c != null && classes.containsKey(c); c = classes.get(c).superName) {
            FieldNode f = ClassPool.declaredField(classes.get(c), name);
            if (f != null) {
                return new Field(classes.get(c), f);
            }
            for (String i : allInterfaces(c)) {
                FieldNode fi = ClassPool.declaredField(classes.get(i), name);
                if (fi != null) {
                    return new Field(classes.get(i), fi);
                }
            }
        }
        return null;
    }

    /** Instantiated classes that are subtypes of {@code type}, in a fixed order. */
    public List<String> instantiatedSubtypes(String type) {
        List<String> out = new ArrayList<>();
        for (String c : instantiated) {
            if (isSubtype(c, type)) {
                out.add(c);
            }
        }
        return out;
    }

    /** True when the class or one of its superclasses has a static initializer. */
    public boolean needsInit(String name) {
        for (String c : chain(name)) {
            if (ClassPool.declaredMethod(classes.get(c), "<clinit>", "()V") != null) {
                return true;
            }
        }
        return false;
    }
}
