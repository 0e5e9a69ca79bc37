package dev.keel.kernel.proc;

import org.checkerframework.checker.nullness.qual.Nullable;

import dev.keel.kernel.mem.AddressSpace;
import dev.keel.kernel.sched.Tcb;

/**
 * A process, as in the seed: {@code pid}, capabilities (row {@link #index} of the capability
 * space), address space, threads, state. Entries are allocated at boot; entry 0 is the kernel's
 * own holding area (it keeps the initial capabilities of services) and is never scheduled.
 *
 * Refines spec/Kernel.tla: {@code procState[p]} is {@link #state}, {@code parentOf[p]} is
 * {@link #parent}, {@code exitStatus[p]} is {@link #exitStatus}.
 */
public final class Process {

    public static final int FREE = 0;
    public static final int ALIVE = 1;
    public static final int ZOMBIE = 2;

    /** Table index; also the row of the capability space and the address space number. */
    public final int index;
    public final AddressSpace space;
    // Slots of threads[] are null while free: the array is nullable for KeY only so that its
    // elements may be; the invariant keeps the array itself.
    /*@ nullable @*/ public final @Nullable Tcb[] threads;

    public int pid;
    public int state;
    /*@ nullable @*/ public @Nullable Process parent;
    public long exitStatus;

    /** The memory object charged for the image and stack. */
    public int memory;
    /** The boot module this process runs, for restart. */
    public int module;
    /** Service record index, or -1 when not a service. */
    public int service;
    /** Capabilities given at creation, in slots [0, initialCaps): what a restart gives again. */
    public int initialCaps;

    //@ public invariant threads != null && threads.length >= 1 && \typeof(threads) == \type(Tcb[]);

    /*@ public normal_behavior
      @ requires threadsPerProcess > 0;
      @ ensures this.index == index && this.space == space && state == FREE;
      @ ensures threads.length == (threadsPerProcess < 1 ? 1 : threadsPerProcess) && service == -1;
      @ assignable \nothing;
      @*/
    public Process(int index, AddressSpace space, int threadsPerProcess) {
        this.index = index;
        this.space = space;
        this.threads = new Tcb[threadsPerProcess < 1 ? 1 : threadsPerProcess];
        this.state = FREE;
        this.service = -1;
    }

    /** Live threads of this process. */
    // A helper that writes nothing: the self-check counts the threads of every process in a
    // loop that keeps the heap, without each process's invariant.
    /*@ public normal_behavior
      @ requires threads != null;
      @ ensures 0 <= \result && \result <= threads.length;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public int threadCount() {
        int n = 0;
        /*@ loop_invariant 0 <= i && i <= threads.length && 0 <= n && n <= i;
          @ decreases threads.length - i;
          @ assignable \strictly_nothing;
          @*/
        for (int i = 0; i < threads.length; i++) {
            if (threads[i] != null) {
                n++;
            }
        }
        return n;
    }

    /** Records {@code t} in a free thread slot; false when all are taken. */
    /*@ public normal_behavior
      @ assignable threads[*];
      @*/
    public boolean addThread(Tcb t) {
        /*@ loop_invariant 0 <= i && i <= threads.length;
          @ decreases threads.length - i;
          @ assignable threads[*];
          @*/
        for (int i = 0; i < threads.length; i++) {
            if (threads[i] == null) {
                threads[i] = t;
                return true;
            }
        }
        return false;
    }

    /** Forgets {@code t}: each slot that held it is free, every other slot keeps its thread. */
    /*@ public normal_behavior
      @ ensures (\forall int j; 0 <= j && j < threads.length; \old(threads[j]) == t ==> threads[j] == null);
      @ ensures (\forall int j; 0 <= j && j < threads.length; \old(threads[j]) != t ==> threads[j] == \old(threads[j]));
      @ assignable threads[*];
      @*/
    public void removeThread(Tcb t) {
        /*@ loop_invariant 0 <= i && i <= threads.length;
          @ loop_invariant (\forall int j; 0 <= j && j < i; \old(threads[j]) == t ==> threads[j] == null);
          @ loop_invariant (\forall int j; 0 <= j && j < threads.length; \old(threads[j]) != t ==> threads[j] == \old(threads[j]));
          @ loop_invariant (\forall int j; i <= j && j < threads.length; threads[j] == \old(threads[j]));
          @ decreases threads.length - i;
          @ assignable threads[*];
          @*/
        for (int i = 0; i < threads.length; i++) {
            if (threads[i] == t) {
                threads[i] = null;
            }
        }
    }

    /**
     * True when a thread slot is free, that is when fewer threads than slots are live. Found by
     * looking for the free slot rather than by counting, so that the result can be stated over
     * the slots: a caller's test and a later requires then meet.
     */
    /*@ public normal_behavior
      @ ensures \result <==> (\exists int j; 0 <= j && j < threads.length; threads[j] == null);
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ boolean hasThreadRoom() {
        /*@ loop_invariant 0 <= i && i <= threads.length;
          @ loop_invariant !(\exists int j; 0 <= j && j < i; threads[j] == null);
          @ decreases threads.length - i;
          @ assignable \strictly_nothing;
          @*/
        for (int i = 0; i < threads.length; i++) {
            if (threads[i] == null) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@link #initialCaps}, read through a call: the prover knows the range of an int result,
     * not of an int field.
     */
    /*@ public normal_behavior
      @ ensures \result == initialCaps;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public int initialCapCount() {
        return initialCaps;
    }

    /**
     * {@link #memory}, read through a call: an int field read directly has no range the prover
     * knows, and passing it on as an int argument must show one.
     */
    /*@ public normal_behavior
      @ ensures \result == memory;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public int memoryObject() {
        return memory;
    }

    /** {@link #pid}, read through a call (see {@link #memoryObject}). */
    /*@ public normal_behavior
      @ ensures \result == pid;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public int processId() {
        return pid;
    }

    // A helper: it reads one field, and a process's parent is tested without its invariant.
    /*@ public normal_behavior
      @ ensures \result == (state == ALIVE);
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public boolean isAlive() {
        return state == ALIVE;
    }
}
