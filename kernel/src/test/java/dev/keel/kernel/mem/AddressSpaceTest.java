package dev.keel.kernel.mem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which regions may hold program text: the first EXEC_SLOTS slots, when mapped executable. */
class AddressSpaceTest {

    private static final long VA = 0x400000L;

    @Test
    void theFirstAndLastTextSlotsCanBeExecutable() {
        AddressSpace s = new AddressSpace(1, AddressSpace.EXEC_SLOTS + 6);
        s.setRegion(0, VA, 1, false, true, 0, false);
        s.setRegion(AddressSpace.EXEC_SLOTS - 1, VA + 0x10000L, 1, false, true, 0, false);
        assertTrue(s.regionExecutable(0));
        assertTrue(s.regionExecutable(AddressSpace.EXEC_SLOTS - 1), "slot 63, the old mask's sign bit");
        assertFalse(s.regionExecutable(1), "a slot never mapped");
    }

    @Test
    void aSlotBeyondTheTextSlotsIsNeverExecutable() {
        AddressSpace s = new AddressSpace(1, AddressSpace.EXEC_SLOTS + 6);
        s.setRegion(AddressSpace.EXEC_SLOTS, VA, 1, false, true, 0, false);
        assertTrue(s.isUsed(AddressSpace.EXEC_SLOTS));
        assertFalse(s.regionExecutable(AddressSpace.EXEC_SLOTS));
    }

    @Test
    void remappingWithoutExecuteClearsTheFlag() {
        AddressSpace s = new AddressSpace(1, 4);
        s.setRegion(2, VA, 1, true, true, 0, true);
        assertTrue(s.regionExecutable(2));
        s.setRegion(2, VA, 1, true, false, 0, true);
        assertFalse(s.regionExecutable(2));
    }

    @Test
    void slotsOutsideTheSpaceAreNotExecutable() {
        AddressSpace s = new AddressSpace(1, 4);
        s.setRegion(0, VA, 1, false, true, 0, false);
        assertFalse(s.regionExecutable(-1));
        assertFalse(s.regionExecutable(4));
        assertFalse(s.regionExecutable(AddressSpace.EXEC_SLOTS + 1));
    }

    @Test
    void aRefusedRegionChangesNothing() {
        AddressSpace s = new AddressSpace(1, 4);
        s.setRegion(1, -4096L, 1, false, true, 0, false);
        assertFalse(s.isUsed(1));
        assertFalse(s.regionExecutable(1));
    }
}
