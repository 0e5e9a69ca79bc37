package dev.keel.hw.sim;

import dev.keel.hw.Mmu;

/** A simulated MMU: records the loaded root and counts invalidations. */
public final class SimMmu implements Mmu {

    private long root;
    private long invalidations;
    private long rootLoads;

    public void loadRoot(long root) {
        this.root = root;
        rootLoads++;
    }

    public long currentRoot() {
        return root;
    }

    public void invalidate(long va) {
        invalidations++;
    }

    public long invalidations() {
        return invalidations;
    }

    public long rootLoads() {
        return rootLoads;
    }
}
