package dev.keel.boot.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Objects of a class given a typed pool come from that pool and nowhere else; the program's output
 * does not change; an exhausted pool panics.
 */
class TypedPoolTest {

    @Test
    void capabilitiesComeFromTheirPool() throws Exception {
        Path dir = Corpus.TARGET.resolve("pool-c");
        Files.createDirectories(dir);
        List<EntryPoint> entries = List.of(EntryPoint.of(Corpus.PACKAGE + "CapTable", "run", "([J)V", "corpus_CapTable"));
        Path src = dir.resolve("captable.c");
        Files.writeString(src, Translator.translate(Corpus.classpath(), entries, false));
        Path driver = dir.resolve("pool_driver.c");
        try (InputStream in = TypedPoolTest.class.getResourceAsStream("pool_driver.c")) {
            Files.write(driver, in.readAllBytes());
        }
        Path exe = dir.resolve("pool");
        Gcc.Result r = Gcc.hosted(dir, src, exe, true, List.of(driver.toAbsolutePath().toString()));
        assertTrue(r.ok(), r.output());

        String out = Gcc.run(List.of(exe.toString()), dir).output();
        String jvm = Corpus.runJvm("CapTable", new long[0]);
        assertTrue(out.startsWith(jvm), "program output changed:\n" + out);
        String[] sizes = out.substring(jvm.length()).trim().split(" ");
        long poolBytes = Long.parseLong(sizes[1]);
        // exactly the 32 + 64 capability objects of CapTable(32) and populated(), 16-byte aligned each
        assertEquals(0, poolBytes % 96, "whole objects only: " + poolBytes);
        long each = poolBytes / 96;
        assertTrue(each >= 32 && each % 16 == 0, "object size " + each);

        Gcc.Result small = Gcc.run(List.of(exe.toString(), "256"), dir);
        assertEquals(70, small.exit());
        assertTrue(small.output().contains("PANIC OutOfMemoryError at dev.keel.boot.corpus.CapTable.<init> line "), small.output());
    }
}
