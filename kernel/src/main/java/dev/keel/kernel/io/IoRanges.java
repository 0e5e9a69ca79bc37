package dev.keel.kernel.io;

/** I/O port capabilities name objects of this pool: a contiguous range of port numbers. */
public final class IoRanges {

    /*@ spec_public @*/ private final boolean[] live;
    /*@ spec_public @*/ private final int[] base;
    /*@ spec_public @*/ private final int[] count;

    //@ public invariant base.length == live.length && count.length == live.length && base != count;
    // A range is a run of port numbers, so its end fits in an int: contains needs no overflow check.
    //@ public invariant (\forall int i; 0 <= i && i < base.length; 0 <= base[i] && 0 <= count[i] && base[i] <= Integer.MAX_VALUE - count[i]);

    /*@ public normal_behavior
      @ requires n > 0;
      @ assignable \nothing;
      @*/
    public IoRanges(int n) {
        int k = n < 1 ? 1 : n;
        live = new boolean[k];
        base = new int[k];
        count = new int[k];
    }

    /** A new range [first, first + n); -1 when the pool is full. */
    /*@ public normal_behavior
      @ requires 0 <= first && 0 <= n && first <= Integer.MAX_VALUE - n;
      @ ensures \result == -1 || (0 <= \result && \result < live.length);
      @ assignable live[*], base[*], count[*];
      @*/
    public int create(int first, int n) {
        /*@ loop_invariant 0 <= i && i <= live.length;
          @ loop_invariant (\forall int j; 0 <= j && j < base.length; 0 <= base[j] && 0 <= count[j] && base[j] <= Integer.MAX_VALUE - count[j]);
          @ decreases live.length - i;
          @ assignable live[*], base[*], count[*];
          @*/
        for (int i = 0; i < live.length && i < base.length && i < count.length; i++) {
            if (!live[i]) {
                live[i] = true;
                base[i] = first;
                count[i] = n;
                return i;
            }
        }
        return -1;
    }

    /** True when range {@code r} is live and contains {@code port}. */
    /*@ public normal_behavior
      @ assignable \nothing;
      @*/
    public /*@ pure @*/ boolean contains(int r, long port) {
        return r >= 0 && r < live.length && r < base.length && r < count.length && live[r]
                && port >= base[r] && port < (long) base[r] + (long) count[r];
    }
}
