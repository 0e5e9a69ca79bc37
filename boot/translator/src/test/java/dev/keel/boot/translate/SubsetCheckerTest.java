package dev.keel.boot.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each subset rule rejects a small program, naming class, method, line, offset and rule. */
class SubsetCheckerTest {

    private static List<Violation> violations(String method) {
        EntryPoint e = EntryPoint.of("dev.keel.boot.translate.OutsideSubset", method, "()V", "e");
        Program p = Reachability.analyse(new ClassPool(Corpus.classpath()), List.of(e));
        return SubsetChecker.check(p);
    }

    private static Violation only(String method, String ruleFragment) {
        List<Violation> vs = violations(method);
        assertTrue(vs.stream().anyMatch(v -> v.rule().contains(ruleFragment)), method + ": " + vs);
        return vs.stream().filter(v -> v.rule().contains(ruleFragment)).findFirst().orElseThrow();
    }

    @Test
    void floatingPointIsRejectedWithPlace() {
        Violation v = only("floating", "no floating point");
        assertEquals("dev.keel.boot.translate.OutsideSubset", v.place().className());
        assertEquals("floating", v.place().methodName());
        assertEquals("OutsideSubset.java", v.place().sourceFile());
        assertTrue(v.place().line() > 0, v.toString());
        assertTrue(v.place().offset() >= 0, v.toString());
    }

    @Test
    void offsetsAreTheClassFileOffsets() {
        // 'long x = 5; double d = x;' : lconst? no: ldc2_w 5 (3 bytes) lstore_0 (1) lload_0 (1) l2d at offset 5
        Violation v = only("offsetProbe", "l2d");
        assertEquals(5, v.place().offset(), v.toString());
    }

    @Test
    void exceptionHandlersAreRejected() {
        only("catching", "exception handlers");
    }

    @Test
    void monitorsAreRejected() {
        only("locking", "monitorenter");
    }

    @Test
    void lambdasAndConcatenationAreRejected() {
        only("concatenating", "invokedynamic");
    }

    @Test
    void testCodeMayConcatenateNumbersAndStringsButNotObjects() {
        EntryPoint e = EntryPoint.of("dev.keel.boot.translate.OutsideSubset", "concatenatingAnObject", "()V", "e");
        Program p = Reachability.analyse(new ClassPool(Corpus.classpath()), List.of(e));
        p.testConveniences = true;
        List<Violation> vs = SubsetChecker.check(p);
        assertEquals(1, vs.size(), vs.toString());
        assertTrue(vs.get(0).rule().contains("String.valueOf"), "javac turns an Object operand into String.valueOf: " + vs);
        EntryPoint ok = EntryPoint.of("dev.keel.boot.translate.OutsideSubset", "concatenating", "()V", "e");
        Program q = Reachability.analyse(new ClassPool(Corpus.classpath()), List.of(ok));
        q.testConveniences = true;
        assertEquals(List.of(), SubsetChecker.check(q));
    }

    @Test
    void jdkCallsAreRejected() {
        only("jdkCall", "the JDK is outside the subset");
        only("jdkField", "belongs to the JDK");
        only("jdkObject", "JDK class outside the subset");
    }

    @Test
    void classLiteralsAndNonAsciiStringsAreRejected() {
        only("classLiteral", "class literals");
        only("nonAscii", "outside ASCII");
    }

    @Test
    void nativeMethodsWithoutIntrinsicAreRejected() {
        only("callsNative", "native method with no intrinsic");
    }

    @Test
    void synchronizedMethodsAreRejected() {
        only("synchronizedMethod", "synchronized");
    }

    @Test
    void assertEqualsOnObjectsNeedsIdentityEquality() {
        only("comparesWithEquals", "overrides equals");
    }

    @Test
    void translateThrowsWithEveryViolation() {
        EntryPoint e = EntryPoint.of("dev.keel.boot.translate.OutsideSubset", "everything", "()V", "e");
        SubsetViolationException ex = assertThrows(SubsetViolationException.class,
                () -> Translator.translate(Corpus.classpath(), List.of(e), false));
        assertTrue(ex.violations().size() >= 5, ex.getMessage());
        assertTrue(ex.getMessage().contains("OutsideSubset.java:"), ex.getMessage());
    }

    @Test
    void missingEntryIsAClearError() {
        EntryPoint e = EntryPoint.of("dev.keel.boot.translate.OutsideSubset", "nope", "()V", "e");
        TranslationException ex = assertThrows(TranslationException.class,
                () -> Reachability.analyse(new ClassPool(Corpus.classpath()), List.of(e)));
        assertTrue(ex.getMessage().contains("not a static method"), ex.getMessage());
    }

    @Test
    void theCorpusIsInsideTheSubset() {
        Program p = Reachability.analyse(new ClassPool(Corpus.classpath()), Corpus.entries());
        assertEquals(List.of(), SubsetChecker.check(p));
    }
}
