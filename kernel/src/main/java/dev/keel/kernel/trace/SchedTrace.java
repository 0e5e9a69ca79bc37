package dev.keel.kernel.trace;

import org.checkerframework.checker.nullness.qual.Nullable;

import dev.keel.hw.TraceSink;
import dev.keel.kernel.sched.PerCpu;
import dev.keel.kernel.sched.Tcb;
import dev.keel.kernel.sched.ThreadPool;

/**
 * The scheduler's trace: the actions of spec/Scheduler.tla that one kernel entry carried out
 * (Admit, Unblock, Block, Retire, Yield, Tick), then, on the way out of the kernel (after the
 * kernel's own reschedule), the abstract state, as one line of TLA+ text:
 * <pre>
 * &#64;sched &lt;&lt;"c0", &lt;&lt;&lt;&lt;"Unblock", "t3_1"&gt;&gt;, &lt;&lt;"Block", "t2_1"&gt;&gt;&gt;&gt;, {&lt;&lt;"t2_1", "blocked", 10&gt;&gt;, ...}, "t3_1", {&lt;&lt;10, &lt;&lt;"t4_1"&gt;&gt;&gt;&gt;}&gt;&gt;
 * </pre>
 * the CPU, the actions, each thread that is not free with its state and priority, the current
 * thread ("idle" for none) and the run queue per priority, oldest first. A thread is named by
 * its pool index and how many times that entry was started ("t3_1"): a reused entry is a new
 * thread of the spec. An entry that changed nothing in the scheduler writes nothing.
 *
 * Off unless the machine's trace line is on; each hook in Scheduler tests {@link #on} first.
 * Allocates nothing after boot.
 */
public final class SchedTrace {

    public static final int ADMIT = 1;
    public static final int UNBLOCK = 2;
    public static final int BLOCK = 3;
    public static final int RETIRE = 4;
    public static final int YIELD = 5;
    public static final int TICK = 6;

    /** More actions in one kernel entry than this is reported as an overflow. */
    /*@ spec_public @*/ private static final int MAX_OPS = 32;

    /** True when the scheduler's actions are written; the hooks test only this. */
    public boolean on;

    /*@ spec_public nullable @*/ private @Nullable TraceSink sink;

    // Public, but written only here: the scheduler's contracts name what a hook writes, and JML
    // cannot name another class's private fields.

    /** How many times each pool entry was started. */
    public final int[] generation;

    // The actions of the current kernel entry: kind, thread, the thread's generation.
    public final int[] opKind = new int[MAX_OPS];
    public final int[] opThread = new int[MAX_OPS];
    public final int[] opGeneration = new int[MAX_OPS];
    public int ops;
    public boolean overflow;

    //@ public invariant opKind.length == MAX_OPS && opThread.length == MAX_OPS && opGeneration.length == MAX_OPS;
    //@ public invariant 0 <= ops && ops <= MAX_OPS;
    //@ public invariant generation.length >= 1;
    //@ public invariant (\forall int j; 0 <= j && j < generation.length; 0 <= generation[j]);
    //@ public invariant opKind != opThread && opKind != opGeneration && opThread != opGeneration;
    //@ public invariant generation != opKind && generation != opThread && generation != opGeneration;

    /*@ public normal_behavior
      @ ensures !on && sink == null && ops == 0 && !overflow;
      @ ensures generation.length == (threads < 1 ? 1 : threads);
      @ assignable \nothing;
      @*/
    public SchedTrace(int threads) {
        generation = new int[threads < 1 ? 1 : threads];
    }

    /** Starts tracing when {@code s} is on. */
    /*@ public normal_behavior
      @ requires s.tracing;
      @ ensures on && sink == s;
      @ assignable on, sink;
      @ also public normal_behavior
      @ requires !s.tracing;
      @ assignable \nothing;
      @*/
    public void attach(TraceSink s) {
        if (s.enabled()) {
            sink = s;
            on = true;
        }
    }

