package dev.keel.boot.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The translated corpus and a program using every hardware intrinsic compile with the kernel's
 * freestanding flags and no warning, and the hosted build of the hardware program runs the
 * simulation.
 */
class FreestandingCompileTest {

    @Test
    void corpusAndIntrinsicsCompileFreestandingWithoutWarnings() throws Exception {
        Path dir = Corpus.TARGET.resolve("freestanding-c");
        Files.createDirectories(dir);
        List<EntryPoint> entries = new java.util.ArrayList<>(Corpus.entries());
        entries.add(EntryPoint.of("dev.keel.boot.corpus.HardwareUse", "run", "([J)V", "corpus_HardwareUse"));
        String c = Translator.translate(Corpus.classpath(), entries, false);
        Path src = dir.resolve("kernel.c");
        Files.writeString(src, c);
        Gcc.Result r = Gcc.freestanding(dir, src, true);
        assertTrue(r.ok(), "freestanding gcc failed:\n" + r.output());
        assertTrue(r.output().isBlank(), "gcc printed:\n" + r.output());
        Gcc.Result objdump = Gcc.run(List.of("objdump", "-d", dir.resolve("kernel.free.o").toString()), dir);
        String asm = objdump.output();
        for (String insn : List.of("\tout ", "\tin ", "%cr0", "%cr2", "%cr3", "%cr4", "\tinvlpg", "\trdmsr", "\twrmsr",
                "\tcli", "\tsti", "\thlt", "\trdtsc", "\tpause")) {
            assertTrue(asm.contains(insn), "no " + insn + " in the freestanding object");
        }
        assertTrue(!asm.contains("xmm"), "SSE registers in -mgeneral-regs-only code");
        // Links with no C library and no libgcc, at a kernel address: every symbol is provided.
        Gcc.Result link = Gcc.run(List.of("gcc", "-nostdlib", "-static", "-no-pie", "-Wl,-e,corpus_IntArith",
                "-Wl,-Ttext=0xffffffff80100000", "-o", dir.resolve("kernel.elf").toAbsolutePath().toString(),
                dir.resolve("kernel.free.o").toAbsolutePath().toString(),
                dir.resolve("keel_rt.free.o").toAbsolutePath().toString(),
                dir.resolve("keel_rt_free.free.o").toAbsolutePath().toString()), dir);
        assertTrue(link.ok(), "freestanding link failed:\n" + link.output());
        Summary.put("freestanding", "freestanding compile clean (" + entries.size() + " entries, every intrinsic)");
    }

    @Test
    void wholeLibraryModeTranslatesEveryMethod() throws Exception {
        Path lib = Corpus.TARGET.resolve("corpus-library");
        Path pkg = lib.resolve("dev/keel/boot/corpus");
        Files.createDirectories(pkg);
        try (var files = Files.list(Corpus.TEST_CLASSES.resolve("dev/keel/boot/corpus"))) {
            for (Path f : files.filter(f -> !f.getFileName().toString().contains("UnitCases")).toList()) {
                Files.copy(f, pkg.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        String c = Translator.translateAll(List.of(lib), Corpus.classpath());
        Path dir = Corpus.TARGET.resolve("library-c");
        Files.createDirectories(dir);
        Path src = dir.resolve("library.c");
        Files.writeString(src, c);
        assertTrue(c.contains("CapTable_firstFree"), "every method is translated");
        Gcc.Result r = Gcc.freestanding(dir, src, true);
        assertTrue(r.ok() && r.output().isBlank(), r.output());
    }

    @Test
    void hostedBuildSimulatesTheHardware() throws Exception {
        Path dir = Corpus.TARGET.resolve("hardware-c");
        Files.createDirectories(dir);
        List<EntryPoint> entries = List.of(EntryPoint.of("dev.keel.boot.corpus.HardwareUse", "run", "([J)V", "hw"));
        Path src = dir.resolve("hw.c");
        Files.writeString(src, Translator.translate(Corpus.classpath(), entries, true));
        Path exe = dir.resolve("hw");
        Gcc.Result r = Gcc.hosted(dir, src, exe, true, List.of());
        assertTrue(r.ok(), r.output());
        // COM1 data port writes reach stdout; the simulated memory round-trips; hlt panics when hosted.
        assertEquals("ktrue", Gcc.run(List.of(exe.toString(), "hw"), dir).output());
        Gcc.Result halted = Gcc.run(List.of(exe.toString(), "hw", "99"), dir);
        assertEquals(70, halted.exit());
        assertTrue(halted.output().contains("PANIC UnsupportedOperationException at hlt in a hosted build"), halted.output());
    }
}
