package dev.keel.kernel.cap;

import dev.keel.kernel.abi.Errors;
import dev.keel.kernel.trace.CapTrace;
import org.checkerframework.checker.index.qual.NonNegative;

/**
 * The capability spaces of all processes and the derivation tree between their capabilities.
 *
 * Refines spec/Capabilities.tla: {@code slots} (process -> slot -> cap or empty) is the array
 * {@link #slots}, indexed by the global slot number {@code process * slotsPerProcess + slot};
 * {@code parent} (the derivation tree) is {@link #parent}, holding for each slot the global number
 * of the slot its capability was derived from, or {@link #NO_PARENT} for an original. The spec's
 * {@code objects} are the pools of the object types; this class only names them by (type, index).
 *
 * Invariants, as in the spec:
 * <ul>
 * <li>ParentIsFull: a parent link points at a full slot naming the same object.</li>
 * <li>RightsOnlyDiminish: a derived capability's rights are a subset of its parent's.</li>
 * <li>EmptyHasNoParent: an empty slot has no parent link.</li>
 * </ul>
 * Every mutator has a pure {@code check...} twin that returns an {@link Errors} code; the mutator
 * requires OK from it and cannot fail (decode, then act).
 */
public final class CapabilitySpace {

    public static final int NO_PARENT = -1;

    /*@ spec_public @*/ private final int slotsPerProcess;
    /*@ spec_public @*/ private final int processCount;

    // Guarded by the derivation invariants: change only through the actions below.
    /*@ spec_public @*/ private final Capability[] slots;
    /*@ spec_public @*/ private final int[] parent;

    /** Writes each action to the trace line when tracing is on (off unless attached at boot). */
    /*@ spec_public @*/ private final CapTrace trace = new CapTrace();

    // TLA+ TypeOK: one parent entry per slot.
    //@ public invariant slots.length == parent.length;
    //@ public invariant slots.length == slotsPerProcess * processCount;
    // Both at least 1, so each is at most their product (stated for the prover, which does not
    // multiply inequalities).
    //@ public invariant slotsPerProcess > 0 && processCount > 0;
    //@ public invariant slotsPerProcess <= slots.length && processCount <= slots.length;
    // TLA+ EmptyHasNoParent, ParentIsFull and RightsOnlyDiminish, under one quantifier: each
    // quantifier of the invariant is instantiated wherever it is opened, and one over both facts
    // made its users cheaper (CapCalls.mint 9,047 -> 7,247 steps, copy 7,340 -> 6,129).
    // Two facts true of every reachable state and needed by move: each slot object knows its
    // own number (so no object fills two slots, and emptying one slot empties no other), and no
    // slot is its own parent (relink would otherwise turn a moved link into a self link).
    //@ public invariant (\forall int g; 0 <= g && g < slots.length; slots[g].at == g && parent[g] != g && (slots[g].type == CapType.NONE ==> parent[g] == NO_PARENT) && (parent[g] != NO_PARENT ==> (0 <= parent[g] && parent[g] < slots.length && slots[parent[g]].type == slots[g].type && slots[parent[g]].object == slots[g].object && slots[g].rightsWithin(slots[parent[g]]))));

    /*@ public normal_behavior
      @ requires processCount > 0 && slotsPerProcess > 0;
      @ requires processCount * slotsPerProcess <= 2147483647;
      @ ensures this.processCount == processCount && this.slotsPerProcess == slotsPerProcess;
      @ assignable \nothing;
      @*/
    public /*@ pure @*/ CapabilitySpace(int processCount, int slotsPerProcess) {
        int p = processCount < 1 ? 1 : processCount;
        int s = slotsPerProcess < 1 ? 1 : slotsPerProcess;
        this.processCount = p;
        this.slotsPerProcess = s;
        productNonNegative(p - 1, s);
        productNonNegative(s - 1, p);
        //@ assert p * s >= s && p * s >= p;
        slots = emptySlots(p * s);
        parent = noParents(p * s);
    }

    /**
     * A table of n empty capabilities. Its own method, as ServiceTable.record: made inline, the
     * constructor's proof carried the loop's heap into the invariant and cost the most steps of
     * all the kernel's must-close proofs.
     */
    /*@ private normal_behavior
      @ requires n > 0;
      @ ensures \fresh(\result) && \result.length == n;
      @ ensures (\forall int i; 0 <= i && i < n; \result[i] != null && \result[i].type == CapType.NONE && \result[i].at == i);
      @ assignable \nothing;
      @*/
    private static /*@ pure helper @*/ Capability[] emptySlots(@NonNegative int n) {
        Capability[] t = new Capability[n];
        /*@ loop_invariant 0 <= g && g <= t.length;
          @ loop_invariant (\forall int i; 0 <= i && i < g; t[i] != null && t[i].type == CapType.NONE && t[i].at == i);
          @ assignable t[*];
          @ decreases t.length - g;
          @*/
        for (int g = 0; g < t.length; g++) {
            t[g] = new Capability();
            //@ set t[g].at = g;
        }
        return t;
    }

    /** n parent links, none set: every slot starts as an original. */
    /*@ private normal_behavior
      @ requires n > 0;
      @ ensures \fresh(\result) && \result.length == n;
      @ ensures (\forall int i; 0 <= i && i < n; \result[i] == NO_PARENT);
      @ assignable \nothing;
      @*/
    private static /*@ pure helper @*/ int[] noParents(@NonNegative int n) {
        int[] t = new int[n];
        /*@ loop_invariant 0 <= h && h <= t.length;
          @ loop_invariant (\forall int i; 0 <= i && i < h; t[i] == NO_PARENT);
          @ assignable t[*];
          @ decreases t.length - h;
          @*/
        for (int h = 0; h < t.length; h++) {
            t[h] = NO_PARENT;
        }
        return t;
    }

