package dev.keel.kernel.cap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.keel.kernel.abi.Errors;

class CapabilitySpaceTest {

    private final CapabilitySpace cs = new CapabilitySpace(4, 8);

    private Capability at(int p, int s) {
        return cs.at(cs.globalSlot(p, s));
    }

    @Test
    void mintDiminishesRightsAndNeverAddsOne() {
        cs.createObject(1, 0, CapType.PORT, 5, true, false, true);
        cs.mint(1, 0, 2, 3, true, true, false, 9);
        Capability c = at(2, 3);
        assertTrue(c.canRead());
        assertFalse(c.canWrite(), "write was not held by the source");
        assertFalse(c.canGrant(), "grant was masked off");
        assertEquals(9, c.badge());
        assertEquals(5, c.object());
        assertEquals(cs.globalSlot(1, 0), cs.parentOf(cs.globalSlot(2, 3)));
        assertTrue(cs.invariantsHold());
    }

    @Test
    void aBadgedCapabilityCannotBeRebadged() {
        cs.createObject(1, 0, CapType.PORT, 5, true, true, true);
        cs.mint(1, 0, 1, 1, true, true, true, 7);
        cs.mint(1, 1, 1, 2, true, true, true, 8);
        assertEquals(7, at(1, 2).badge());
    }

    @Test
    void copyKeepsRightsAndRecordsTheParent() {
        cs.createObject(1, 0, CapType.MEMORY, 2, true, true, false);
        cs.copy(1, 0, 3, 0);
        assertTrue(at(3, 0).canWrite());
        assertFalse(at(3, 0).canGrant());
        assertEquals(cs.globalSlot(1, 0), cs.parentOf(cs.globalSlot(3, 0)));
    }

    @Test
    void moveEmptiesTheSourceAndRelinksChildren() {
        cs.createObject(1, 0, CapType.PORT, 1, true, true, true);
        cs.copy(1, 0, 1, 1);
        cs.move(1, 0, 2, 5);
        assertTrue(at(1, 0).isEmpty());
        assertEquals(cs.globalSlot(2, 5), cs.parentOf(cs.globalSlot(1, 1)));
        assertTrue(cs.invariantsHold());
    }

    @Test
    void revokeRemovesEveryDescendantButKeepsTheCapability() {
        cs.createObject(1, 0, CapType.PORT, 1, true, true, true);
        cs.copy(1, 0, 1, 1);
        cs.mint(1, 1, 2, 0, true, false, false, 3);
        cs.copy(2, 0, 3, 7);
        cs.createObject(1, 4, CapType.PORT, 2, true, true, true);
        cs.revoke(1, 0);
        assertFalse(at(1, 0).isEmpty());
        assertTrue(at(1, 1).isEmpty());
        assertTrue(at(2, 0).isEmpty());
        assertTrue(at(3, 7).isEmpty(), "grandchild in another space");
        assertFalse(at(1, 4).isEmpty(), "unrelated capability stays");
        assertTrue(cs.invariantsHold());
    }

    @Test
    void deleteReparentsChildrenSoRevokeStillReachesThem() {
        cs.createObject(1, 0, CapType.PORT, 1, true, true, true);
        cs.copy(1, 0, 1, 1);
        cs.copy(1, 1, 1, 2);
        assertFalse(cs.delete(1, 1), "other capabilities still name the port");
        assertEquals(cs.globalSlot(1, 0), cs.parentOf(cs.globalSlot(1, 2)));
        cs.revoke(1, 0);
        assertTrue(at(1, 2).isEmpty());
    }

    @Test
    void deleteReportsTheLastReference() {
        cs.createObject(1, 0, CapType.PORT, 1, true, true, true);
        cs.copy(1, 0, 2, 0);
        assertFalse(cs.delete(1, 0));
        assertTrue(cs.delete(2, 0));
        assertEquals(0, cs.references(CapType.PORT, 1));
    }

    @Test
    void destroyObjectDeletesEveryCapabilityToIt() {
        cs.createObject(1, 0, CapType.PROCESS, 3, true, true, true);
        cs.copy(1, 0, 2, 2);
        cs.destroyObject(CapType.PROCESS, 3);
        assertTrue(at(1, 0).isEmpty());
        assertTrue(at(2, 2).isEmpty());
    }

    @Test
    void checksNameTheFirstFailingReason() {
        cs.createObject(1, 0, CapType.PORT, 1, true, false, false);
        assertEquals(Errors.BAD_SLOT, cs.checkCap(1, 8, CapType.PORT, false, false, false));
        assertEquals(Errors.BAD_SLOT, cs.checkCap(1, -1, CapType.PORT, false, false, false));
        assertEquals(Errors.BAD_SLOT, cs.checkCap(9, 0, CapType.PORT, false, false, false));
        assertEquals(Errors.EMPTY_SLOT, cs.checkCap(1, 1, CapType.PORT, false, false, false));
        assertEquals(Errors.WRONG_TYPE, cs.checkCap(1, 0, CapType.IRQ, false, false, false));
        assertEquals(Errors.NO_RIGHTS, cs.checkCap(1, 0, CapType.PORT, false, true, false));
        assertEquals(Errors.OK, cs.checkCap(1, 0, CapType.PORT, true, false, false));
        assertEquals(Errors.SLOT_FULL, cs.checkDerive(1, 0, 1, 0));
        assertEquals(Errors.OK, cs.checkDerive(1, 0, 1, 1));
    }

    @Test
    void invariantCheckCatchesRightsThatGrew() {
        cs.createObject(1, 0, CapType.PORT, 1, true, false, false);
        cs.copy(1, 0, 1, 1);
        at(1, 1).write = true;
        assertFalse(cs.invariantsHold());
    }

    @Test
    void clearProcessEmptiesOnlyThatSpace() {
        cs.createObject(1, 0, CapType.PORT, 1, true, true, true);
        cs.copy(1, 0, 2, 0);
        cs.copy(2, 0, 2, 1);
        cs.clearProcess(2);
        assertTrue(at(2, 0).isEmpty());
        assertTrue(at(2, 1).isEmpty());
        assertFalse(at(1, 0).isEmpty());
        assertEquals(0, cs.firstFree(2));
    }
}
