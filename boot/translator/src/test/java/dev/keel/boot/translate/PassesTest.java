package dev.keel.boot.translate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/** Each pass alone: read, reachability, stack typing, layout, emit. */
class PassesTest {

    private static final String DISPATCH = "dev/keel/boot/corpus/Dispatch";

    private static Program program(String cls) {
        return Reachability.analyse(new ClassPool(Corpus.classpath()),
                List.of(EntryPoint.of(cls, "run", "([J)V", "e")));
    }

    @Test
    void classPoolReadsByInternalNameAndNamesWhoNeedsAMissingClass() {
        ClassPool pool = new ClassPool(Corpus.classpath());
        assertNotNull(pool.find(DISPATCH));
        assertNull(pool.find("dev/keel/Nope"));
        TranslationException e = assertThrows(TranslationException.class, () -> pool.get("dev/keel/Nope", "X.y"));
        assertTrue(e.getMessage().contains("needed by X.y"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ClassPool(List.of(Path.of("/no/such/dir"))));
    }

    @Test
    void classPoolReadsJars() throws Exception {
        Path jar = Corpus.TARGET.resolve("corpus-sample.jar");
        try (var out = new java.util.jar.JarOutputStream(java.nio.file.Files.newOutputStream(jar))) {
            for (String c : List.of("IntArith", "Strings")) {
                out.putNextEntry(new java.util.jar.JarEntry("dev/keel/boot/corpus/" + c + ".class"));
                out.write(java.nio.file.Files.readAllBytes(Corpus.TEST_CLASSES.resolve("dev/keel/boot/corpus/" + c + ".class")));
                out.closeEntry();
            }
        }
        ClassPool pool = new ClassPool(List.of(jar, Corpus.MAIN_CLASSES));
        assertNotNull(pool.find("dev/keel/boot/corpus/Strings"));
        assertEquals(List.of("dev/keel/boot/corpus/IntArith", "dev/keel/boot/corpus/Strings"),
                new ClassPool(List.of(jar)).allClassNames());
        Program p = Reachability.analyse(pool, List.of(EntryPoint.of("dev.keel.boot.corpus.Strings", "run", "([J)V", "e")));
        assertTrue(p.methods.containsKey("dev/keel/boot/corpus/Strings.checksum(Ljava/lang/String;)I"));
    }

    @Test
    void offsetsMatchTheClassFile() {
        ClassPool pool = new ClassPool(Corpus.classpath());
        ClassNode c = pool.find("dev/keel/boot/translate/OutsideSubset");
        MethodNode m = ClassPool.declaredMethod(c, "offsetProbe", "()V");
        // ldc2_w(3) lstore_0(1) lload_0(1) l2d(1) dstore_2(1) dload_2(1) d2i(1) putstatic(3) return
        assertArrayEquals(new int[] {0, 3, 4, 5, 6, 7, 8, 9, 12}, pool.offsets(c, m));
    }

    @Test
    void reachabilityFollowsOnlyInstantiatedClasses() {
        Program p = program(DISPATCH);
        assertTrue(p.instantiated.containsAll(List.of(DISPATCH + "$Rect", DISPATCH + "$Square", DISPATCH + "$Tri")));
        assertTrue(p.methods.containsKey(DISPATCH + "$Tri.area()J"));
        assertFalse(p.methods.containsKey(DISPATCH + "$Shape.area()J"), "abstract methods have no body");
        Program ints = program("dev/keel/boot/corpus/IntArith");
        assertFalse(ints.classes.containsKey(DISPATCH), "unrelated classes are not read");
    }

    @Test
    void hierarchyQueries() {
        Program p = program("dev/keel/boot/corpus/Interfaces");
        String timer = "dev/keel/boot/corpus/Interfaces$Timer";
        String device = "dev/keel/boot/corpus/Interfaces$Device";
        assertTrue(p.isSubtype(timer, device), "through Resettable");
        assertTrue(p.allInterfaces(timer).contains(device));
        Program.Method twice = p.implementation(timer, "readTwice", "(I)I");
        assertEquals(device, twice.owner().name, "default method");
    }

    @Test
    void stackTyperFollowsKindsThroughDups() {
        Program p = program("dev/keel/boot/corpus/Objects");
        MethodNode grow = p.methods.get("dev/keel/boot/corpus/Objects.grow(J)J").node();
        Kind[][] in = StackTyper.type(grow);
        int dup = -1;
        for (int i = 0; i < grow.instructions.size(); i++) {
            if (grow.instructions.get(i).getOpcode() == org.objectweb.asm.Opcodes.DUP2_X1) {
                dup = i;
            }
        }
        assertTrue(dup > 0, "javac compiles 'return weight += by' with dup2_x1");
        assertArrayEquals(new Kind[] {Kind.REF, Kind.LONG}, in[dup]);
        assertArrayEquals(new Kind[] {Kind.LONG, Kind.REF, Kind.LONG}, in[dup + 1]);
    }

    @Test
    void layoutPutsInheritedFieldsFirstAndRenamesShadowedOnes() {
        Program p = program(DISPATCH);
        Layout l = new Layout(p);
        List<String> names = l.fields(DISPATCH + "$Square").stream().map(f -> f.name).toList();
        assertEquals(List.of("tag", "w", "h", "tag"), names);
        assertEquals("f_tag", l.member(DISPATCH + "$Shape", "tag"));
        assertEquals("f_tag_2", l.member(DISPATCH + "$Rect", "tag"));
    }

    @Test
    void monomorphicCallsAreDirectAndPolymorphicOnesDispatch() {
        Program p = program(DISPATCH);
        Layout l = new Layout(p);
        assertNull(l.dispatchTarget(DISPATCH + "$Shape", "area()J"));
        assertTrue(l.selectors.containsKey("area()J"));
        assertNotNull(l.dispatchTarget(DISPATCH + "$Square", "tags()I"));
    }

    @Test
    void emitterWritesStructsDescriptorsAndEntryPoints() {
        String c = CEmitter.emit(program(DISPATCH), false);
        assertTrue(c.contains("struct Dispatch_Square {"), c);
        assertTrue(c.contains("const keel_class Dispatch_Square__class = { \"dev.keel.boot.corpus.Dispatch$Square\""));
        assertTrue(c.contains("void e(kobj *l0a KEEL_VAR) {"), "exported entry");
        assertFalse(c.contains("int main("), "no driver unless asked");
    }
}