    /** Action {@code kind} on thread {@code t} (for Tick and Yield, the CPU's current thread). */
    // One contract case with a conditional result: two cases ("also") give every caller a frame
    // conditional on which case held, and the scheduler's hooks ran out of steps on it.
    /*@ public normal_behavior
      @ ensures \old(ops) < MAX_OPS
      @     ? ops == \old(ops) + 1 && opKind[\old(ops)] == kind && opThread[\old(ops)] == t.id
      @         && overflow == \old(overflow)
      @     : overflow && ops == \old(ops);
      @ assignable ops, overflow, opKind[ops], opThread[ops], opGeneration[ops];
      @*/
    public void record(int kind, Tcb t) {
        int n = ops;
        if (n < 0 || n >= opKind.length || n >= opThread.length || n >= opGeneration.length) {
            overflow = true;
            return;
        }
        opKind[n] = kind;
        opThread[n] = t.id;
        opGeneration[n] = t.id >= 0 && t.id < generation.length ? generation[t.id] : 0;
        ops = n + 1;
    }

    /** {@code t} was started: the Unblock just recorded for it is the spec's Admit of a new thread. */
    /*@ public normal_behavior
      @ requires 0 <= t.id && t.id < generation.length && 0 < ops
      @          && generation[t.id] < Integer.MAX_VALUE;
      @ ensures generation[t.id] == \old(generation[t.id]) + 1;
      @ ensures opKind[ops - 1] == ADMIT && opGeneration[ops - 1] == generation[t.id];
      @ ensures ops == \old(ops) && overflow == \old(overflow);
      @ assignable generation[t.id], opKind[ops - 1], opGeneration[ops - 1];
      @ also public normal_behavior
      @ requires !(0 <= t.id && t.id < generation.length && 0 < ops
      @          && generation[t.id] < Integer.MAX_VALUE);
      @ ensures overflow && ops == \old(ops);
      @ assignable overflow;
      @*/
    public void admitted(Tcb t) {
        int n = ops - 1;
        // A generation that would wrap is reported as an overflow, not as a reused name.
        if (t.id < 0 || t.id >= generation.length || n < 0 || n >= opKind.length
                || n >= opGeneration.length || generation[t.id] >= Integer.MAX_VALUE) {
            overflow = true;
            return;
        }
        generation[t.id]++;
        opKind[n] = ADMIT;
        opGeneration[n] = generation[t.id];
    }

    /** On the way out of the kernel on CPU {@code c}: the entry's actions and the state after them. */
    /*@ public normal_behavior
      @ requires sink == null || (ops == 0 && !overflow);
      @ assignable \nothing;
      @ also public normal_behavior
      @ requires sink != null && (ops != 0 || overflow) && \invariant_for(threads);
      @ ensures ops == 0 && !overflow;
      @ assignable ops, overflow;
      @*/
    public void exit(ThreadPool threads, PerCpu c) {
        TraceSink s = sink;
        if (s == null || (ops == 0 && !overflow)) {
            return;
        }
        TraceText.word(s, "@sched <<\"c");
        TraceText.number(s, c.index);
        TraceText.word(s, overflow ? "\", \"overflow\", {" : "\", <<");
        /*@ loop_invariant 0 <= i && i <= ops;
          @ loop_invariant \invariant_for(this) && \invariant_for(threads);
          @ decreases ops - i;
          @ assignable \nothing;
          @*/
        for (int i = 0; i < ops && i < opKind.length && i < opThread.length && i < opGeneration.length; i++) {
            TraceText.word(s, i == 0 ? "<<\"" : ", <<\"");
            TraceText.word(s, actionName(opKind[i]));
            TraceText.word(s, "\", ");
            if (opKind[i] == TICK || opKind[i] == YIELD) {
                TraceText.word(s, "\"c");
                TraceText.number(s, c.index);
                s.write('"');
            } else {
                thread(s, opThread[i], opGeneration[i]);
            }
            TraceText.word(s, ">>");
        }
        TraceText.word(s, overflow ? "}, {" : ">>, {");
        states(s, threads, c);
        TraceText.word(s, "}, ");
        Tcb cur = c.current;
        if (cur == c.idle || cur.state != Tcb.RUNNING) {
            TraceText.string(s, "idle");
        } else {
            thread(s, cur.id, generationOf(cur));
        }
        TraceText.word(s, ", {");
        queues(s, threads, c);
        TraceText.word(s, "}>>\n");
        ops = 0;
        overflow = false;
    }

