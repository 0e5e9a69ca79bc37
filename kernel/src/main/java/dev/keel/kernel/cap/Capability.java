package dev.keel.kernel.cap;

/**
 * The contents of one capability slot: a type, the object it names (an index in that type's
 * pool), three rights and a badge. Slots are allocated once at boot and reused; an empty slot has
 * type {@link CapType#NONE}. Only {@link CapabilitySpace} changes a slot, so the derivation
 * invariants are kept in one place.
 */
public final class Capability {

    /*@ spec_public @*/ int type;
    /*@ spec_public @*/ int object;
    /*@ spec_public @*/ long badge;
    /*@ spec_public @*/ boolean read;
    /*@ spec_public @*/ boolean write;
    /*@ spec_public @*/ boolean grant;

    // The global number of the slot this object is, set once when the slot table is made.
    // Distinct numbers make distinct objects, so the capability space's invariant rules out two
    // slots sharing one object without a quantifier over pairs of slots.
    //@ public ghost int at;

    /*@ public normal_behavior
      @ ensures type == CapType.NONE;
      @ assignable \nothing;
      @*/
    public Capability() {
        type = CapType.NONE;
    }

    /*@ public normal_behavior
      @ ensures \result == type;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int type() {
        return type;
    }

    /*@ public normal_behavior
      @ ensures \result == object;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int object() {
        return object;
    }

    /*@ public normal_behavior
      @ ensures \result == badge;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ long badge() {
        return badge;
    }

    /*@ public normal_behavior
      @ ensures \result == read;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ boolean canRead() {
        return read;
    }

    /*@ public normal_behavior
      @ ensures \result == write;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ boolean canWrite() {
        return write;
    }

    /*@ public normal_behavior
      @ ensures \result == grant;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ boolean canGrant() {
        return grant;
    }

    /*@ public normal_behavior
      @ ensures \result == (type == CapType.NONE);
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ boolean isEmpty() {
        return type == CapType.NONE;
    }

    /**
     * True when every right of this capability is also a right of {@code other}. The capability
     * space's invariant names it; the accessible clause lets a proof carry its value across a call
     * that changes none of the six flags instead of evaluating it again on the new heap, with a case
     * split per right each time (CapabilitySpace.traceCreate 6,226 -> 2,222 steps).
     */
    /*@ public normal_behavior
      @ ensures \result == ((!read || other.read) && (!write || other.write) && (!grant || other.grant));
      @ assignable \strictly_nothing;
      @ accessible read, write, grant, other.read, other.write, other.grant;
      @*/
    public /*@ pure @*/ boolean rightsWithin(Capability other) {
        return (!read || other.read) && (!write || other.write) && (!grant || other.grant);
    }

    /** Makes this slot a copy of {@code src}. */
    /*@ normal_behavior
      @ ensures type == src.type && object == src.object && badge == src.badge;
      @ ensures read == src.read && write == src.write && grant == src.grant;
      @ assignable type, object, badge, read, write, grant;
      @*/
    void set(Capability src) {
        // Field by field rather than through set(int, ...): the prover then needs no range facts
        // about the source's fields to pass them as arguments.
        type = src.type;
        object = src.object;
        badge = src.badge;
        read = src.read;
        write = src.write;
        grant = src.grant;
    }

    /*@ normal_behavior
      @ ensures this.type == type && this.object == object && this.badge == badge;
      @ ensures this.read == read && this.write == write && this.grant == grant;
      @ assignable this.type, this.object, this.badge, this.read, this.write, this.grant;
      @*/
    void set(int type, int object, long badge, boolean read, boolean write, boolean grant) {
        this.type = type;
        this.object = object;
        this.badge = badge;
        this.read = read;
        this.write = write;
        this.grant = grant;
    }

    /*@ normal_behavior
      @ ensures type == CapType.NONE && object == 0 && badge == 0;
      @ ensures !read && !write && !grant;
      @ assignable type, object, badge, read, write, grant;
      @*/
    void clear() {
        set(CapType.NONE, 0, 0, false, false, false);
    }
}
