package dev.keel.kernel.mem;

import dev.keel.kernel.abi.Errors;

/**
 * Memory capabilities name objects of this pool: a quota of pages that mappings may use. A
 * mapping charges its pages when made and returns them when removed, so demand paging within a
 * mapping never fails for lack of quota. Invariant QuotaKept: 0 <= used <= limit.
 */
public final class MemoryObjects {

    /*@ spec_public @*/ private final boolean[] live;
    /*@ spec_public @*/ private final long[] limit;
    /*@ spec_public @*/ private final long[] used;

    //@ public invariant live.length == limit.length && limit.length == used.length;
    // TLA+ QuotaKept
    //@ public invariant (\forall int i; 0 <= i && i < used.length; 0 <= used[i] && used[i] <= limit[i]);
    // A long's range. Java guarantees it, but KeY reads an array element as an unbounded
    // integer, so without this limit[m] - used[m] in checkCharge, charge and uncharge cannot
    // be shown free of overflow (removing it opens all three proofs).
    //@ public invariant (\forall int i; 0 <= i && i < limit.length; limit[i] <= Long.MAX_VALUE);

    /*@ public normal_behavior
      @ requires count > 0;
      @ assignable \nothing;
      @*/
    public MemoryObjects(int count) {
        int n = count < 1 ? 1 : count;
        live = new boolean[n];
        limit = new long[n];
        used = new long[n];
    }

    /** A new object with {@code pages} of quota; -1 when the pool is full. */
    /*@ public normal_behavior
      @ requires pages >= 0;
      @ ensures \result == -1 || (0 <= \result && \result < live.length);
      @ assignable live[*], limit[*], used[*];
      @*/
    public int create(long pages) {
        /*@ loop_invariant 0 <= i && i <= live.length;
          @ assignable \nothing;
          @ decreases live.length - i;
          @*/
        for (int i = 0; i < live.length && i < limit.length && i < used.length; i++) {
            if (!live[i]) {
                live[i] = true;
                limit[i] = pages;
                used[i] = 0;
                return i;
            }
        }
        return -1;
    }

    /** OK when object {@code m} can be charged {@code pages} more. */
    /*@ public normal_behavior
      @ ensures \result == Errors.OK || \result == Errors.NO_MEMORY || \result == Errors.BAD_ARGUMENT;
      @ ensures \result == Errors.OK <==> (0 <= m && m < live.length && live[m]
      @         && pages <= limit[m] - used[m]);
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int checkCharge(int m, long pages) {
        if (m < 0 || m >= live.length || m >= limit.length || m >= used.length || !live[m]) {
            return Errors.BAD_ARGUMENT;
        }
        // Compared as room left: used + pages could overflow for a huge request, limit - used
        // cannot (0 <= used <= limit).
        if (pages > limit[m] - used[m]) {
            return Errors.NO_MEMORY;
        }
        return Errors.OK;
    }

    // The frame names only used[m]: a caller's invariants over the other objects' counts then
    // carry across without being re-proved element by element. When m is out of range the
    // location does not exist and nothing is written.
    /*@ public normal_behavior
      @ requires checkCharge(m, pages) == Errors.OK;
      @ requires pages >= 0;
      @ ensures 0 <= m && m < used.length ==> used[m] == \old(used[m]) + pages;
      @ assignable used[m];
      @*/
    public void charge(int m, long pages) {
        if (m >= 0 && m < used.length) {
            //@ assert used[m] + pages <= Long.MAX_VALUE;
            //@ assert used[m] + pages >= Long.MIN_VALUE;
            used[m] += pages;
        }
    }

    /*@ public normal_behavior
      @ requires pages >= 0;
      @ ensures 0 <= m && m < used.length ==> used[m] == (\old(used[m]) >= pages ? \old(used[m]) - pages : 0);
      @ assignable used[m];
      @*/
    public void uncharge(int m, long pages) {
        if (m >= 0 && m < used.length) {
            used[m] = used[m] >= pages ? used[m] - pages : 0;
        }
    }

    /*@ public normal_behavior
      @ ensures \result >= 0;
      @ assignable \nothing;
      @*/
    public /*@ pure @*/ long used(int m) {
        return m >= 0 && m < used.length ? used[m] : 0;
    }

    /*@ public normal_behavior
      @ assignable \nothing;
      @*/
    public /*@ pure @*/ long limit(int m) {
        return m >= 0 && m < limit.length ? limit[m] : 0;
    }
}
