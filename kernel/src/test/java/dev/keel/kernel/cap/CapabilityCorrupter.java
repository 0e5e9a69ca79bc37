package dev.keel.kernel.cap;

import dev.keel.kernel.Kernel;

/** Test-only: breaks RightsOnlyDiminish on purpose, to see the self-check catch it. */
public final class CapabilityCorrupter {

    private CapabilityCorrupter() {
    }

    public static void grantWrite(Kernel k, int process, int slot) {
        k.caps.at(k.caps.globalSlot(process, slot)).write = true;
        k.caps.at(k.caps.globalSlot(process, slot)).grant = true;
    }
}
