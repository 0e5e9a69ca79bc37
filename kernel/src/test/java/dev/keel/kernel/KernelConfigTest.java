package dev.keel.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** capabilityTableFits decides by a division; it must agree with the long product it stands for. */
class KernelConfigTest {

    private static final int[] EDGES = {
        Integer.MIN_VALUE, Integer.MIN_VALUE + 1, -65537, -65536, -46341, -46340, -2, -1, 0, 1, 2,
        46340, 46341, 65535, 65536, 65537, 32768, 1 << 30, Integer.MAX_VALUE - 1, Integer.MAX_VALUE,
    };

    private static KernelConfig config(int processes, int slots) {
        return new KernelConfig(processes, slots, 48, 4, 32, 64, 256, 8, 16, 32, 5, 900, 4, 256, 4);
    }

    private static boolean byProduct(int processes, int slots) {
        return (long) processes * slots <= Integer.MAX_VALUE;
    }

    @Test
    void divisionAgreesWithTheProductOnEdgeValues() {
        for (int p : EDGES) {
            for (int s : EDGES) {
                assertEquals(byProduct(p, s), config(p, s).capabilityTableFits(), p + " * " + s);
            }
        }
    }

    @Test
    void divisionAgreesAtTheLimit() {
        // 2^31 - 1 is prime: 1 * MAX is the only product exactly at the limit; 46341 * 46340 is the
        // largest product of two near-equal factors under it and 46341 * 46341 the smallest above.
        int[][] fits = {{1, Integer.MAX_VALUE}, {Integer.MAX_VALUE, 1}, {46341, 46340}, {-46341, -46340}};
        int[][] tooBig = {{2, Integer.MAX_VALUE}, {Integer.MAX_VALUE, 2}, {46341, 46341}, {-46341, -46341},
            {Integer.MIN_VALUE, -1}};
        for (int[] ps : fits) {
            assertTrue(byProduct(ps[0], ps[1]));
            assertTrue(config(ps[0], ps[1]).capabilityTableFits());
        }
        for (int[] ps : tooBig) {
            assertFalse(byProduct(ps[0], ps[1]));
            assertFalse(config(ps[0], ps[1]).capabilityTableFits());
        }
    }

    @Property(tries = 2000)
    void divisionAgreesWithTheProduct(@ForAll int processes, @ForAll int slots) {
        assertEquals(byProduct(processes, slots), config(processes, slots).capabilityTableFits());
    }
}