    /*@ public normal_behavior
      @ ensures \result == slotsPerProcess;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public int slotsPerProcess() {
        return slotsPerProcess;
    }

    /*@ public normal_behavior
      @ ensures \result == processCount;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public int processCount() {
        return processCount;
    }

    /** The global number of (process, slot), or -1 when either is out of range. */
    /*@ public normal_behavior
      @ requires 0 <= process && process < processCount && 0 <= slot && slot < slotsPerProcess;
      @ requires slots != null && slots.length == slotsPerProcess * processCount;
      @ requires slotsPerProcess <= slots.length && processCount <= slots.length;
      @ ensures \result == process * slotsPerProcess + slot;
      @ ensures 0 <= \result && \result < slots.length;
      @ assignable \strictly_nothing;
      @ also public normal_behavior
      @ requires !(0 <= process && process < processCount && 0 <= slot && slot < slotsPerProcess);
      @ ensures \result == -1;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public int globalSlot(int process, long slot) {
        if (process < 0 || process >= processCount || slot < 0 || slot >= slotsPerProcess) {
            return -1;
        }
        // A helper sees no invariant: the product bound comes from the precondition.
        productBound(process, processCount, slotsPerProcess);
        //@ assert process * slotsPerProcess >= 0;
        //@ assert process * slotsPerProcess + slotsPerProcess <= slots.length;
        // Each bound of the sum on its own, so that the overflow check splits.
        //@ assert process * slotsPerProcess + slot >= 0;
        //@ assert process * slotsPerProcess + slot < slots.length;
        return process * slotsPerProcess + (int) slot;
    }

    /**
     * Does nothing; its contract is a proof step. The prover normalises a product of sums into a
     * sum of products and then cannot show it non-negative; passed as two arguments, the factors
     * stay factors.
     */
    /*@ private normal_behavior
      @ requires a >= 0 && b >= 0;
      @ ensures a * b >= 0;
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure helper @*/ void productNonNegative(int a, int b) {
    }

    /** Does nothing at run time; its contract is a proof step: (a + 1) * c <= b * c for a < b. */
    /*@ private normal_behavior
      @ requires 0 <= a && a < b && c >= 0;
      @ ensures a * c + c <= b * c;
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure helper @*/ void productBound(int a, int b, int c) {
        productNonNegative(b - 1 - a, c);
    }

    /**
     * Does nothing at run time; its contract is a proof step. The prover does not tell two arrays
     * apart by their element types, so without it a write to {@code parent} might have changed
     * {@code slots} for all it knows.
     */
    /*@ private normal_behavior
      @ requires a != null && b != null;
      @ ensures (Object) a != (Object) b;
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure helper @*/ void apart(Capability[] a, int[] b) {
    }

    /** The capability in global slot {@code g}; an empty capability for an invalid number. */
    /*@ public normal_behavior
      @ requires slots != null && 0 <= g && g < slots.length && slots[g] != null;
      @ ensures \result == slots[g];
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public Capability at(int g) {
        if (g < 0 || g >= slots.length) {
            return empty;
        }
        return slots[g];
    }

    /** Returned for an invalid slot number; never stored into. */
    /*@ spec_public @*/ private final Capability empty = new Capability();

    /** The parent of global slot {@code g}, or NO_PARENT. */
    /*@ public normal_behavior
      @ requires parent != null && 0 <= g && g < parent.length;
      @ ensures \result == parent[g];
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public int parentOf(int g) {
        if (g < 0 || g >= parent.length) {
            return NO_PARENT;
        }
        return parent[g];
    }

    /** The trace of this capability system's actions (dev.keel.kernel.trace). */
    /*@ public normal_behavior
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ CapTrace trace() {
        return trace;
    }

    /** The total number of global slots. */
    /*@ public normal_behavior
      @ requires slots != null;
      @ ensures \result == slots.length;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public int size() {
        return slots.length;
    }

    // ---- checks (pure) ----

    /**
     * OK when (process, slot) holds a capability of {@code type} with at least the rights asked
     * for; otherwise the first failing reason. {@code type} NONE accepts any type. A helper that
     * requires only what it reads: the whole invariant in its proof cost more steps than the
     * check itself.
     */
    /*@ public normal_behavior
      @ requires slots != null && slots.length == slotsPerProcess * processCount;
      @ requires slotsPerProcess <= slots.length && processCount <= slots.length;
      @ requires (\forall int i; 0 <= i && i < slots.length; slots[i] != null);
      @ ensures \result == Errors.OK ==> 0 <= process && process < processCount && 0 <= slot && slot < slotsPerProcess;
      @ ensures \result == Errors.OK ==> process * slotsPerProcess + slot < slots.length;
      @ ensures \result == Errors.OK ==> slots[process * slotsPerProcess + slot].type != CapType.NONE;
      @ ensures \result == Errors.OK && needGrant ==> slots[process * slotsPerProcess + slot].grant;
      @ ensures \result == Errors.OK && needWrite ==> slots[process * slotsPerProcess + slot].write;
      @ ensures \result == Errors.OK && needRead ==> slots[process * slotsPerProcess + slot].read;
      @ ensures \result == Errors.OK <==> (0 <= process && process < processCount && 0 <= slot && slot < slotsPerProcess
      @     && process * slotsPerProcess + slot < slots.length
      @     && slots[process * slotsPerProcess + slot].type != CapType.NONE && (type == CapType.NONE || slots[process * slotsPerProcess + slot].type == type)
      @     && (!needRead || slots[process * slotsPerProcess + slot].read) && (!needWrite || slots[process * slotsPerProcess + slot].write)
      @     && (!needGrant || slots[process * slotsPerProcess + slot].grant));
      @ ensures \result <= 0;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public int checkCap(int process, long slot, int type, boolean needRead, boolean needWrite,
            boolean needGrant) {
        int g = globalSlot(process, slot);
        if (g < 0 || g >= slots.length) {
            return Errors.BAD_SLOT;
        }
        return checkHeld(slots[g], type, needRead, needWrite, needGrant);
    }

    /** checkCap's verdict on the capability {@code c} it found (one step, so checkCap's proof stays small). */
    /*@ private normal_behavior
      @ ensures \result == Errors.OK ==> c.type != CapType.NONE;
      @ ensures \result == Errors.OK ==> (!needRead || c.read) && (!needWrite || c.write) && (!needGrant || c.grant);
      @ ensures \result == Errors.OK <==> (c.type != CapType.NONE && (type == CapType.NONE || c.type == type)
      @     && (!needRead || c.read) && (!needWrite || c.write) && (!needGrant || c.grant));
      @ ensures \result <= 0;
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure helper @*/ int checkHeld(Capability c, int type, boolean needRead, boolean needWrite,
            boolean needGrant) {
        if (c.isEmpty()) {
            return Errors.EMPTY_SLOT;
        }
        if (type != CapType.NONE && c.type != type) {
            return Errors.WRONG_TYPE;
        }
        if (!holdsRights(c, needRead, needWrite, needGrant)) {
            return Errors.NO_RIGHTS;
        }
        return Errors.OK;
    }

