package dev.keel.kernel.sched;

/**
 * The real-time reservation a thread held when it exited, kept by the scheduler for the thread's
 * slot on its CPU until the period it was in ends. Its bandwidth stays charged against admission control until then, and the same thread
 * slot admitted again within that period resumes it with the budget that was left, never a new
 * one: leaving and coming back must not buy ticks the period has not earned.
 */
public final class Lingering {

    /** When the reservation's period ends, in ticks of its CPU; no reservation once reached. */
    public long until;
    /** The budget left in that period. */
    public int remaining;
    /** The reservation's utilisation, in per mille. */
    public long permille;
    /** The reservation's period, in ticks. */
    public int period;

    /** True while the reservation still holds at {@code ticks}. */
    /*@ public normal_behavior
      @ ensures \result == (until > ticks);
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ boolean holdsAt(long ticks) {
        return until > ticks;
    }

    /** Ends the reservation. */
    /*@ public normal_behavior
      @ ensures until == 0 && remaining == 0 && permille == 0 && period == 0;
      @ assignable until, remaining, permille, period;
      @*/
    public void clear() {
        until = 0;
        remaining = 0;
        permille = 0;
        period = 0;
    }
}
