package dev.keel.boot.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * jqwik-generated inputs for the corpus programs that read their input array: each try runs the
 * program on the JVM and natively with the same longs and compares the output.
 */
class RandomInputPropertiesTest {

    private static final AtomicInteger CASES = new AtomicInteger();

    @Provide
    Arbitrary<long[]> inputs() {
        Arbitrary<Long> edgy = Arbitraries.longs().edgeCases(c -> c.includeOnly(0L, 1L, -1L, Long.MIN_VALUE,
                Long.MAX_VALUE, (long) Integer.MIN_VALUE, (long) Integer.MAX_VALUE));
        Arbitrary<Long> small = Arbitraries.longs().between(-70, 70);
        return Arbitraries.oneOf(edgy, small, Arbitraries.integers().map(i -> (long) i)).array(long[].class).ofMaxSize(12);
    }

    private static void same(String program, long[] in) {
        CASES.incrementAndGet();
        assertEquals(Corpus.runJvm(program, in), Corpus.runNative(program, in), program + " with input" + Corpus.args(in));
    }

    @Property(tries = 60, seed = "42")
    void intArithmeticMatches(@ForAll("inputs") long[] in) {
        same("IntArith", in);
    }

    @Property(tries = 40, seed = "42")
    void longArithmeticMatches(@ForAll("inputs") long[] in) {
        same("LongArith", in);
    }

    @Property(tries = 40, seed = "42")
    void conversionsMatch(@ForAll("inputs") long[] in) {
        same("Conversions", in);
    }

    @Property(tries = 30, seed = "42")
    void branchesMatch(@ForAll("inputs") long[] in) {
        same("Branches", in);
    }

    @Property(tries = 30, seed = "42")
    void mathHelpersMatch(@ForAll("inputs") long[] in) {
        same("MathLib", in);
    }

    @Property(tries = 30, seed = "42")
    void capabilityTableMatches(@ForAll("inputs") long[] in) {
        same("CapTable", in);
    }

    @Property(tries = 30, seed = "42")
    void runQueueMatches(@ForAll("inputs") long[] in) {
        same("RunQueue", in);
    }

    @Property(tries = 30, seed = "42")
    void pageTableMatches(@ForAll("inputs") long[] in) {
        same("PageTable", in);
    }

    @Property(tries = 20, seed = "42")
    void dispatchAndObjectsMatch(@ForAll("inputs") long[] in) {
        same("Dispatch", in);
        same("Interfaces", in);
        same("Objects", in);
        same("Strings", in);
        same("Arrays", in);
        same("Enums", in);
    }

    @AfterContainer
    static void summary() {
        Summary.put("jqwik", CASES.get() + " jqwik cases");
    }
}
