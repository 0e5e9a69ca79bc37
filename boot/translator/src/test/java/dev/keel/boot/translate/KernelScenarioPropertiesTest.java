package dev.keel.boot.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/** Generated operation sequences for the kernel scenarios: same output natively as on the JVM. */
@AddLifecycleHook(KernelScenarioPropertiesTest.SkipWithoutKernel.class)
class KernelScenarioPropertiesTest {

    /** Skips the properties (reported as skipped) when the kernel has not been built. */
    public static final class SkipWithoutKernel implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            return Kernel.built() ? SkipResult.doNotSkip() : SkipResult.skip("kernel classes not built at " + Kernel.CLASSES);
        }
    }

    private static final AtomicInteger CASES = new AtomicInteger();

    @Provide
    Arbitrary<long[]> ops() {
        return Arbitraries.longs().between(0, 1L << 24).array(long[].class).ofMaxSize(40);
    }

    private static void same(String scenario, long[] in) {
        String[] out = Kernel.both(scenario, in);
        assertEquals(out[0], out[1], scenario + " with input" + Corpus.args(in));
        CASES.incrementAndGet();
    }

    @Property(tries = 40, seed = "42")
    void capabilityOperationsMatch(@ForAll("ops") long[] in) {
        same("CapabilityScenario", in);
    }

    @Property(tries = 40, seed = "42")
    void schedulerOperationsMatch(@ForAll("ops") long[] in) {
        same("SchedulerScenario", in);
    }

    @Property(tries = 40, seed = "42")
    void pageTableOperationsMatch(@ForAll("ops") long[] in) {
        same("PageTableScenario", in);
    }

    @AfterContainer
    static void summary() {
        if (CASES.get() > 0) {
            Summary.put("kernelprops", CASES.get() + " jqwik kernel-scenario cases");
        }
    }
}
