package dev.keel.proofs;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunnerPartsTest {

    @Test
    void classFilterMatchesSimpleQualifiedAndPackageNames() {
        assertTrue(ClassFilter.parse("").accepts("dev.keel.kernel.cap.Rights"));
        assertTrue(ClassFilter.parse("Rights").accepts("dev.keel.kernel.cap.Rights"));
        assertFalse(ClassFilter.parse("Rights").accepts("dev.keel.kernel.cap.MoreRights"));
        assertTrue(ClassFilter.parse("dev.keel.kernel.cap.Rights").accepts("dev.keel.kernel.cap.Rights"));
        assertTrue(ClassFilter.parse("Port, Rights").accepts("dev.keel.kernel.ipc.Port"));
        assertTrue(ClassFilter.parse("dev.keel.kernel.cap.*").accepts("dev.keel.kernel.cap.Capability"));
        assertFalse(ClassFilter.parse("dev.keel.kernel.cap.*").accepts("dev.keel.kernel.ipc.Port"));
    }

    @Test
    void openGoalsAreWrittenUnderTheOutputFolderOnlyWhenAsked() {
        ProofsMain.Options off = new ProofsMain.Options("src", "cp", "b.txt", "/tmp/out", 1, 1, 1, 1, "1g", "",
                false, false, false);
        assertEquals("", off.openGoalsDir());
        ProofsMain.Options on = new ProofsMain.Options("src", "cp", "b.txt", "/tmp/out", 1, 1, 1, 1, "1g", "",
                false, true, false);
        assertEquals(java.nio.file.Path.of("/tmp/out", "proofs", "open-goals").toString(), on.openGoalsDir());
    }

    @Test
    void switchingJmlOffKeepsLengthAndCode() {
        String src = "int x; /*@ ensures \\result > 0; @*/ int f() { return 1; } //@ invariant x > 0;\n";
        String off = SourceCopy.withoutJml(src);
        assertEquals(src.length(), off.length());
        assertFalse(off.contains("/*@") || off.contains("//@"));
        assertTrue(off.contains("int f() { return 1; }"));
    }

    @Test
    void keyKeywordsAreRenamedInCodeAndJmlButNotInLiterals() {
        String src = "/*@ ensures \\result == exec(1); @*/ public int exec(int x) { String s = \"exec\"; return executor + x; }";
        String key = SourceCopy.renameKeyKeywords(src);
        assertEquals("/*@ ensures \\result == exec_(1); @*/ public int exec_(int x) { String s = \"exec\"; return executor + x; }", key);
        assertEquals("int merge_point_; char c = '\\''; int ccatch_;",
                SourceCopy.renameKeyKeywords("int merge_point; char c = '\\''; int ccatch;"));
    }

    @Test
    void lintFindsTheJmlKeyRejectsWithItsLine() {
        String src = "class A {\n  /*@ public normal_behavior\n    @ ensures true;\n    @ assignable slots[*].*, parent[*];\n"
                + "    @*/\n  void f() { }\n  /*@ assignable head, \\old(tail).next; @*/\n  void g() { }\n"
                + "  /*@ assignable a[*]; ensures \\old(x) == x; @*/\n  void h() { }\n}\n";
        List<String> p = JmlLint.check(src);
        assertEquals(2, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("line 4: 'a[*].*' in assignable"), p.get(0));
        assertTrue(p.get(1).startsWith("line 7: \\old in assignable"), p.get(1));
    }

    @Test
    void classIsMappedToItsUnreadableFile() {
        Set<String> files = Set.of("dev/keel/kernel/ipc/Port.java");
        assertEquals("dev/keel/kernel/ipc/Port.java", ProofsMain.fileOfClass("dev.keel.kernel.ipc.Port", files));
        assertEquals("dev/keel/kernel/ipc/Port.java", ProofsMain.fileOfClass("dev.keel.kernel.ipc.Port.Entry", files));
        assertNull(ProofsMain.fileOfClass("dev.keel.kernel.ipc.Ipc", files));
    }

    @Test
    void knownKeyErrorsGetAHint() {
        assertTrue(LoadCheck.hint("JML construct \\old not allowed in this context.").contains("drop the \\old"));
        assertTrue(LoadCheck.hint("Method writable(long) not found! at Pte.java:26:25").contains("rename"));
        assertTrue(LoadCheck.hint("allFields(dev.keel.X[]::select(heap,self,f))").contains("\\infinite_union"));
        assertEquals("", LoadCheck.hint("something else"));
    }

    @Test
    void textReportHasOneRowPerContractWithOpenGoalsForOpenOnes() {
        String id = "p.A[p.A::f()].JML normal_behavior operation contract.0";
        String text = Reports.text(List.of(BaselineComparisonTest.open(id)), "Settings: x");
        String row = text.lines().filter(l -> l.startsWith("p.A")).findFirst().orElseThrow();
        assertTrue(row.matches("p\\.A\\s+m\\s+JML normal_behavior operation contract\\.0\\s+open\\s+20000\\s+9\\s+2"
                + "\\s+free\\s+step bound 20000 reached"), row);
    }
}
