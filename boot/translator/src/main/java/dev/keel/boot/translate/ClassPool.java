package dev.keel.boot.translate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Pass 1, read: the class files of the program, parsed with ASM, looked up by internal name.
 *
 * Classes come from class directories and jars in the order given (the first definition of a name
 * wins, as on a class path). Nothing is parsed until first asked for. A few java.lang classes are
 * not read from the JDK at all: the translator provides them itself (see {@link Builtins}).
 */
public final class ClassPool {

    private final List<Path> roots;
    private final Map<String, ClassNode> cache = new HashMap<>();
    private final Map<String, byte[]> bytes = new HashMap<>();
    private final Map<String, Map<String, int[]>> offsets = new HashMap<>();
    private boolean testConveniences;

    public ClassPool(List<Path> roots) {
        for (Path r : roots) {
            if (!Files.exists(r)) {
                throw new IllegalArgumentException("class path entry does not exist: " + r);
            }
        }
        this.roots = List.copyOf(roots);
    }

    /**
     * Serves the translator's own {@code java.lang.StringBuilder} ({@link TestStringBuilder}) for
     * test code run natively. Kernel code is never translated with this on.
     */
    public ClassPool withTestConveniences() {
        testConveniences = true;
        cache.remove(TEST_BUILDER_JDK);
        return this;
    }

    static final String TEST_BUILDER_JDK = "java/lang/StringBuilder";
    private static final String TEST_BUILDER = "dev/keel/boot/translate/TestStringBuilder";

    /** True when this pool provides its own class under the JDK name {@code internalName}. */
    public boolean provides(String internalName) {
        return internalName.equals(EnumClass.NAME) || testConveniences && internalName.equals(TEST_BUILDER_JDK);
    }

    /** The class named {@code internalName} (slashes), or null when no root defines it. */
    public ClassNode find(String internalName) {
        if (cache.containsKey(internalName)) {
            return cache.get(internalName);
        }
        ClassNode node = internalName.equals(EnumClass.NAME) ? EnumClass.build()
                : testConveniences && internalName.equals(TEST_BUILDER_JDK) ? testBuilder() : load(internalName);
        cache.put(internalName, node);
        return node;
    }

    /** Like {@link #find}, but a missing class is an error naming who needed it. */
    public ClassNode get(String internalName, String neededBy) {
        ClassNode node = find(internalName);
        if (node == null) {
            throw new TranslationException("class " + internalName.replace('/', '.')
                    + " is not on the translator's class path (needed by " + neededBy + ")");
        }
        return node;
    }

    /** Every class name defined under the roots (for tools that translate whole directories). */
    public List<String> allClassNames() {
        List<String> names = new ArrayList<>();
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    files.filter(p -> p.toString().endsWith(".class")).forEach(p -> {
                        String rel = root.relativize(p).toString().replace('\\', '/');
                        names.add(rel.substring(0, rel.length() - ".class".length()));
                    });
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                try (JarFile jar = new JarFile(root.toFile())) {
                    jar.stream().map(JarEntry::getName).filter(n -> n.endsWith(".class"))
                            .forEach(n -> names.add(n.substring(0, n.length() - 6)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        names.removeIf(n -> n.endsWith("module-info") || n.endsWith("package-info"));
        return names;
    }

    private ClassNode load(String internalName) {
        String file = internalName + ".class";
        for (Path root : roots) {
            try {
                if (Files.isDirectory(root)) {
                    Path p = root.resolve(file);
                    if (Files.isRegularFile(p)) {
                        return parse(internalName, Files.readAllBytes(p));
                    }
                } else {
                    try (JarFile jar = new JarFile(root.toFile())) {
                        JarEntry e = jar.getJarEntry(file);
                        if (e != null) {
                            try (InputStream in = jar.getInputStream(e)) {
                                return parse(internalName, in.readAllBytes());
                            }
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + file + " from " + root, e);
            }
        }
        return null;
    }

    /** {@link TestStringBuilder}, renamed to java.lang.StringBuilder throughout. */
    private ClassNode testBuilder() {
        try (InputStream in = ClassPool.class.getResourceAsStream("/" + TEST_BUILDER + ".class")) {
            ClassNode node = new ClassNode();
            new ClassReader(in.readAllBytes()).accept(node, 0);
            node.name = TEST_BUILDER_JDK;
            for (FieldNode f : node.fields) {
                f.desc = f.desc.replace(TEST_BUILDER, TEST_BUILDER_JDK);
            }
            for (MethodNode m : node.methods) {
                m.desc = m.desc.replace(TEST_BUILDER, TEST_BUILDER_JDK);
                for (var insn = m.instructions.getFirst(); insn != null; insn = insn.getNext()) {
                    if (insn instanceof org.objectweb.asm.tree.MethodInsnNode mi) {
                        mi.owner = mi.owner.replace(TEST_BUILDER, TEST_BUILDER_JDK);
                        mi.desc = mi.desc.replace(TEST_BUILDER, TEST_BUILDER_JDK);
                    } else if (insn instanceof org.objectweb.asm.tree.FieldInsnNode fi) {
                        fi.owner = fi.owner.replace(TEST_BUILDER, TEST_BUILDER_JDK);
                    }
                }
            }
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ClassNode parse(String internalName, byte[] classFile) {
        ClassNode node = new ClassNode();
        new ClassReader(classFile).accept(node, 0);
        bytes.put(internalName, classFile);
        return node;
    }

    /**
     * The bytecode offset of each instruction of {@code m} (in the order of its ASM instruction
     * list, labels and line numbers excluded), or null when the class was not read from a file.
     */
    public int[] offsets(ClassNode cls, MethodNode m) {
        byte[] file = bytes.get(cls.name);
        if (file == null) {
            return null;
        }
        return offsets.computeIfAbsent(cls.name, n -> BytecodeOffsets.of(file)).get(m.name + m.desc);
    }

    /** The method declared in {@code cls} with this name and descriptor, or null. */
    public static MethodNode declaredMethod(ClassNode cls, String name, String desc) {
        for (MethodNode m : cls.methods) {
            if (m.name.equals(name) && m.desc.equals(desc)) {
                return m;
            }
        }
        return null;
    }

    /** The field declared in {@code cls} with this name, or null. */
    public static FieldNode declaredField(ClassNode cls, String name) {
        for (FieldNode f : cls.fields) {
            if (f.name.equals(name)) {
                return f;
            }
        }
        return null;
    }
}