    /** {@code <<thread, state, priority>>} for each thread of CPU c that is not free. */
    /*@ private normal_behavior
      @ requires \invariant_for(threads);
      @ ensures \invariant_for(threads);
      @ assignable \nothing;
      @*/
    private void states(TraceSink s, ThreadPool threads, PerCpu c) {
        boolean first = true;
        /*@ loop_invariant 0 <= i && i <= threads.tcbs.length;
          @ loop_invariant \invariant_for(this) && \invariant_for(threads);
          @ decreases threads.tcbs.length - i;
          @ assignable \nothing;
          @*/
        for (int i = 0; i < threads.size(); i++) {
            Tcb t = threads.at(i);
            if (t != c.idle && t.cpu == c.index && t.state != Tcb.FREE) {
                TraceText.word(s, first ? "<<" : ", <<");
                thread(s, t.id, generationOf(t));
                TraceText.word(s, ", ");
                TraceText.string(s, stateName(t.state));
                TraceText.word(s, ", ");
                TraceText.number(s, t.priority);
                TraceText.word(s, ">>");
                first = false;
            }
        }
    }

    /** {@code <<priority, <<thread, ...>>>>} for each priority with queued threads, in queue order. */
    /*@ private normal_behavior
      @ requires \invariant_for(threads);
      @ ensures \invariant_for(threads);
      @ assignable \nothing;
      @*/
    private void queues(TraceSink s, ThreadPool threads, PerCpu c) {
        boolean first = true;
        /*@ loop_invariant 0 <= i && i <= threads.tcbs.length;
          @ loop_invariant \invariant_for(this) && \invariant_for(threads);
          @ decreases threads.tcbs.length - i;
          @ assignable \nothing;
          @*/
        for (int i = 0; i < threads.size(); i++) {
            Tcb head = threads.at(i);
            // Blocked threads wait in the ports' queues, linked the same way: ready ones only.
            if (head.queued && head.state == Tcb.READY && head.prev == null && head.cpu == c.index) {
                TraceText.word(s, first ? "<<" : ", <<");
                TraceText.number(s, head.priority);
                TraceText.word(s, ", <<");
                Tcb t = head;
                /*@ loop_invariant 0 <= n && n <= threads.tcbs.length;
                  @ loop_invariant \invariant_for(this) && \invariant_for(threads);
                  @ decreases threads.tcbs.length - n;
                  @ assignable \nothing;
                  @*/
                for (int n = 0; t != null && n < threads.size(); n++) {
                    TraceText.word(s, n == 0 ? "" : ", ");
                    thread(s, t.id, generationOf(t));
                    t = t.next;
                }
                TraceText.word(s, ">>>>");
                first = false;
            }
        }
    }

    /*@ private normal_behavior
      @ assignable \strictly_nothing;
      @*/
    private /*@ pure @*/ int generationOf(Tcb t) {
        return t.id >= 0 && t.id < generation.length ? generation[t.id] : 0;
    }

    /*@ private normal_behavior
      @ assignable \nothing;
      @*/
    private static void thread(TraceSink s, int id, int gen) {
        s.write('"');
        s.write('t');
        TraceText.number(s, id);
        s.write('_');
        TraceText.number(s, gen);
        s.write('"');
    }

    /*@ private normal_behavior
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure @*/ String stateName(int state) {
        if (state == Tcb.READY) {
            return "ready";
        }
        if (state == Tcb.RUNNING) {
            return "running";
        }
        return state == Tcb.BLOCKED ? "blocked" : "inactive";
    }

    /*@ private normal_behavior
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure @*/ String actionName(int kind) {
        if (kind == ADMIT) {
            return "Admit";
        }
        if (kind == UNBLOCK) {
            return "Unblock";
        }
        if (kind == BLOCK) {
            return "Block";
        }
        if (kind == RETIRE) {
            return "Retire";
        }
        return kind == YIELD ? "Yield" : "Tick";
    }
}
