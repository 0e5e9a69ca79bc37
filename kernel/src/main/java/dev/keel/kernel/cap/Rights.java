package dev.keel.kernel.cap;

/**
 * The rights a capability carries: read, write and grant. Rights are booleans, not a bit mask,
 * because the prover reasons well about booleans and poorly about bit operations.
 *
 * Refines the record field {@code rights} of spec/Capabilities.tla, where rights are a subset of
 * {"read", "write", "grant"}; {@link #diminish} is set intersection and {@link #isSubsetOf} is the
 * subset relation used by the invariant RightsOnlyDiminish.
 */
public final class Rights {

    public final boolean read;
    public final boolean write;
    public final boolean grant;

    /*@ public normal_behavior
      @ ensures this.read == read && this.write == write && this.grant == grant;
      @ assignable \nothing;
      @*/
    public Rights(boolean read, boolean write, boolean grant) {
        this.read = read;
        this.write = write;
        this.grant = grant;
    }

    /**
     * The rights held both here and in {@code mask}: what a derived capability may carry.
     */
    /*@ public normal_behavior
      @ ensures \result.read == (read && mask.read);
      @ ensures \result.write == (write && mask.write);
      @ ensures \result.grant == (grant && mask.grant);
      @ ensures \fresh(\result);
      @ assignable \nothing;
      @*/
    public /*@ pure @*/ Rights diminish(Rights mask) {
        return new Rights(read && mask.read, write && mask.write, grant && mask.grant);
    }

    /** True when every right held here is also held by {@code other}. */
    /*@ public normal_behavior
      @ ensures \result == ((!read || other.read) && (!write || other.write) && (!grant || other.grant));
      @ assignable \nothing;
      @*/
    public /*@ pure @*/ boolean isSubsetOf(Rights other) {
        return (!read || other.read) && (!write || other.write) && (!grant || other.grant);
    }
}
