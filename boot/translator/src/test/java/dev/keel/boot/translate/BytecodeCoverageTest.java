package dev.keel.boot.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.tree.AbstractInsnNode;

/**
 * Every opcode the subset allows occurs in the translated code of some differential corpus
 * program. Writes the table opcode → programs to target/bytecode-coverage.md (the README's table
 * is copied from it).
 */
class BytecodeCoverageTest {

    @Test
    void everyAllowedBytecodeIsExercisedByTheCorpus() throws Exception {
        Map<Integer, TreeSet<String>> users = new TreeMap<>();
        for (String prog : Corpus.PROGRAMS) {
            EntryPoint e = EntryPoint.of(Corpus.PACKAGE + prog, "run", "([J)V", "p");
            Program p = Reachability.analyse(new ClassPool(Corpus.classpath()), List.of(e));
            for (Program.Method m : p.methods.values()) {
                for (AbstractInsnNode n = m.node().instructions.getFirst(); n != null; n = n.getNext()) {
                    if (n.getOpcode() >= 0) {
                        users.computeIfAbsent(n.getOpcode(), k -> new TreeSet<>()).add(prog);
                    }
                }
            }
        }
        List<String> missing = new ArrayList<>();
        StringBuilder table = new StringBuilder("| bytecode | corpus programs that execute it |\n|---|---|\n");
        for (int op : Bytecodes.allowedOpcodes()) {
            TreeSet<String> u = users.get(op);
            if (u == null) {
                missing.add(Bytecodes.name(op));
            }
            table.append("| `").append(Bytecodes.name(op)).append("` | ")
                    .append(u == null ? "**none**" : String.join(", ", u)).append(" |\n");
        }
        Files.writeString(Corpus.TARGET.resolve("bytecode-coverage.md"), table);
        assertEquals(List.of(), missing, "allowed bytecodes no corpus program uses");
        String readme = Files.readString(java.nio.file.Path.of("README.md"));
        org.junit.jupiter.api.Assertions.assertTrue(readme.contains(table),
                "README.md's bytecode table is stale: copy target/bytecode-coverage.md into it");
        Summary.put("coverage", Bytecodes.allowedOpcodes().size() + " allowed bytecodes, each in the corpus");
    }
}
