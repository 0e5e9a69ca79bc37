package dev.keel.proofs.raw;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The raw-access rule on classes compiled here, in the test: deliberate offenders are reported with
 * class, method, call and line, and make the rule fail; allowed callers and reviewed exceptions pass.
 */
class RawAccessScanTest {

    /** The intrinsic declarations, as the translator sees them (a copy: the real ones live in other modules). */
    private static final String INTRINSIC = """
            package dev.keel.hw.x86;
            public final class PhysicalMemory {
                private PhysicalMemory() {
                }
                public static native long load64(long pa);
                public static native void store64(long pa, long v);
            }
            """;

    private static final String KERNEL_PEEK = """
            package dev.keel.kernel.evil;
            import dev.keel.hw.x86.PhysicalMemory;
            public final class Peek {
                public static long peek(long pa) {
                    return PhysicalMemory.load64(pa);
                }
            }
            """;

    @TempDir
    Path dir;

    private Path compile(Map<String, String> sources) throws IOException {
        Path src = dir.resolve("src");
        Path out = dir.resolve("classes");
        Files.createDirectories(out);
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-g"));
        for (Map.Entry<String, String> e : sources.entrySet()) {
            Path f = src.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue(), StandardCharsets.UTF_8);
            args.add(f.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = javac.run(null, null, err, args.toArray(new String[0]));
        assertEquals(0, rc, "test sources must compile: " + err);
        return out;
    }

    private static List<Violation> scan(Path classes) throws IOException {
        RawAccessScan s = new RawAccessScan();
        s.scanTree(classes);
        return s.violations();
    }

    @Test
    void kernelPeekIsReportedWithClassMethodCallAndLine() throws IOException {
        Path classes = compile(Map.of("dev/keel/hw/x86/PhysicalMemory.java", INTRINSIC,
                "dev/keel/kernel/evil/Peek.java", KERNEL_PEEK));
        List<Violation> v = scan(classes);
        assertEquals(1, v.size(), v.toString());
        assertEquals("dev.keel.kernel.evil.Peek", v.get(0).caller());
        assertEquals("peek(J)J", v.get(0).method());
        assertEquals("calls dev.keel.hw.x86.PhysicalMemory.load64(J)J", v.get(0).what());
        assertEquals("dev.keel.hw.x86.PhysicalMemory.load64", v.get(0).target());
        assertEquals("Peek.java:5", v.get(0).location());
    }

    @Test
    void theRuleFailsAndPrintsTheOffender() throws IOException {
        Path classes = compile(Map.of("dev/keel/hw/x86/PhysicalMemory.java", INTRINSIC,
                "dev/keel/kernel/evil/Peek.java", KERNEL_PEEK));
        Output o = runMain(classes, null);
        assertEquals(1, o.code);
        assertTrue(o.text.contains("RAW ACCESS NOT ALLOWED: dev.keel.kernel.evil.Peek.peek(J)J calls "
                + "dev.keel.hw.x86.PhysicalMemory.load64(J)J (Peek.java:5)"), o.text);
        assertTrue(o.text.contains("Raw access: 2 classes scanned, 1 raw machine accesses"), o.text);
    }

    @Test
    void hwBootAdaptersAndTheUserRuntimeMayUseIntrinsicsOtherUserCodeMayNot() throws IOException {
        String body = "{ public static void poke() { dev.keel.hw.x86.PhysicalMemory.store64(8, 1); } }";
        Path classes = compile(Map.of("dev/keel/hw/x86/PhysicalMemory.java", INTRINSIC,
                "dev/keel/hw/sim/Driver.java", "package dev.keel.hw.sim; public class Driver " + body,
                "dev/keel/boot/x86/Adapter.java", "package dev.keel.boot.x86; public class Adapter " + body,
                "dev/keel/user/Sys.java", "package dev.keel.user; final class Sys " + body,
                "dev/keel/user/Prog.java", "package dev.keel.user; final class Prog " + body));
        List<Violation> v = scan(classes);
        assertEquals(1, v.size(), v.toString());
        assertEquals("dev.keel.user.Prog", v.get(0).caller());
        assertEquals("poke()V", v.get(0).method());
    }

    @Test
    void otherRawPathsAreReported() throws IOException {
        String src = """
                package dev.keel.kernel.evil;
                import java.util.function.LongUnaryOperator;
                public final class Sneaky {
                    static native long peekNative(long pa);
                    static LongUnaryOperator reference() {
                        return dev.keel.hw.x86.PhysicalMemory::load64;
                    }
                    static Object direct() {
                        return java.nio.ByteBuffer.allocateDirect(8);
                    }
                    static Object reflect() throws Exception {
                        return Class.forName("dev.keel.hw.x86.PhysicalMemory").getDeclaredMethods();
                    }
                    static Object unsafe() {
                        return sun.misc.Unsafe.class;
                    }
                }
                """;
        Path classes = compile(Map.of("dev/keel/hw/x86/PhysicalMemory.java", INTRINSIC,
                "dev/keel/kernel/evil/Sneaky.java", src));
        List<String> what = scan(classes).stream().map(Violation::what).toList();
        assertTrue(what.contains("declares native method peekNative(J)J"), what.toString());
        assertTrue(what.contains("refers to dev.keel.hw.x86.PhysicalMemory.load64(J)J"), what.toString());
        assertTrue(what.contains("calls java.nio.ByteBuffer.allocateDirect(I)Ljava/nio/ByteBuffer;"), what.toString());
        assertTrue(what.contains("calls java.lang.Class.forName(Ljava/lang/String;)Ljava/lang/Class;"), what.toString());
        assertTrue(what.contains("calls java.lang.Class.getDeclaredMethods()[Ljava/lang/reflect/Method;"), what.toString());
        assertTrue(what.contains("uses class literal sun.misc.Unsafe"), what.toString());
        assertEquals(6, what.size(), what.toString());
    }

    @Test
    void aReviewedExceptionCoversItsCallAndAnUnusedOneIsNamed() throws IOException {
        Path classes = compile(Map.of("dev/keel/hw/x86/PhysicalMemory.java", INTRINSIC,
                "dev/keel/kernel/evil/Peek.java", KERNEL_PEEK));
        Path exceptions = dir.resolve("exceptions.txt");
        Files.writeString(exceptions, """
                # reviewed
                dev.keel.kernel.evil.Peek dev.keel.hw.x86.PhysicalMemory.* | a test of the exceptions file
                dev.keel.kernel.Gone dev.keel.hw.x86.Ports.outb | no longer used
                """);
        Output o = runMain(classes, exceptions);
        assertEquals(0, o.code, o.text);
        assertTrue(o.text.contains("reviewed exception: dev.keel.kernel.evil.Peek.peek(J)J"), o.text);
        assertTrue(o.text.contains("unused exception (line 3): dev.keel.kernel.Gone dev.keel.hw.x86.Ports.outb"), o.text);
    }

    @Test
    void anExceptionWithoutAReasonIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RawAccessExceptions.parse(List.of("dev.keel.kernel.X dev.keel.hw.x86.Ports.outb")));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void aMissingClassFolderIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RawAccessScan().scanTree(dir.resolve("nowhere")));
        assertTrue(e.getMessage().contains("no class folder"), e.getMessage());
    }

    private record Output(int code, String text) {
    }

    private Output runMain(Path classes, Path exceptions) throws IOException {
        PrintStream old = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        String oldProp = System.getProperty("rawaccess.exceptions");
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
            if (exceptions != null) {
                System.setProperty("rawaccess.exceptions", exceptions.toString());
            } else {
                System.clearProperty("rawaccess.exceptions");
            }
            int code = RawAccessMain.run(List.of(classes.toString()));
            return new Output(code, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
            System.setErr(oldErr);
            if (oldProp == null) {
                System.clearProperty("rawaccess.exceptions");
            } else {
                System.setProperty("rawaccess.exceptions", oldProp);
            }
        }
    }
}
