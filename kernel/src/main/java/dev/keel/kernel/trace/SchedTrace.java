package dev.keel.kernel.trace;

import org.checkerframework.checker.index.qual.IndexFor;
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
    // A helper (JML modifiers first) that requires only the arrays it writes, which no method
    // changes after construction: the scheduler keeps these facts behind a model field of its
    // own, and its hooks need not carry the whole invariant (the generation counts, the bound
    // of ops). A count of actions out of range is reported as an overflow, as the code does.
    /*@ public normal_behavior
      @ requires opKind != null && opThread != null && opGeneration != null && generation != null;
      @ requires opKind.length == MAX_OPS && opThread.length == MAX_OPS
      @     && opGeneration.length == MAX_OPS;
      @ requires opKind != opThread && opKind != opGeneration && opThread != opGeneration;
      @ ensures 0 <= \old(ops) && \old(ops) < MAX_OPS
      @     ? ops == \old(ops) + 1 && opKind[\old(ops)] == kind && opThread[\old(ops)] == t.id
      @         && overflow == \old(overflow)
      @     : overflow && ops == \old(ops);
      @ assignable ops, overflow, opKind[ops], opThread[ops], opGeneration[ops];
      @*/
    /*@ helper @*/ public void record(int kind, Tcb t) {
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
    // The line is written in parts, each a static method of its own: a call that may write (the
    // sink's) leaves the prover a heap to carry every fact over, so the fewer such calls a proof
    // makes, the fewer goals it splits into. Numbers handed on are read through methods (KeY
    // knows the range of an int a method returns, not of an int field or array element).
    /*@ public normal_behavior
      @ requires sink == null || (ops == 0 && !overflow);
      @ assignable \nothing;
      @ also public normal_behavior
      @ requires sink != null && (ops != 0 || overflow) && \invariant_for(threads);
      @ requires c.current != null;
      @ ensures ops == 0 && !overflow;
      @ assignable ops, overflow;
      @*/
    public void exit(ThreadPool threads, PerCpu c) {
        TraceSink s = sink;
        if (s == null || (ops == 0 && !overflow)) {
            return;
        }
        int cpu = c.index();
        begin(s, cpu, overflow);
        /*@ loop_invariant 0 <= i && i <= ops;
          @ loop_invariant \invariant_for(this) && \invariant_for(threads);
          @ decreases ops - i;
          @ assignable \nothing;
          @*/
        for (int i = 0; i < ops && i < opKind.length && i < opThread.length && i < opGeneration.length; i++) {
            action(s, i == 0, element(opKind, i), element(opThread, i), element(opGeneration, i), cpu);
        }
        rest(s, threads, c, generation, overflow);
        ops = 0;
        overflow = false;
    }

    /** {@code a[i]}, with the range of an int. */
    /*@ private normal_behavior
      @ requires 0 <= i && i < a.length;
      @ ensures \result == a[i];
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private static int element(int[] a, @IndexFor("#1") int i) {
        return a[i];
    }

    /** The CPU, then the opening of the action list (a set when the list overflowed). */
    /*@ private normal_behavior
      @ assignable \nothing;
      @*/
    private static void begin(TraceSink s, int cpu, boolean overflow) {
        TraceText.word(s, "@sched <<\"c");
        TraceText.number(s, cpu);
        TraceText.word(s, overflow ? "\", \"overflow\", {" : "\", <<");
    }

    /** After the actions: the threads, the current thread and the run queues of {@code c}. */
    /*@ private normal_behavior
      @ requires \invariant_for(threads) && c.current != null;
      @ assignable \nothing;
      @*/
    private static void rest(TraceSink s, ThreadPool threads, PerCpu c, int[] generation,
            boolean overflow) {
        TraceText.word(s, overflow ? "}, {" : ">>, {");
        states(s, threads, c, generation);
        current(s, c, generation);
        queues(s, threads, c, generation);
        TraceText.word(s, "}>>\n");
    }

    /** The current thread of {@code c} between the thread set and the run queues ("idle" for none). */
    /*@ private normal_behavior
      @ requires c.current != null;
      @ assignable \nothing;
      @*/
    private static void current(TraceSink s, PerCpu c, int[] generation) {
        TraceText.word(s, "}, ");
        Tcb cur = c.current;
        if (cur == c.idle || cur.state != Tcb.RUNNING) {
            TraceText.string(s, "idle");
        } else {
            thread(s, cur.id(), generationIn(generation, cur));
        }
        TraceText.word(s, ", {");
    }

    /** {@code <<"Action", thread>>} (the CPU for Tick and Yield), after a comma unless {@code first}. */
    /*@ private normal_behavior
      @ assignable \nothing;
      @*/
    private static void action(TraceSink s, boolean first, int kind, int id, int gen, int cpu) {
        TraceText.word(s, first ? "<<\"" : ", <<\"");
        TraceText.word(s, actionName(kind));
        TraceText.word(s, "\", ");
        if (kind == TICK || kind == YIELD) {
            TraceText.word(s, "\"c");
            TraceText.number(s, cpu);
            s.write('"');
        } else {
            thread(s, id, gen);
        }
        TraceText.word(s, ">>");
    }

    /** {@code <<thread, state, priority>>} for each thread of CPU c that is not free. */
    /*@ private normal_behavior
      @ requires \invariant_for(threads);
      @ ensures \invariant_for(threads);
      @ assignable \nothing;
      @*/
    private static void states(TraceSink s, ThreadPool threads, PerCpu c, int[] generation) {
        boolean first = true;
        /*@ loop_invariant 0 <= i && i <= threads.tcbs.length;
          @ loop_invariant \invariant_for(threads);
          @ decreases threads.tcbs.length - i;
          @ assignable \nothing;
          @*/
        for (int i = 0; i < threads.size(); i++) {
            Tcb t = threads.at(i);
            if (t != c.idle && t.cpu == c.index && t.state != Tcb.FREE) {
                state(s, first, t.id(), generationIn(generation, t), t.state(), t.priority());
                first = false;
            }
        }
    }

    /** {@code <<thread, state, priority>>}, after a comma unless {@code first}. */
    /*@ private normal_behavior
      @ assignable \nothing;
      @*/
    private static void state(TraceSink s, boolean first, int id, int gen, int state, int priority) {
        TraceText.word(s, first ? "<<" : ", <<");
        thread(s, id, gen);
        TraceText.word(s, ", ");
        TraceText.string(s, stateName(state));
        TraceText.word(s, ", ");
        TraceText.number(s, priority);
        TraceText.word(s, ">>");
    }

    /** {@code <<priority, <<thread, ...>>>>} for each priority with queued threads, in queue order. */
    /*@ private normal_behavior
      @ requires \invariant_for(threads);
      @ ensures \invariant_for(threads);
      @ assignable \nothing;
      @*/
    private static void queues(TraceSink s, ThreadPool threads, PerCpu c, int[] generation) {
        boolean first = true;
        /*@ loop_invariant 0 <= i && i <= threads.tcbs.length;
          @ loop_invariant \invariant_for(threads);
          @ decreases threads.tcbs.length - i;
          @ assignable \nothing;
          @*/
        for (int i = 0; i < threads.size(); i++) {
            Tcb head = threads.at(i);
            // Blocked threads wait in the ports' queues, linked the same way: ready ones only.
            if (head.queued && head.state == Tcb.READY && head.prev == null && head.cpu == c.index) {
                queue(s, first, head, threads, generation);
                first = false;
            }
        }
    }

    /** {@code <<priority, <<thread, ...>>>>}: the queue that starts at {@code head}, in order. */
    /*@ private normal_behavior
      @ requires \invariant_for(threads);
      @ ensures \invariant_for(threads);
      @ assignable \nothing;
      @*/
    private static void queue(TraceSink s, boolean first, Tcb head, ThreadPool threads,
            int[] generation) {
        queueStart(s, first, head.priority());
        Tcb t = head;
        /*@ loop_invariant 0 <= n && n <= threads.tcbs.length;
          @ loop_invariant \invariant_for(threads);
          @ decreases threads.tcbs.length - n;
          @ assignable \nothing;
          @*/
        for (int n = 0; t != null && n < threads.size(); n++) {
            queued(s, n == 0, t.id(), generationIn(generation, t));
            t = t.next;
        }
        TraceText.word(s, ">>>>");
    }

    /** {@code <<priority, <<}, after a comma unless {@code first}. */
    /*@ private normal_behavior
      @ assignable \nothing;
      @*/
    private static void queueStart(TraceSink s, boolean first, int priority) {
        TraceText.word(s, first ? "<<" : ", <<");
        TraceText.number(s, priority);
        TraceText.word(s, ", <<");
    }

    /** One thread of a queue, after a comma unless {@code first}. */
    /*@ private normal_behavior
      @ assignable \nothing;
      @*/
    private static void queued(TraceSink s, boolean first, int id, int gen) {
        TraceText.word(s, first ? "" : ", ");
        thread(s, id, gen);
    }

    /** How many times {@code t}'s pool entry was started (0 for an index out of range). */
    /*@ private normal_behavior
      @ assignable \strictly_nothing;
      @*/
    private static /*@ pure @*/ int generationIn(int[] generation, Tcb t) {
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