    /** True when {@code c} has every right asked for (one step, so checkCap's proof stays small). */
    /*@ private normal_behavior
      @ ensures \result == ((!needRead || c.read) && (!needWrite || c.write) && (!needGrant || c.grant));
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure helper @*/ boolean holdsRights(Capability c, boolean needRead, boolean needWrite,
            boolean needGrant) {
        return !((needRead && !c.read) || (needWrite && !c.write) || (needGrant && !c.grant));
    }

    /** OK when (process, slot) is a valid, empty slot. A helper, as checkCap. */
    /*@ public normal_behavior
      @ requires slots != null && slots.length == slotsPerProcess * processCount;
      @ requires slotsPerProcess <= slots.length && processCount <= slots.length;
      @ requires (\forall int i; 0 <= i && i < slots.length; slots[i] != null);
      @ ensures \result == Errors.OK ==> 0 <= process && process < processCount && 0 <= slot && slot < slotsPerProcess;
      @ ensures \result == Errors.OK ==> process * slotsPerProcess + slot < slots.length;
      @ ensures \result == Errors.OK ==> slots[process * slotsPerProcess + slot].type == CapType.NONE;
      @ ensures \result <= 0;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public int checkEmpty(int process, long slot) {
        int g = globalSlot(process, slot);
        if (g < 0 || g >= slots.length) {
            return Errors.BAD_SLOT;
        }
        return slots[g].isEmpty() ? Errors.OK : Errors.SLOT_FULL;
    }

    /** OK when a capability in (sp, src) may be derived into the empty slot (dp, dst). A helper, as checkCap. */
    /*@ public normal_behavior
      @ requires slots != null && slots.length == slotsPerProcess * processCount;
      @ requires slotsPerProcess <= slots.length && processCount <= slots.length;
      @ requires (\forall int i; 0 <= i && i < slots.length; slots[i] != null);
      @ ensures \result == Errors.OK ==> 0 <= sp && sp < processCount && 0 <= src && src < slotsPerProcess;
      @ ensures \result == Errors.OK ==> 0 <= dp && dp < processCount && 0 <= dst && dst < slotsPerProcess;
      @ ensures \result == Errors.OK ==> sp * slotsPerProcess + src < slots.length && dp * slotsPerProcess + dst < slots.length;
      @ ensures \result == Errors.OK ==> slots[sp * slotsPerProcess + src].type != CapType.NONE && slots[dp * slotsPerProcess + dst].type == CapType.NONE;
      @ ensures \result <= 0;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public int checkDerive(int sp, long src, int dp, long dst) {
        int e = checkCap(sp, src, CapType.NONE, false, false, false);
        if (e != Errors.OK) {
            return e;
        }
        return checkEmpty(dp, dst);
    }

    /** The first empty slot of {@code process}, or -1 when its space is full. */
    /*@ public normal_behavior
      @ requires 0 <= process && process < processCount;
      @ ensures \result == -1 || (0 <= \result && \result < slotsPerProcess && slots[process * slotsPerProcess + \result].isEmpty());
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int firstFree(int process) {
        /*@ loop_invariant 0 <= s && s <= slotsPerProcess;
          @ assignable \strictly_nothing;
          @ decreases slotsPerProcess - s;
          @*/
        for (int s = 0; s < slotsPerProcess; s++) {
            int g = globalSlot(process, s);
            if (g >= 0 && g < slots.length && slots[g].isEmpty()) {
                return s;
            }
        }
        return -1;
    }

    // ---- actions ----

    /**
     * CreateObject: installs an original capability (no parent) with all rights asked for, for a
     * freshly created object, in the empty slot (process, slot).
     */
    /*@ public normal_behavior
      @ requires 0 <= process && process < processCount && 0 <= slot && slot < slotsPerProcess;
      @ requires slots[process * slotsPerProcess + slot].type == CapType.NONE;
      @ requires CapType.isObjectType(type);
      @ ensures slots[process * slotsPerProcess + slot].type == type && slots[process * slotsPerProcess + slot].object == object;
      @ ensures parent[process * slotsPerProcess + slot] == NO_PARENT;
      @ assignable \all_fields(slots[process * slotsPerProcess + slot]), parent[process * slotsPerProcess + slot];
      @*/
    public void createObject(int process, long slot, int type, int object, boolean read,
            boolean write, boolean grant) {
        apart(slots, parent);
        int g = globalSlot(process, slot);
        if (!slotPair(g, g)) {
            return;
        }
        install(g, type, object, 0, read, write, grant, NO_PARENT);
        traceCreate(process, slot);
    }

    /** Writes the trace line of a CreateObject when tracing is on; not a helper, as traceDerive. */
    /*@ private normal_behavior
      @ requires 0 <= process && process < processCount && 0 <= slot && slot < slotsPerProcess;
      @ assignable \nothing;
      @*/
    private void traceCreate(int process, long slot) {
        if (trace.on) { trace.createObject(this, process, slot); }
    }

    /**
     * Fills the empty global slot {@code g} and links it under {@code p} (or makes it an original).
     * The one step that grows the derivation tree: CreateObject, Mint and Copy go through it, so
     * the tree invariants are re-proved here once.
     */
    /*@ private normal_behavior
      @ requires 0 <= g && g < slots.length && slots[g].type == CapType.NONE && type != CapType.NONE;
      @ requires p == NO_PARENT || (0 <= p && p < slots.length && slots[p].type == type && slots[p].object == object
      @          && (!read || slots[p].read) && (!write || slots[p].write) && (!grant || slots[p].grant));
      @ ensures slots[g].type == type && slots[g].object == object && slots[g].badge == badge;
      @ ensures slots[g].read == read && slots[g].write == write && slots[g].grant == grant;
      @ ensures parent[g] == p;
      @ assignable slots[g].type, slots[g].object, slots[g].badge, slots[g].read, slots[g].write, slots[g].grant,
      @            parent[g];
      @*/
    private void install(int g, int type, int object, long badge, boolean read, boolean write, boolean grant,
            int p) {
        apart(slots, parent);
        if (g < 0 || g >= slots.length || g >= parent.length) {
            return;
        }
        slots[g].set(type, object, badge, read, write, grant);
        parent[g] = p;
    }

    /**
     * Mint: derives into (dp, dst) a capability to the same object with the rights of (sp, src)
     * diminished by the mask, and the given badge when the source is not badged yet.
     */
    /*@ public normal_behavior
      @ requires 0 <= sp && sp < processCount && 0 <= src && src < slotsPerProcess;
      @ requires 0 <= dp && dp < processCount && 0 <= dst && dst < slotsPerProcess;
      @ requires slots[sp * slotsPerProcess + src].type != CapType.NONE && slots[dp * slotsPerProcess + dst].type == CapType.NONE;
      @ ensures slots[dp * slotsPerProcess + dst].read == (read && slots[sp * slotsPerProcess + src].read);
      @ ensures slots[dp * slotsPerProcess + dst].write == (write && slots[sp * slotsPerProcess + src].write);
      @ ensures slots[dp * slotsPerProcess + dst].grant == (grant && slots[sp * slotsPerProcess + src].grant);
      @ ensures slots[dp * slotsPerProcess + dst].object == slots[sp * slotsPerProcess + src].object;
      @ ensures parent[dp * slotsPerProcess + dst] == sp * slotsPerProcess + src;
      @ assignable \all_fields(slots[dp * slotsPerProcess + dst]), parent[dp * slotsPerProcess + dst];
      @*/
    public void mint(int sp, long src, int dp, long dst, boolean read, boolean write, boolean grant,
            long badge) {
        apart(slots, parent);
        int s = globalSlot(sp, src);
        int d = globalSlot(dp, dst);
        if (!slotPair(s, d)) {
            return;
        }
        // at() as in copy; the diminished rights and the badge are worked out in installMinted.
        Capability c = at(s);
        installMinted(d, s, c, read, write, grant, badge);
        traceDerive("Mint", sp, src, dp, dst);
    }

    /**
     * Mint's install, with the rights of {@code c} diminished by the mask and its badge or the one
     * asked for. Its own step: each right's {@code &&} splits the proof, and in mint the four
     * splits each ran on through the trace hook and the postcondition (past 10,000 steps).
     */
    /*@ private normal_behavior
      @ requires 0 <= s && s < slots.length && 0 <= d && d < slots.length;
      @ requires slots[s] == c && c.type != CapType.NONE && slots[d].type == CapType.NONE;
      @ ensures slots[d].read == (read && c.read) && slots[d].write == (write && c.write) && slots[d].grant == (grant && c.grant);
      @ ensures slots[d].object == c.object;
      @ ensures parent[d] == s;
      @ assignable slots[d].type, slots[d].object, slots[d].badge, slots[d].read, slots[d].write, slots[d].grant, parent[d];
      @*/
    private void installMinted(int d, int s, Capability c, boolean read, boolean write, boolean grant, long badge) {
        // Through the getters: the prover knows the range of an int a method returns, not of an
        // int field, and install's int parameters must be shown in range.
        long b = badgeFor(c.badge(), badge);
        install(d, c.type(), c.object(), b, both(read, c.canRead()), both(write, c.canWrite()), both(grant, c.canGrant()), s);
    }

    /**
     * {@code a && b} through a call: written inline as an argument, each {@code &&} split the
     * proof of mint in two, and the eight paths each ran on to the end of the method.
     */
    /*@ private normal_behavior
      @ ensures \result == (a && b);
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private static boolean both(boolean a, boolean b) {
        return a && b;
    }

    /** The badge a minted capability gets: the source's, or {@code asked} when it has none. A call, as both. */
    /*@ private normal_behavior
      @ ensures \result == (held != 0 ? held : asked);
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private static long badgeFor(long held, long asked) {
        return held != 0 ? held : asked;
    }

    /** Copy: derives into (dp, dst) a capability equal to (sp, src). */
    /*@ public normal_behavior
      @ requires 0 <= sp && sp < processCount && 0 <= src && src < slotsPerProcess;
      @ requires 0 <= dp && dp < processCount && 0 <= dst && dst < slotsPerProcess;
      @ requires slots[sp * slotsPerProcess + src].type != CapType.NONE && slots[dp * slotsPerProcess + dst].type == CapType.NONE;
      @ ensures slots[dp * slotsPerProcess + dst].read == slots[sp * slotsPerProcess + src].read;
      @ ensures slots[dp * slotsPerProcess + dst].write == slots[sp * slotsPerProcess + src].write;
      @ ensures slots[dp * slotsPerProcess + dst].grant == slots[sp * slotsPerProcess + src].grant;
      @ ensures parent[dp * slotsPerProcess + dst] == sp * slotsPerProcess + src;
      @ assignable \all_fields(slots[dp * slotsPerProcess + dst]), parent[dp * slotsPerProcess + dst];
      @*/
    public void copy(int sp, long src, int dp, long dst) {
        apart(slots, parent);
        int s = globalSlot(sp, src);
        int d = globalSlot(dp, dst);
        if (!slotPair(s, d)) {
            return;
        }
        // Through the getters, as in mint; at() tests the bounds again for the index checker,
        // which does not read slotPair's contract.
        Capability c = at(s);
        install(d, c.type(), c.object(), c.badge(), c.canRead(), c.canWrite(), c.canGrant(), s);
        traceDerive("Copy", sp, src, dp, dst);
    }

    /**
     * True when {@code s} and {@code d} are both global slot numbers. One test with an "if and only
     * if" contract: the guard written as one {@code ||} chain split the action's proof once per
     * operand, and each branch ran on to the end of the method before it was found impossible.
     */
    /*@ private normal_behavior
      @ requires slots != null && parent != null;
      @ ensures \result <==> (0 <= s && s < slots.length && 0 <= d && d < slots.length && d < parent.length);
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private boolean slotPair(int s, int d) {
        if (s < 0 || s >= slots.length) {
            return false;
        }
        if (d < 0 || d >= slots.length || d >= parent.length) {
            return false;
        }
        return true;
    }

    /**
     * Writes the trace line of a Mint, Copy or Move when tracing is on. Not a helper: its contract
     * carries the invariant across the trace call, which changes no capability, so the proof of
     * the action ends on the invariant that install established instead of showing it again.
     */
    /*@ private normal_behavior
      @ requires 0 <= sp && sp < processCount && 0 <= src && src < slotsPerProcess;
      @ requires 0 <= dp && dp < processCount && 0 <= dst && dst < slotsPerProcess;
      @ assignable \nothing;
      @*/
    private void traceDerive(String action, int sp, long src, int dp, long dst) {
        if (trace.on) { trace.derive(this, action, sp, src, dp, dst); }
    }

    /**
     * Move: the capability in (sp, src) goes to (dp, dst) with its parent link; its children now
     * point at the new slot. The source becomes empty.
     */
    /*@ public normal_behavior
      @ requires 0 <= sp && sp < processCount && 0 <= src && src < slotsPerProcess;
      @ requires 0 <= dp && dp < processCount && 0 <= dst && dst < slotsPerProcess;
      @ requires slots[sp * slotsPerProcess + src].type != CapType.NONE && slots[dp * slotsPerProcess + dst].type == CapType.NONE;
      @ requires sp * slotsPerProcess + src != dp * slotsPerProcess + dst;
      @ ensures slots[sp * slotsPerProcess + src].type == CapType.NONE;
      @ ensures parent[dp * slotsPerProcess + dst] == \old(parent[sp * slotsPerProcess + src]);
      @ assignable \all_fields(slots[sp * slotsPerProcess + src]), \all_fields(slots[dp * slotsPerProcess + dst]), parent[*];
      @*/
    public void move(int sp, long src, int dp, long dst) {
        apart(slots, parent);
        int s = globalSlot(sp, src);
        int d = globalSlot(dp, dst);
        if (!distinctPair(s, d)) {
            return;
        }
        // Through the getters and parentOf, as in mint: the prover knows the range of an int a
        // method returns, not of an int field or array element. at() as in copy.
        Capability c = at(s);
        int p = parentOf(s);
        rightsUnder(c, p);
        install(d, c.type(), c.object(), c.badge(), c.canRead(), c.canWrite(), c.canGrant(), p);
        relink(s, d);
        c.clear();
        unlink(s);
        traceDerive("Move", sp, src, dp, dst);
    }

    /**
     * Does nothing at run time; its contract is a proof step. install states the parent's rights
     * flag by flag, the invariant through rightsWithin, which the prover left folded while it
     * unrolled parent[parent[..]] chains.
     */
    /*@ private normal_behavior
      @ requires slots != null && c != null;
      @ requires p == NO_PARENT || (0 <= p && p < slots.length && slots[p] != null && slots[p].type == c.type
      @     && slots[p].object == c.object && c.rightsWithin(slots[p]));
      @ ensures p == NO_PARENT || (0 <= p && p < slots.length && slots[p].type == c.type && slots[p].object == c.object
      @     && (!c.read || slots[p].read) && (!c.write || slots[p].write) && (!c.grant || slots[p].grant));
      @ assignable \strictly_nothing;
      @*/
    private /*@ pure helper @*/ void rightsUnder(Capability c, int p) {
    }

    /** Removes the parent link of global slot {@code g}; tests the bounds itself for the index checker, as at(). */
    /*@ private normal_behavior
      @ requires parent != null && 0 <= g && g < parent.length;
      @ ensures parent[g] == NO_PARENT;
      @ assignable parent[g];
      @*/
    private /*@ helper @*/ void unlink(int g) {
        if (g < 0 || g >= parent.length) {
            return;
        }
        parent[g] = NO_PARENT;
    }

    /** slotPair for two different slots, with s also a parent index: move's guard, one test as slotPair's. */
    /*@ private normal_behavior
      @ requires slots != null && parent != null;
      @ ensures \result <==> (0 <= s && s < slots.length && s < parent.length && 0 <= d && d < slots.length
      @     && d < parent.length && s != d);
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private boolean distinctPair(int s, int d) {
        if (s == d || s >= parent.length) {
            return false;
        }
        return slotPair(s, d);
    }

    /**
     * Points every child of global slot {@code from} at {@code to}; the other links stay. A helper:
     * the tree is whole again only once the caller has emptied {@code from}.
     */
    /*@ private normal_behavior
      @ requires parent != null;
      @ ensures (\forall int g; 0 <= g && g < parent.length; \old(parent[g]) == from ==> parent[g] == to);
      @ ensures (\forall int g; 0 <= g && g < parent.length; \old(parent[g]) != from ==> parent[g] == \old(parent[g]));
      @ assignable parent[*];
      @*/
    private /*@ helper @*/ void relink(int from, int to) {
        /*@ loop_invariant 0 <= g && g <= parent.length;
          @ loop_invariant (\forall int h; 0 <= h && h < g; \old(parent[h]) == from ==> parent[h] == to);
          @ loop_invariant (\forall int h; 0 <= h && h < g; \old(parent[h]) != from ==> parent[h] == \old(parent[h]));
          @ loop_invariant (\forall int h; g <= h && h < parent.length; parent[h] == \old(parent[h]));
          @ assignable parent[*];
          @ decreases parent.length - g;
          @*/
        for (int g = 0; g < parent.length; g++) {
            if (parent[g] == from) {
                parent[g] = to;
            }
        }
    }

    /**
     * Delete: empties (process, slot). Its children keep their place in the tree: they are
     * re-parented to the deleted capability's parent, so a later revoke there still reaches them.
     * Returns true when no other capability names the object any more.
     */
    // Stated over fields, not as checkCap(process, slot, NONE, no rights) == OK and globalSlot:
    // the same condition (checkCap's "if and only if"), but a query in a contract is evaluated by
    // running its body in every proof that meets it. In this form it is what Reclaimer.checkDelete
    // says of an OK result.
    /*@ public normal_behavior
      @ requires 0 <= process && process < processCount && 0 <= slot && slot < slotsPerProcess
      @     && process * slotsPerProcess + slot < slots.length
      @     && slots[process * slotsPerProcess + slot].type != CapType.NONE;
      @ ensures slots[process * slotsPerProcess + slot].type == CapType.NONE;
      @ assignable \all_fields(slots[process * slotsPerProcess + slot]), parent[*];
      @*/
    public boolean delete(int process, long slot) {
        apart(slots, parent);
        boolean last = deleteGlobal(globalSlot(process, slot));
        traceRemove("Delete", process, slot);
        return last;
    }

    /** Writes the trace line of a Delete or Revoke when tracing is on; not a helper, as traceDerive. */
    /*@ private normal_behavior
      @ requires 0 <= process && process < processCount && 0 <= slot && slot < slotsPerProcess;
      @ assignable \nothing;
      @*/
    private void traceRemove(String action, int process, long slot) {
        if (trace.on) { trace.remove(this, action, process, slot); }
    }

    /**
     * Empties global slot {@code g}; true when no capability names its object any more. The other
     * slots keep their capability: stated, so that the loops of clearProcess and destroyObject need
     * not open the invariant to tell the slot objects apart.
     */
    /*@ private normal_behavior
      @ requires 0 <= g && g < slots.length;
      @ ensures slots[g].type == CapType.NONE;
      @ ensures (\forall int h; 0 <= h && h < slots.length && h != g; slots[h].type == \old(slots[h].type) && slots[h].object == \old(slots[h].object));
      @ assignable slots[g].type, slots[g].object, slots[g].badge, slots[g].read, slots[g].write, slots[g].grant,
      @            parent[*];
      @*/
    private boolean deleteGlobal(int g) {
        apart(slots, parent);
        if (g < 0 || g >= slots.length || g >= parent.length) {
            return false;
        }
        int type = slots[g].type;
        int object = slots[g].object;
        relink(g, parent[g]);
        slots[g].clear();
        parent[g] = NO_PARENT;
        return references(type, object) == 0;
    }

    /**
     * True when global slot {@code g} descends from global slot {@code ancestor}. A helper that
     * requires only the links it follows: revoke asks it while its slots are half cleared, when
     * the invariant does not hold.
     */
    /*@ public normal_behavior
      @ requires parent != null && 0 <= g && g < parent.length;
      @ requires (\forall int h; 0 <= h && h < parent.length; parent[h] == NO_PARENT || (0 <= parent[h] && parent[h] < parent.length));
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public boolean descendsFrom(int g, int ancestor) {
        int at = parentOf(g);
        // The walk follows parent links (ParentIsFull keeps them in range); a tree is at most
        // parent.length deep, so the bound only matters for a corrupted tree.
        /*@ loop_invariant 0 <= depth && depth <= parent.length;
          @ loop_invariant at == NO_PARENT || (0 <= at && at < parent.length);
          @ assignable \strictly_nothing;
          @ decreases parent.length - depth;
          @*/
        for (int depth = 0; depth < parent.length && at >= 0; depth++) {
            if (at == ancestor) {
                return true;
            }
            at = parentOf(at);
        }
        return false;
    }

    /**
     * Revoke: deletes every capability derived, directly or not, from (process, slot); the
     * capability itself stays.
     */
    /*@ public normal_behavior
      @ requires 0 <= process && process < processCount && 0 <= slot && slot < slotsPerProcess;
      @ requires slots[process * slotsPerProcess + slot].type != CapType.NONE;
      @ ensures (\forall int g; 0 <= g && g < slots.length; !descendsFrom(g, globalSlot(process, slot)));
      @ ensures slots[process * slotsPerProcess + slot].type != CapType.NONE;
      @ assignable \infinite_union(int i; 0 <= i && i < slots.length; \all_fields(slots[i])), parent[*];
      @*/
    public void revoke(int process, long slot) {
        apart(slots, parent);
        int a = globalSlot(process, slot);
        // The links stay while the descendants are emptied: descendsFrom follows them.
        /*@ loop_invariant 0 <= g && g <= slots.length;
          @ assignable \infinite_union(int i; 0 <= i && i < slots.length; \locset(slots[i].type, slots[i].object, slots[i].badge, slots[i].read, slots[i].write, slots[i].grant));
          @ decreases slots.length - g;
          @*/
        for (int g = 0; g < slots.length; g++) {
            if (descendsFrom(g, a)) {
                slots[g].clear();
            }
        }
        /*@ loop_invariant 0 <= h && h <= parent.length;
          @ assignable parent[*];
          @ decreases parent.length - h;
          @*/
        for (int h = 0; h < parent.length && h < slots.length; h++) {
            if (slots[h].isEmpty()) {
                parent[h] = NO_PARENT;
            }
        }
        traceRemove("Revoke", process, slot);
    }

    /**
     * DestroyObject: deletes every capability that names (type, object). The result is stated over
     * the slots, from which references' contract gives a count of 0: written as that query, the
     * proof ran references' loop on the final heap.
     */
    // The type's range over constants, not as CapType.isObjectType(type): a query in a requires
    // is evaluated again in the method's proof, and the loop needs type != NONE to keep an emptied
    // slot out of its result. The trace keeps its witness in destroyWitness between the two hooks
    // and clears it after; the frame names it, since it is written whenever tracing is on.
    /*@ public normal_behavior
      @ requires type > CapType.NONE && type < CapType.COUNT;
      @ ensures (\forall int g; 0 <= g && g < slots.length; !(slots[g].type == type && slots[g].object == object));
      @ assignable \infinite_union(int i; 0 <= i && i < slots.length; \all_fields(slots[i])), parent[*], trace.destroyWitness;
      @*/
    public void destroyObject(int type, int object) {
        apart(slots, parent);
        traceDestroying(type, object);
        destroyAll(type, object);
    }

    /**
     * Deletes the capabilities that name (type, object), then writes the trace line. A step of its
     * own, so that destroyObject ends on this contract word for word; the trace hook comes after
     * the recursion, which then has no base case of its own to carry the witness through.
     */
    /*@ private normal_behavior
      @ requires type > CapType.NONE && type < CapType.COUNT;
      @ requires trace.on ==> trace.destroyWitness < slots.length;
      @ ensures (\forall int g; 0 <= g && g < slots.length; !(slots[g].type == type && slots[g].object == object));
      @ assignable \infinite_union(int i; 0 <= i && i < slots.length; \all_fields(slots[i])), parent[*], trace.destroyWitness;
      @*/
    private void destroyAll(int type, int object) {
        destroyFrom(0, type, object);
        traceDestroyed(type, object);
    }

    /**
     * Deletes the capabilities that name (type, object) from global slot {@code g} on. Recursion
     * rather than a loop, as clearFrom, and for the same reason the later slots go first: the
     * recursive call's frame is then read on this call's own heap and is this frame word for
     * word, and destroySlot's frame is a ground read. The order does not matter, as in clearFrom.
     */
    /*@ private normal_behavior
      @ requires type > CapType.NONE && 0 <= g && g <= slots.length;
      @ ensures (\forall int h; g <= h && h < slots.length; !(slots[h].type == type && slots[h].object == object));
      @ assignable \infinite_union(int i; 0 <= i && i < slots.length; \all_fields(slots[i])), parent[*];
      @ measured_by slots.length - g;
      @*/
    private void destroyFrom(int g, int type, int object) {
        if (g >= slots.length) {
            return;
        }
        // destroySlot's frame reads slots[g] on the recursive call's heap, which writes parent[*].
        apart(slots, parent);
        // The bound of g + 1 on its own, so that its overflow check splits off and closes.
        //@ assert g + 1 <= slots.length;
        destroyFrom(g + 1, type, object);
        destroySlot(g, type, object);
    }

    /**
     * Empties global slot {@code g} when it names (type, object); the other slots keep their
     * capability. One step taking both outcomes of the test, as clearSlot.
     */
    /*@ private normal_behavior
      @ requires type > CapType.NONE && 0 <= g && g < slots.length;
      @ ensures !(slots[g].type == type && slots[g].object == object);
      @ ensures (\forall int h; 0 <= h && h < slots.length && h != g; slots[h].type == \old(slots[h].type) && slots[h].object == \old(slots[h].object));
      @ assignable \all_fields(slots[g]), parent[*];
      @*/
    private void destroySlot(int g, int type, int object) {
        if (names(g, type, object)) {
            deleteGlobal(g);
        }
    }

    /**
     * Picks DestroyObject's witness when tracing is on. Not a helper, as traceDerive: its contract
     * carries the invariant across the trace call, so destroyAll starts on it word for word.
     */
    /*@ private normal_behavior
      @ ensures trace.on ==> trace.destroyWitness < slots.length;
      @ assignable trace.destroyWitness;
      @*/
    private void traceDestroying(int type, int object) {
        if (trace.on) { trace.destroying(this, type, object); }
    }

    /**
     * Writes DestroyObject's trace line when tracing is on; not a helper, as traceDestroying. It
     * also carries destroyObject's result across the trace call, so that destroyObject ends on it
     * word for word instead of reading every slot again through the call's heap.
     */
    /*@ private normal_behavior
      @ requires trace.on ==> trace.destroyWitness < slots.length;
      @ requires (\forall int g; 0 <= g && g < slots.length; !(slots[g].type == type && slots[g].object == object));
      @ ensures (\forall int g; 0 <= g && g < slots.length; !(slots[g].type == type && slots[g].object == object));
      @ assignable trace.destroyWitness;
      @*/
    private void traceDestroyed(int type, int object) {
        if (trace.on) { trace.destroyed(this); }
    }

    /** True when global slot {@code g} names (type, object): one test, as slotPair, where an {@code &&} split the loop. */
    /*@ private normal_behavior
      @ requires slots != null && 0 <= g && g < slots.length && slots[g] != null;
      @ ensures \result <==> (slots[g].type == type && slots[g].object == object);
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private boolean names(int g, int type, int object) {
        Capability c = at(g);
        return c.type == type && c.object == object;
    }

    /**
     * Empties every slot of {@code process} (its capability space dies with it). Stated over the
     * type field, as isEmpty() is: the query in the ensures was left unexpanded on the loop's heap.
     */
    /*@ public normal_behavior
      @ requires 0 <= process && process < processCount;
      @ ensures (\forall int s; 0 <= s && s < slotsPerProcess; slots[process * slotsPerProcess + s].type == CapType.NONE);
      @ assignable \infinite_union(int i; 0 <= i && i < slots.length; \all_fields(slots[i])), parent[*];
      @*/
    public void clearProcess(int process) {
        apart(slots, parent);
        clearFrom(process, 0);
    }

    /**
     * Empties the slots of {@code process} from {@code s} on. Recursion rather than a loop, as
     * MemoryManager.unmapFrom: each step ends on the next step's and clearSlot's contracts, which
     * carry the invariant word for word; the loop re-proved it on its anonymous heap, where the
     * frame's unions were normalised apart and no instance matched. The later slots are emptied
     * first, so the recursive call's frame is read on this call's own heap and is this frame word
     * for word; after a step it reads every slots[i] on the step's heap under the union's
     * quantifier, which the prover does not resolve. The frame names all fields of the slots, as
     * clearProcess's does: clearSlot's slot is then one of them without a split per field. The
     * order does not matter: deleting a slot hands its children to its parent, so each remaining
     * capability ends under its nearest ancestor that is not deleted, whatever the order.
     */
    /*@ private normal_behavior
      @ requires 0 <= process && process < processCount && 0 <= s && s <= slotsPerProcess;
      @ ensures (\forall int t; s <= t && t < slotsPerProcess; slots[process * slotsPerProcess + t].type == CapType.NONE);
      @ assignable \infinite_union(int i; 0 <= i && i < slots.length; \all_fields(slots[i])), parent[*];
      @ measured_by slotsPerProcess - s;
      @*/
    private void clearFrom(int process, int s) {
        if (s >= slotsPerProcess) {
            return;
        }
        // The slots the recursive call empties stay empty only if their numbers are slot
        // numbers: the prover does not multiply, so the product's bounds are proof steps.
        productNonNegative(process, slotsPerProcess);
        productBound(process, processCount, slotsPerProcess);
        int g = globalSlot(process, s);
        // clearSlot's frame reads slots[g] on the recursive call's heap, which writes parent[*].
        apart(slots, parent);
        // The bound of s + 1 on its own, so that its overflow check splits off and closes.
        //@ assert s + 1 <= slotsPerProcess;
        clearFrom(process, s + 1);
        clearSlot(g);
    }

    /**
     * Empties global slot {@code g} when it is full; the other slots keep their type. One step
     * taking both outcomes of the test, so that clearFrom has one path.
     */
    /*@ private normal_behavior
      @ requires 0 <= g && g < slots.length;
      @ ensures slots[g].type == CapType.NONE;
      @ ensures (\forall int h; 0 <= h && h < slots.length && h != g; slots[h].type == \old(slots[h].type));
      @ assignable \all_fields(slots[g]), parent[*];
      @*/
    private void clearSlot(int g) {
        if (full(g)) {
            deleteGlobal(g);
        }
    }

    /**
     * True when global slot {@code g} holds a capability: one test over the type field, as names.
     * Through at(), which returns an empty capability for a number out of range, so the index
     * checker needs no bounds test here.
     */
    /*@ private normal_behavior
      @ requires slots != null && 0 <= g && g < slots.length && slots[g] != null;
      @ ensures \result <==> slots[g].type != CapType.NONE;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private boolean full(int g) {
        return at(g).type != CapType.NONE;
    }

    /** How many slots name (type, object). */
    /*@ public normal_behavior
      @ ensures \result >= 0;
      @ ensures (\forall int g; 0 <= g && g < slots.length; !(slots[g].type == type && slots[g].object == object)) ==> \result == 0;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int references(int type, int object) {
        int n = 0;
        /*@ loop_invariant 0 <= g && g <= slots.length && 0 <= n && n <= g;
          @ loop_invariant (\forall int h; 0 <= h && h < g; !(slots[h].type == type && slots[h].object == object)) ==> n == 0;
          @ assignable \strictly_nothing;
          @ decreases slots.length - g;
          @*/
        for (int g = 0; g < slots.length; g++) {
            if (slots[g].type == type && slots[g].object == object) {
                n++;
            }
        }
        return n;
    }

    /** Self-check of ParentIsFull, RightsOnlyDiminish and EmptyHasNoParent. */
    /*@ public normal_behavior
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ boolean invariantsHold() {
        /*@ loop_invariant 0 <= g && g <= slots.length;
          @ assignable \strictly_nothing;
          @ decreases slots.length - g;
          @*/
        for (int g = 0; g < slots.length && g < parent.length; g++) {
            if (!linkValid(g)) {
                return false;
            }
        }
        return true;
    }

    /** One slot's link; a helper that reads the invariant and need not show it again. */
    /*@ private normal_behavior
      @ requires \invariant_for(this) && 0 <= g && g < slots.length;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private boolean linkValid(int g) {
        int p = parentOf(g);
        Capability c = at(g);
        if (p == NO_PARENT) {
            return true;
        }
        if (c.isEmpty() || p < 0 || p >= slots.length) {
            return false;
        }
        Capability up = slots[p];
        return up.type == c.type && up.object == c.object && c.rightsWithin(up);
    }
}
