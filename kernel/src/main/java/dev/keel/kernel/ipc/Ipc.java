package dev.keel.kernel.ipc;

import org.checkerframework.checker.index.qual.IndexOrLow;
import org.checkerframework.checker.nullness.qual.Nullable;

import dev.keel.hw.InterruptController;
import dev.keel.kernel.abi.Errors;
import dev.keel.kernel.cap.CapType;
import dev.keel.kernel.cap.CapabilitySpace;
import dev.keel.kernel.cap.Capability;
import dev.keel.kernel.mem.AddressSpace;
import dev.keel.kernel.mem.UserMemory;
import dev.keel.kernel.proc.Process;
import dev.keel.kernel.sched.Scheduler;
import dev.keel.kernel.sched.Tcb;
import dev.keel.kernel.sched.ThreadPool;

/**
 * Message passing between threads through ports: send, receive, call and reply, with blocking and
 * non-blocking variants, badges, capability transfer, interrupt notifications and detection of
 * call cycles.
 *
 * Refines spec/Ipc.tla: {@code queue[p]} is the message list of {@code ports[p]};
 * {@code blockedOn[t]} is {@link Tcb#blockedOn} with {@link Tcb#waitPort}; {@code replyCap[t]} is
 * {@link Tcb#replyCap}. Every {@code check...} method is pure and returns an {@link Errors} code;
 * the action it guards cannot fail. Invariants: NoMessageLost (per port, every message sent was
 * received, dropped with a dead port or is queued); ReplyCapsPaired (t.replyCap = c iff
 * c.replyHolder = t); CallsAcyclic (no set of threads blocked in call, each waiting only for
 * threads of the set).
 */
public final class Ipc {

    /** Label of an interrupt notification: IRQ_LABEL + line. */
    public static final long IRQ_LABEL = 0x4952510000L;

    /*@ spec_public @*/ private final Port[] ports;
    /*@ spec_public @*/ private final MessagePool pool;
    /*@ spec_public @*/ private final IrqTable irqs;
    /*@ spec_public @*/ private final Scheduler scheduler;
    /*@ spec_public @*/ private final UserMemory user;
    /*@ spec_public @*/ private final CapabilitySpace caps;
    /*@ spec_public @*/ private final InterruptController interrupts;
    /*@ spec_public @*/ private final int bound;

    // The deadlock search (closesCycle): the thread pool's blocks, fixed at boot, and a mark for
    // each, both indexed by Tcb.id.
    private static final byte UNSEEN = 0;
    private static final byte REACHED = 1;
    private static final byte EXPANDED = 2;
    /*@ spec_public @*/ private final Tcb[] tcbs;
    /*@ spec_public @*/ private final byte[] mark;

    /**
     * Lemma: an array of bytes is no array of references. The prover does not tell arrays apart
     * by their element types unaided; the search, which writes {@link #mark} and reads the thread
     * blocks and the capability table, calls this to learn that its writes leave them alone.
     */
    /*@ normal_behavior
      @ requires a != null && b != null;
      @ ensures (Object) a != (Object) b;
      @ assignable \strictly_nothing;
      @*/
    /*@ helper @*/ static void distinct(byte[] a, Object[] b) {
    }

    /** Lemma: {@code a}, an array of bytes, is not the capability table's array of slots. */
    /*@ normal_behavior
      @ requires a != null && cs != null && cs.slots != null;
      @ ensures (Object) a != (Object) cs.slots;
      @ assignable \strictly_nothing;
      @*/
    /*@ helper @*/ static void notSlots(byte[] a, CapabilitySpace cs) {
    }

    /**
     * Lemma: {@code r}, an array of longs (a thread's registers), is none of the arrays of the
     * scheduler that its invariant reads or its trace writes, all of other element types. wake
     * writes a thread's registers and then needs the scheduler's invariant.
     */
    /*@ normal_behavior
      @ requires r != null;
      @ ensures (Object) r != (Object) s.cpus && (Object) r != (Object) s.lingering
      @     && (Object) r != (Object) s.threads.tcbs
      @     && (Object) r != (Object) s.trace.opKind && (Object) r != (Object) s.trace.opThread
      @     && (Object) r != (Object) s.trace.opGeneration && (Object) r != (Object) s.trace.generation
      @     && (\forall int c; 0 <= c && c < s.lingering.length; (Object) r != (Object) s.lingering[c]);
      @ assignable \strictly_nothing;
      @*/
    /*@ helper @*/ static void notScheduler(long[] r, Scheduler s) {
    }

    // One quantifier for the per-port invariants, so the prover instantiates it once per port:
    // TLA+ TypeOK (ports are numbered by their index), QueueBounded (0 <= count <= capacity) and
    // NoMessageLost (messages held by blocked senders are counted by the self-check). The
    // counters only grow from zero, so the sum of the others stays within sent.
    /*@ public invariant (\forall int i; 0 <= i && i < ports.length; ports[i].id == i
      @     && (ports[i].live ==> 0 <= ports[i].count && ports[i].count <= ports[i].capacity
      @         && 0 <= ports[i].received && 0 <= ports[i].dropped
      @         && ports[i].sent >= ports[i].received + ports[i].dropped + ports[i].count));
      @*/
    // The message pool keeps its own invariant. The user-memory access's invariant (which holds the
    // memory manager's, and through it the allocator's and the page tables') is not part of this
    // one: carried by every Ipc proof, it pushes even the getters past the step bound; the methods
    // that call into user memory require it instead.
    //@ public invariant \invariant_for(pool);

    // Frames of the IPC actions: the queue fields and counters of ports, the thread queues (ports'
    // and run queues'), the IPC and scheduling fields and result registers of threads, the fields
    // of messages, the CPUs' reschedule flags and the scheduler's trace; where a message is
    // delivered, also the frame allocator's state (user memory paged in) and the capability table
    // (a transferred capability). Which port, thread or message is touched depends on the queues,
    // so each is named for every object of its class. The interrupt controller is the machine's.
    // The actions that block or wake a thread do it through the scheduler, whose methods need and
    // keep its invariant: those actions require it and hand it back.
    //
    // The two frames that recur are named sets, the same term in a method, its callees and its
    // loops. woken is what waking or unblocking a thread writes (a port's teardown); touched adds
    // the ports' queues and counters, the pages and capability a delivery takes and the pending
    // interrupt flags (every action that may deliver a message). Each leaves out the locations of
    // objects not yet created, which no frame constrains: the prover unfolds a represents clause
    // with a side goal that the set lies in created objects, which it then shows in one step.
    /*@ public model \locset woken;
      @ public represents woken = \set_minus(\set_union(\infinite_union(dev.keel.kernel.sched.ThreadQueue q; \all_fields(q)),
      @     \set_union(\infinite_union(Tcb x; \locset(x.state, x.blockedOn, x.next, x.prev, x.queued, x.inQueue,
      @         x.waitPort, x.pending, x.recvBuffer, x.recvMax, x.ioOp, x.ioSlot, x.replyCap, x.replyHolder)),
      @     \set_union(\infinite_union(Tcb x; x.regs[*]),
      @     \set_union(\infinite_union(Message x; \locset(x.length, x.label, x.badge, x.hasCap, x.capSource,
      @         x.capType, x.capObject, x.caller, x.next, x.inUse)),
      @     \set_union(\infinite_union(dev.keel.kernel.sched.PerCpu c; \locset(c.needResched)),
      @     \locset(scheduler.trace.ops, scheduler.trace.overflow, scheduler.trace.opKind[*],
      @         scheduler.trace.opThread[*], scheduler.trace.opGeneration[*])))))), \dl_freshLocs(\dl_heap()));
      @*/
    /*@ public model \locset touched;
      @ public represents touched = \set_minus(\set_union(\infinite_union(Port x; \locset(x.head, x.tail, x.count, x.sent, x.received, x.dropped)),
      @     \set_union(woken,
      @     \set_union(\locset(user.mm.frames.top, user.mm.frames.free[*], user.mm.frames.refs[*], user.mm.frames.stack[*],
      @         user.mm.tables.frames.top, user.mm.tables.frames.free[*], user.mm.tables.frames.refs[*]),
      @     \set_union(\infinite_union(int g; 0 <= g && g < caps.slots.length; \all_fields(caps.slots[g])),
      @     \locset(caps.parent[*], irqs.pending[*]))))), \dl_freshLocs(\dl_heap()));
      @*/

    /*@ public normal_behavior
      @ requires portCount > 0 && threadCount > 0;
      @ requires \invariant_for(pool) && \invariant_for(scheduler);
      @ assignable \nothing;
      @*/
    public Ipc(int portCount, MessagePool pool, Scheduler scheduler, UserMemory user,
            CapabilitySpace caps, InterruptController interrupts, int threadCount) {
        ports = makePorts(portCount < 1 ? 1 : portCount);
        this.pool = pool;
        this.irqs = new IrqTable(interrupts.lineCount());
        this.scheduler = scheduler;
        this.user = user;
        this.caps = caps;
        this.interrupts = interrupts;
        // Saturates rather than wraps: a negative bound would stop every queue walk at once.
        int messages = pool.size();
        this.bound = threadCount < Integer.MAX_VALUE - 1 - messages ? threadCount + messages + 1
                : Integer.MAX_VALUE;
        this.tcbs = threadBlocks(scheduler.threads());
        this.mark = new byte[tcbs.length];
    }

    /** {@code n} closed ports, numbered by their index. */
    /*@ private normal_behavior
      @ requires n > 0;
      @ ensures \fresh(\result) && \result.length == n;
      @ ensures (\forall int j; 0 <= j && j < n; \result[j] != null && \result[j].id == j && !\result[j].live);
      @ assignable \nothing;
      @*/
    /*@ helper @*/ private static Port[] makePorts(int n) {
        Port[] made = new Port[n < 1 ? 1 : n];
        /*@ loop_invariant 0 <= i && i <= made.length && made.length == n;
          @ loop_invariant (\forall int j; 0 <= j && j < i; made[j] != null && made[j].id == j && !made[j].live);
          @ assignable made[*];
          @ decreases made.length - i;
          @*/
        for (int i = 0; i < made.length; i++) {
            made[i] = new Port(i);
        }
        return made;
    }

    /** The pool's thread blocks, indexed as in the pool (by Tcb.id). */
    /*@ private normal_behavior
      @ requires \invariant_for(all);
      @ ensures \fresh(\result);
      @ assignable \nothing;
      @*/
    /*@ helper @*/ private static Tcb[] threadBlocks(ThreadPool all) {
        int n = all.size();
        Tcb[] blocks = new Tcb[n < 0 ? 0 : n];
        // Fresh, the new array is none of the pool's: writing it keeps the pool's invariant.
        /*@ loop_invariant 0 <= k && k <= blocks.length && blocks.length == n && \invariant_for(all);
          @ loop_invariant \fresh(blocks);
          @ loop_invariant (\forall int j; 0 <= j && j < k; blocks[j] != null);
          @ assignable blocks[*];
          @ decreases blocks.length - k;
          @*/
        for (int k = 0; k < blocks.length; k++) {
            blocks[k] = all.at(k);
        }
        return blocks;
    }

    /*@ public normal_behavior
      @ ensures \result == ports.length;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int portCount() {
        return ports.length;
    }

    /** Port {@code i}, or null when out of range. */
    // A helper: it reads the port table alone, so a caller (the capability trace, the system
    // calls) shows that the table is there, not the whole of Ipc's invariant.
    /*@ public normal_behavior
      @ requires ports != null;
      @ ensures \result == (0 <= i && i < ports.length ? ports[i] : null);
      @ assignable \strictly_nothing;
      @*/
    /*@ nullable pure helper @*/ public @Nullable Port port(int i) {
        return i >= 0 && i < ports.length ? ports[i] : null;
    }

    /** True when port {@code i} exists and is live. */
    // A helper that tests the table itself, so that a caller that holds no fact about Ipc (the
    // capability trace) can ask; the table is never null once Ipc is built.
    /*@ public normal_behavior
      @ ensures \result == (ports != null && 0 <= i && i < ports.length && ports[i] != null && ports[i].live);
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public boolean portLive(int i) {
        Port[] table = ports;
        if (table == null || i < 0 || i >= table.length) {
            return false;
        }
        Port p = table[i];
        return p != null && p.live;
    }

    /*@ public normal_behavior
      @ ensures \result == pool;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ MessagePool pool() {
        return pool;
    }

    // A helper, as port(int): a caller (irq_ack) reads the table without showing Ipc's invariant.
    /*@ public normal_behavior
      @ requires irqs != null;
      @ ensures \result == irqs;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public IrqTable irqs() {
        return irqs;
    }

    // ---- PortCreate ----

    /** OK when a port of {@code capacity} messages can be created. */
    /*@ public normal_behavior
      @ ensures \result == Errors.OK || \result == Errors.BAD_ARGUMENT || \result == Errors.NO_RESOURCES;
      @ ensures \result == Errors.OK ==> 1 <= capacity && capacity <= pool.messages.length;
      @ ensures \result == Errors.OK ==> (\exists int i; 0 <= i && i < ports.length; !ports[i].live);
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int checkPortCreate(long capacity) {
        if (capacity < 1 || capacity > pool.size()) {
            return Errors.BAD_ARGUMENT;
        }
        return freePort() < 0 ? Errors.NO_RESOURCES : Errors.OK;
    }

    /** The first port that is not live, or -1. */
    /*@ private normal_behavior
      @ ensures -1 <= \result && \result < ports.length;
      @ ensures \result >= 0 ==> !ports[\result].live;
      @ ensures \result == -1 ==> (\forall int j; 0 <= j && j < ports.length; ports[j].live);
      @ assignable \strictly_nothing;
      @*/
    // Below the table's length by type: portCreate's guard tests the sign alone, one branch
    // fewer for the prover.
    private /*@ pure @*/ @IndexOrLow("this.ports") int freePort() {
        /*@ loop_invariant 0 <= i && i <= ports.length;
          @ loop_invariant (\forall int j; 0 <= j && j < i; ports[j].live);
          @ assignable \strictly_nothing;
          @ decreases ports.length - i;
          @*/
        for (int i = 0; i < ports.length; i++) {
            if (!ports[i].live) {
                return i;
            }
        }
        return -1;
    }

    /** PortCreate: opens a free port; returns its number. */
    /*@ public normal_behavior
      @ requires 1 <= capacity && (\exists int i; 0 <= i && i < ports.length; !ports[i].live);
      @ ensures 0 <= \result && \result < ports.length;
      @ ensures ports[\result].live && ports[\result].count == 0 && ports[\result].capacity == capacity;
      @ assignable \infinite_union(int j; 0 <= j && j < ports.length;
      @     \locset(ports[j].live, ports[j].capacity, ports[j].head, ports[j].tail, ports[j].count,
      @         ports[j].sent, ports[j].received, ports[j].dropped));
      @*/
    public int portCreate(int capacity) {
        int i = freePort();
        if (i >= 0) {
            ports[i].open(capacity);
        }
        return i;
    }

    // ---- Send, TrySend, Call ----

    /**
     * OK when {@code caller} may send {@code len} bytes at {@code buf} to {@code p} now
     * ({@code block}: or block), and, for a call, take a reply of up to {@code replyMax} bytes
     * into the same buffer without closing a cycle of calls (DEADLOCK, see {@link #closesCycle}).
     */
    // Of the capability table the search needs the shape its invariant gives, not the invariant.
    /*@ public normal_behavior
      @ requires caller.owner != null ==> caller.owner.space != null && \invariant_for(caller.owner.space);
      @ requires p.receivers != null && \invariant_for(p.receivers);
      @ requires caps != null && caps.slots != null
      @     && \nonnullelements(caps.slots) && caps.slots.length == caps.slotsPerProcess * caps.processCount
      @     && 0 < caps.slotsPerProcess && caps.slotsPerProcess <= caps.slots.length
      @     && 0 < caps.processCount && caps.processCount <= caps.slots.length;
      @ ensures \result <= 0;
      @ ensures \result == Errors.OK ==> caller.owner != null && p.live
      @     && (\exists int k; 0 <= k && k < pool.messages.length; !pool.messages[k].inUse)
      @     && 0 <= len && len <= UserMemory.MAX_LENGTH
      @     && (len == 0 || (dev.keel.kernel.mem.MemoryManager.USER_BASE <= buf
      @         && buf <= dev.keel.kernel.mem.PageTable.USER_TOP - len))
      @     && (call ==> 0 <= replyMax && replyMax <= UserMemory.MAX_LENGTH
      @         && (replyMax == 0 || (dev.keel.kernel.mem.MemoryManager.USER_BASE <= buf
      @             && buf <= dev.keel.kernel.mem.PageTable.USER_TOP - replyMax)))
      @     && (block || p.receivers.count > 0 || p.count < p.capacity);
      @ assignable mark[0 .. mark.length - 1];
      @*/
    public int checkSend(Tcb caller, Port p, long buf, long len, boolean block, boolean call,
            long replyMax) {
        // The work is a helper's, which does not carry Ipc's invariant; here the invariant is
        // shown again after the search wrote the marks, knowing that they are neither the port
        // table nor the pool's messages.
        distinct(mark, ports);
        pool.notMessages(mark);
        return sendCheck(caller, p, buf, len, block, call, replyMax);
    }

    /** checkSend's work: the check, then, for a call it let through, the search. */
    /*@ private normal_behavior
      @ requires pool != null && \invariant_for(pool) && user != null;
      @ requires mark != null && tcbs != null && \nonnullelements(tcbs);
      @ requires caller.owner != null ==> caller.owner.space != null && \invariant_for(caller.owner.space);
      @ requires p.receivers != null && \invariant_for(p.receivers);
      @ requires caps != null && caps.slots != null
      @     && \nonnullelements(caps.slots) && caps.slots.length == caps.slotsPerProcess * caps.processCount
      @     && 0 < caps.slotsPerProcess && caps.slotsPerProcess <= caps.slots.length
      @     && 0 < caps.processCount && caps.processCount <= caps.slots.length;
      @ ensures \result <= 0;
      @ ensures \result == Errors.OK ==> caller.owner != null && p.live
      @     && (\exists int k; 0 <= k && k < pool.messages.length; !pool.messages[k].inUse)
      @     && 0 <= len && len <= UserMemory.MAX_LENGTH
      @     && (len == 0 || (dev.keel.kernel.mem.MemoryManager.USER_BASE <= buf
      @         && buf <= dev.keel.kernel.mem.PageTable.USER_TOP - len))
      @     && (call ==> 0 <= replyMax && replyMax <= UserMemory.MAX_LENGTH
      @         && (replyMax == 0 || (dev.keel.kernel.mem.MemoryManager.USER_BASE <= buf
      @             && buf <= dev.keel.kernel.mem.PageTable.USER_TOP - replyMax)))
      @     && (block || p.receivers.count > 0 || p.count < p.capacity);
      @ assignable mark[0 .. mark.length - 1];
      @*/
    /*@ helper @*/ private int sendCheck(Tcb caller, Port p, long buf, long len, boolean block,
            boolean call, long replyMax) {
        int e = checkMessage(caller, p, buf, len, block, call, replyMax);
        // One if statement per test, not a verdict over (e, cycle): a condition inside an
        // expression becomes a conditional term the strategy does not split, and only the path
        // of a call the check let through then carries the check's facts across the search.
        if (e != Errors.OK) {
            return e;
        }
        if (!call) {
            return Errors.OK;
        }
        // Only the search writes the marks, and the message array is not among them.
        pool.notMessages(mark);
        if (closesCycle(caller, p)) {
            return Errors.DEADLOCK;
        }
        return Errors.OK;
    }

    /** checkSend but for the deadlock test: the buffers, a free message, room or a receiver. */
    // One path through each public check, its branches in a helper: every path of a public
    // method re-proves Ipc's invariant. The queries asked up front are pure, so asking them
    // before the verdict needs them changes no result.
    // A helper that writes nothing: Ipc's invariant is left as it was, and the fields the check
    // reads are named instead (the pool, which keeps its own invariant, and the user-memory access).
    /*@ public normal_behavior
      @ requires pool != null && \invariant_for(pool) && user != null;
      @ requires p.receivers != null && \invariant_for(p.receivers);
      @ requires caller.owner != null ==> caller.owner.space != null && \invariant_for(caller.owner.space);
      @ ensures \result <= 0;
      @ ensures \result == Errors.OK ==> caller.owner != null && p.live
      @     && (\exists int k; 0 <= k && k < pool.messages.length; !pool.messages[k].inUse)
      @     && 0 <= len && len <= UserMemory.MAX_LENGTH
      @     && (len == 0 || (dev.keel.kernel.mem.MemoryManager.USER_BASE <= buf
      @         && buf <= dev.keel.kernel.mem.PageTable.USER_TOP - len))
      @     && (call ==> 0 <= replyMax && replyMax <= UserMemory.MAX_LENGTH
      @         && (replyMax == 0 || (dev.keel.kernel.mem.MemoryManager.USER_BASE <= buf
      @             && buf <= dev.keel.kernel.mem.PageTable.USER_TOP - replyMax)))
      @     && (block || p.receivers.count > 0 || p.count < p.capacity);
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public int checkMessage(Tcb caller, Port p, long buf, long len, boolean block,
            boolean call, long replyMax) {
        boolean noReceiver = p.receivers.isEmpty();
        boolean full = p.isFull();
        return messageVerdict(caller.owner, p.live, buf, len, call, replyMax, pool.messageBytes(),
                pool.hasFree(), block, noReceiver, full);
    }

    /**
     * checkMessage's verdict on what it read: {@code o} the sender's process, {@code max} a
     * message's payload, {@code anyFree} whether a message is free.
     */
    /*@ private normal_behavior
      @ requires user != null;
      @ requires o != null ==> o.space != null && \invariant_for(o.space);
      @ ensures \result <= 0;
      @ ensures \result == Errors.OK ==> o != null && live && anyFree
      @     && 0 <= len && len <= UserMemory.MAX_LENGTH
      @     && (len == 0 || (dev.keel.kernel.mem.MemoryManager.USER_BASE <= buf
      @         && buf <= dev.keel.kernel.mem.PageTable.USER_TOP - len))
      @     && (call ==> 0 <= replyMax && replyMax <= UserMemory.MAX_LENGTH
      @         && (replyMax == 0 || (dev.keel.kernel.mem.MemoryManager.USER_BASE <= buf
      @             && buf <= dev.keel.kernel.mem.PageTable.USER_TOP - replyMax)))
      @     && (block || !noReceiver || !full);
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private int messageVerdict(/*@ nullable @*/ @Nullable Process o, boolean live,
            long buf, long len, boolean call, long replyMax, int max, boolean anyFree, boolean block,
            boolean noReceiver, boolean full) {
        if (o == null || !live) {
            return Errors.DEAD_OBJECT;
        }
        int e = checkBuffer(o.space, buf, len, false, max);
        if (e == Errors.OK && call) {
            e = checkBuffer(o.space, buf, replyMax, true, max);
        }
        if (e != Errors.OK) {
            return e;
        }
        if (!anyFree) {
            return Errors.NO_RESOURCES;
        }
        return !block && noReceiver && full ? Errors.WOULD_BLOCK : Errors.OK;
    }

    // A helper: Ipc's invariant is neither needed nor touched, so the fields it uses are named.
    // The largest length ({@code max}, a message's payload) comes from the caller, so the pool's
    // invariant is not needed here.
    /*@ private normal_behavior
      @ requires user != null;
      @ requires \invariant_for(s);
      @ ensures \result == Errors.OK || \result == Errors.BAD_LENGTH || \result == Errors.BAD_ADDRESS;
      @ ensures \result == Errors.OK ==> 0 <= len && len <= max && len <= UserMemory.MAX_LENGTH;
      @ ensures \result == Errors.OK && len > 0 ==> dev.keel.kernel.mem.MemoryManager.USER_BASE <= buf
      @     && buf <= dev.keel.kernel.mem.PageTable.USER_TOP - len;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private int checkBuffer(AddressSpace s, long buf, long len, boolean write,
            int max) {
        if (len < 0 || len > max) {
            return Errors.BAD_LENGTH;
        }
        return user.check(s, buf, len, write);
    }

    /**
     * Pages in the caller's buffers of a checked send; NO_MEMORY leaves nothing changed. The
     * preconditions are what checkSend's OK found about the buffers (UserMemory.check's OK facts).
     */
    /*@ public normal_behavior
      @ requires \invariant_for(user);
      @ requires caller.owner != null ==> caller.owner.space != null && \invariant_for(caller.owner.space);
      @ requires caller.owner != null ==> 0 <= len && len <= UserMemory.MAX_LENGTH
      @     && (len == 0 || (dev.keel.kernel.mem.MemoryManager.USER_BASE <= buf
      @         && buf <= dev.keel.kernel.mem.PageTable.USER_TOP - len));
      @ requires caller.owner != null && call ==> 0 <= replyMax && replyMax <= UserMemory.MAX_LENGTH
      @     && (replyMax == 0 || (dev.keel.kernel.mem.MemoryManager.USER_BASE <= buf
      @         && buf <= dev.keel.kernel.mem.PageTable.USER_TOP - replyMax));
      @ ensures \result == Errors.OK || \result == Errors.NO_MEMORY;
      @ assignable user.mm.frames.top, user.mm.frames.free[*], user.mm.frames.refs[*], user.mm.frames.stack[*],
      @     user.mm.tables.frames.top, user.mm.tables.frames.free[*], user.mm.tables.frames.refs[*];
      @*/
    public int prepareSend(Tcb caller, long buf, long len, boolean call, long replyMax) {
        Process o = caller.owner;
        if (o == null) {
            return Errors.NO_MEMORY;
        }
        int e = user.prepare(o.space, buf, len, false);
        if (e == Errors.OK && call) {
            e = user.prepare(o.space, buf, replyMax, true);
        }
        return e;
    }

    /**
     * Send (and Call when {@code call}): the message goes straight to a waiting receiver, or into
     * the queue, or, when the queue is full, the sender blocks holding it. A caller blocks until
     * the reply. {@code capSource} is the global slot of a capability to transfer, or -1.
     */
    /*@ public normal_behavior
      @ requires \invariant_for(scheduler);
      @ requires \invariant_for(user);
      @ requires caller.owner != null && p.live
      @     && (\exists int k; 0 <= k && k < pool.messages.length; !pool.messages[k].inUse)
      @     && 0 <= len && len <= UserMemory.MAX_LENGTH
      @     && (len == 0 || (dev.keel.kernel.mem.MemoryManager.USER_BASE <= buf
      @         && buf <= dev.keel.kernel.mem.PageTable.USER_TOP - len))
      @     && (call ==> 0 <= replyMax && replyMax <= UserMemory.MAX_LENGTH
      @         && (replyMax == 0 || (dev.keel.kernel.mem.MemoryManager.USER_BASE <= buf
      @             && buf <= dev.keel.kernel.mem.PageTable.USER_TOP - replyMax)));
      @ ensures p.sent == \old(p.sent) + 1;
      @ ensures \invariant_for(scheduler);
      @ assignable \infinite_union(Port x; \locset(x.head, x.tail, x.count, x.sent, x.received, x.dropped));
      @ assignable \infinite_union(dev.keel.kernel.sched.ThreadQueue q; \all_fields(q));
      @ assignable \infinite_union(Tcb x; \locset(x.state, x.blockedOn, x.next, x.prev, x.queued, x.inQueue,
      @     x.waitPort, x.pending, x.recvBuffer, x.recvMax, x.ioOp, x.ioSlot, x.replyCap, x.replyHolder));
      @ assignable \infinite_union(Tcb x; x.regs[*]);
      @ assignable \infinite_union(Message x; \locset(x.length, x.label, x.badge, x.hasCap, x.capSource,
      @     x.capType, x.capObject, x.caller, x.next, x.inUse));
      @ assignable \infinite_union(dev.keel.kernel.sched.PerCpu c; \locset(c.needResched));
      @ assignable scheduler.trace.ops, scheduler.trace.overflow, scheduler.trace.opKind[*],
      @     scheduler.trace.opThread[*], scheduler.trace.opGeneration[*];
      @ assignable user.mm.frames.top, user.mm.frames.free[*], user.mm.frames.refs[*], user.mm.frames.stack[*],
      @     user.mm.tables.frames.top, user.mm.tables.frames.free[*], user.mm.tables.frames.refs[*];
      @ assignable \infinite_union(int g; 0 <= g && g < caps.slots.length; \all_fields(caps.slots[g])), caps.parent[*];
      @ assignable \infinite_union(Message x; x.data[*]);
      @*/
    public void send(Tcb caller, Port p, long label, long badge, long buf, int len, int capSource,
            boolean call, int replyMax) {
        Message m = pool.allocate();
        Process o = caller.owner;
        if (m == null || o == null) {
            return;
        }
        fill(m, o.space, label, badge, buf, len, capSource);
        if (call) {
            m.caller = caller;
            caller.recvBuffer = buf;
            caller.recvMax = replyMax;
        }
        p.sent++;
        if (offer(p, m)) {
            afterOffer(caller, p, call);
        } else {
            caller.pending = m;
            caller.waitPort = p;
            scheduler.block(caller, call ? Tcb.ON_CALL : Tcb.ON_SEND);
            p.senders.append(caller);
        }
    }

    /** TrySend: a send checked with {@code block} false, so it finds a receiver or room. */
    /*@ public normal_behavior
      @ requires \invariant_for(scheduler);
      @ requires \invariant_for(user);
      @ requires caller.owner != null && p.live
      @     && (\exists int k; 0 <= k && k < pool.messages.length; !pool.messages[k].inUse)
      @     && 0 <= len && len <= UserMemory.MAX_LENGTH
      @     && (len == 0 || (dev.keel.kernel.mem.MemoryManager.USER_BASE <= buf
      @         && buf <= dev.keel.kernel.mem.PageTable.USER_TOP - len))
      @     && (p.receivers.count > 0 || p.count < p.capacity);
      @ ensures p.sent == \old(p.sent) + 1 && caller.state == \old(caller.state);
      @ ensures \invariant_for(scheduler);
      @ assignable \infinite_union(Port x; \locset(x.head, x.tail, x.count, x.sent, x.received, x.dropped));
      @ assignable \infinite_union(dev.keel.kernel.sched.ThreadQueue q; \all_fields(q));
      @ assignable \infinite_union(Tcb x; \locset(x.state, x.blockedOn, x.next, x.prev, x.queued, x.inQueue,
      @     x.waitPort, x.pending, x.recvBuffer, x.recvMax, x.ioOp, x.ioSlot, x.replyCap, x.replyHolder));
      @ assignable \infinite_union(Tcb x; x.regs[*]);
      @ assignable \infinite_union(Message x; \locset(x.length, x.label, x.badge, x.hasCap, x.capSource,
      @     x.capType, x.capObject, x.caller, x.next, x.inUse));
      @ assignable \infinite_union(dev.keel.kernel.sched.PerCpu c; \locset(c.needResched));
      @ assignable scheduler.trace.ops, scheduler.trace.overflow, scheduler.trace.opKind[*],
      @     scheduler.trace.opThread[*], scheduler.trace.opGeneration[*];
      @ assignable user.mm.frames.top, user.mm.frames.free[*], user.mm.frames.refs[*], user.mm.frames.stack[*],
      @     user.mm.tables.frames.top, user.mm.tables.frames.free[*], user.mm.tables.frames.refs[*];
      @ assignable \infinite_union(int g; 0 <= g && g < caps.slots.length; \all_fields(caps.slots[g])), caps.parent[*];
      @ assignable \infinite_union(Message x; x.data[*]);
      @*/
    public void trySend(Tcb caller, Port p, long label, long badge, long buf, int len,
            int capSource) {
        send(caller, p, label, badge, buf, len, capSource, false, 0);
    }

    /**
     * Call: a send that blocks the caller until the receiver replies through the one-shot reply
     * capability it gets with the message.
     */
    /*@ public normal_behavior
      @ requires \invariant_for(scheduler);
      @ requires \invariant_for(user);
      @ requires caller.owner != null && p.live
      @     && (\exists int k; 0 <= k && k < pool.messages.length; !pool.messages[k].inUse)
      @     && 0 <= len && len <= UserMemory.MAX_LENGTH
      @     && (len == 0 || (dev.keel.kernel.mem.MemoryManager.USER_BASE <= buf
      @         && buf <= dev.keel.kernel.mem.PageTable.USER_TOP - len))
      @     && 0 <= replyMax && replyMax <= UserMemory.MAX_LENGTH
      @         && (replyMax == 0 || (dev.keel.kernel.mem.MemoryManager.USER_BASE <= buf
      @             && buf <= dev.keel.kernel.mem.PageTable.USER_TOP - replyMax));
      @ ensures caller.state == Tcb.BLOCKED;
      @ ensures caller.blockedOn == Tcb.ON_CALL || caller.blockedOn == Tcb.ON_REPLY;
      @ ensures \invariant_for(scheduler);
      @ assignable \infinite_union(Port x; \locset(x.head, x.tail, x.count, x.sent, x.received, x.dropped));
      @ assignable \infinite_union(dev.keel.kernel.sched.ThreadQueue q; \all_fields(q));
      @ assignable \infinite_union(Tcb x; \locset(x.state, x.blockedOn, x.next, x.prev, x.queued, x.inQueue,
      @     x.waitPort, x.pending, x.recvBuffer, x.recvMax, x.ioOp, x.ioSlot, x.replyCap, x.replyHolder));
      @ assignable \infinite_union(Tcb x; x.regs[*]);
      @ assignable \infinite_union(Message x; \locset(x.length, x.label, x.badge, x.hasCap, x.capSource,
      @     x.capType, x.capObject, x.caller, x.next, x.inUse));
      @ assignable \infinite_union(dev.keel.kernel.sched.PerCpu c; \locset(c.needResched));
      @ assignable scheduler.trace.ops, scheduler.trace.overflow, scheduler.trace.opKind[*],
      @     scheduler.trace.opThread[*], scheduler.trace.opGeneration[*];
      @ assignable user.mm.frames.top, user.mm.frames.free[*], user.mm.frames.refs[*], user.mm.frames.stack[*],
      @     user.mm.tables.frames.top, user.mm.tables.frames.free[*], user.mm.tables.frames.refs[*];
      @ assignable \infinite_union(int g; 0 <= g && g < caps.slots.length; \all_fields(caps.slots[g])), caps.parent[*];
      @ assignable \infinite_union(Message x; x.data[*]);
      @*/
    public void call(Tcb caller, Port p, long label, long badge, long buf, int len, int capSource,
            int replyMax) {
        send(caller, p, label, badge, buf, len, capSource, true, replyMax);
    }

    private void afterOffer(Tcb caller, Port p, boolean call) {
        if (!call) {
            caller.setResult(Errors.OK, 0, 0, -1);
        } else if (caller.blockedOn == Tcb.ON_REPLY) {
            scheduler.block(caller, Tcb.ON_REPLY);
        } else {
            caller.waitPort = p;
            scheduler.block(caller, Tcb.ON_CALL);
        }
    }

    private void fill(Message m, AddressSpace s, long label, long badge, long buf, int len,
            int capSource) {
        int n = len <= m.data.length ? len : m.data.length;
        user.copyIn(s, buf, m.data, 0, n < 0 ? 0 : n);
        m.length = n < 0 ? 0 : n;
        m.label = label;
        m.badge = badge;
        if (capSource >= 0) {
            Capability c = caps.at(capSource);
            m.hasCap = true;
            m.capSource = capSource;
            m.capType = c.type();
            m.capObject = c.object();
        }
    }

    /** Hands {@code m} to a waiting receiver or queues it; false when the queue is full. */
    // Not a helper: Ipc's invariant is required and kept, so the action that calls this ends on
    // the invariant its contract states. m has been counted as sent and in no other counter (the
    // slack the invariant's inequality leaves), which a delivery or the queue takes up. Of the
    // ports it writes only p's queue and received counter; a false result leaves both as found.
    /*@ private normal_behavior
      @ requires \invariant_for(scheduler) && \invariant_for(user);
      @ requires p.live && p.sent > p.received + p.dropped + p.count;
      @ requires \invariant_for(m) && m.next == null && 0 <= m.length && m.length <= m.data.length;
      @ ensures !\result ==> p.received == \old(p.received) && p.count == \old(p.count);
      @ ensures \invariant_for(scheduler) && \invariant_for(user);
      @ assignable p.head, p.tail, p.count, p.received, p.tail.next;
      @ assignable \infinite_union(dev.keel.kernel.sched.ThreadQueue q; \all_fields(q));
      @ assignable \infinite_union(Tcb x; \locset(x.state, x.blockedOn, x.next, x.prev, x.queued, x.inQueue,
      @     x.waitPort, x.pending, x.recvBuffer, x.recvMax, x.ioOp, x.ioSlot, x.replyCap, x.replyHolder));
      @ assignable \infinite_union(Tcb x; x.regs[*]);
      @ assignable \infinite_union(Message x; \locset(x.length, x.label, x.badge, x.hasCap, x.capSource,
      @     x.capType, x.capObject, x.caller, x.next, x.inUse));
      @ assignable \infinite_union(dev.keel.kernel.sched.PerCpu c; \locset(c.needResched));
      @ assignable scheduler.trace.ops, scheduler.trace.overflow, scheduler.trace.opKind[*],
      @     scheduler.trace.opThread[*], scheduler.trace.opGeneration[*];
      @ assignable user.mm.frames.top, user.mm.frames.free[*], user.mm.frames.refs[*], user.mm.frames.stack[*],
      @     user.mm.tables.frames.top, user.mm.tables.frames.free[*], user.mm.tables.frames.refs[*];
      @ assignable \infinite_union(int g; 0 <= g && g < caps.slots.length; \all_fields(caps.slots[g])), caps.parent[*];
      @*/
    private boolean offer(Port p, Message m) {
        /*@ loop_invariant 0 <= i && (i == 0 || i <= bound);
          @ loop_invariant \invariant_for(this) && \invariant_for(scheduler) && \invariant_for(user);
          @ loop_invariant p.received == \old(p.received) && p.count == \old(p.count);
          @ loop_invariant \invariant_for(m) && m.next == null && 0 <= m.length && m.length <= m.data.length;
          @ assignable p.head, p.tail, p.count, p.received, p.tail.next;
          @ assignable \infinite_union(dev.keel.kernel.sched.ThreadQueue q; \all_fields(q));
          @ assignable \infinite_union(Tcb x; \locset(x.state, x.blockedOn, x.next, x.prev, x.queued, x.inQueue,
          @     x.waitPort, x.pending, x.recvBuffer, x.recvMax, x.ioOp, x.ioSlot, x.replyCap, x.replyHolder));
          @ assignable \infinite_union(Tcb x; x.regs[*]);
          @ assignable \infinite_union(Message x; \locset(x.length, x.label, x.badge, x.hasCap, x.capSource,
          @     x.capType, x.capObject, x.caller, x.next, x.inUse));
          @ assignable \infinite_union(dev.keel.kernel.sched.PerCpu c; \locset(c.needResched));
          @ assignable scheduler.trace.ops, scheduler.trace.overflow, scheduler.trace.opKind[*],
          @     scheduler.trace.opThread[*], scheduler.trace.opGeneration[*];
          @ assignable user.mm.frames.top, user.mm.frames.free[*], user.mm.frames.refs[*], user.mm.frames.stack[*],
          @     user.mm.tables.frames.top, user.mm.tables.frames.free[*], user.mm.tables.frames.refs[*];
          @ assignable \infinite_union(int g; 0 <= g && g < caps.slots.length; \all_fields(caps.slots[g])), caps.parent[*];
          @ decreases bound - i;
          @*/
        for (int i = 0; i < bound; i++) {
            Tcb r = p.receivers.poll();
            if (r == null) {
                break;
            }
            if (deliver(r, p, m)) {
                return true;
            }
        }
        if (p.isFull()) {
            return false;
        }
        p.append(m);
        return true;
    }

    /**
     * Gives {@code m} to receiver {@code r}: payload into its buffer, transferred capability into
     * its first free slot, reply capability when {@code m} is a call. On a bad receive buffer the
     * receiver is woken with the error and {@code m} is kept by the caller of this method.
     */
    // Not a helper, as offer. The receiver's facts are those checkReceive found when it blocked
    // (its buffer, its space), or that receive holds for the caller itself.
    /*@ private normal_behavior
      @ requires \invariant_for(scheduler) && \invariant_for(user);
      @ requires p.live && p.sent > p.received + p.dropped + p.count;
      @ requires \invariant_for(r) && (r.replyCap != null ==> \invariant_for(r.replyCap));
      @ requires r.owner != null ==> r.owner.space != null && \invariant_for(r.owner.space)
      @     && 0 <= r.recvMax && r.recvMax <= UserMemory.MAX_LENGTH
      @     && (r.recvMax == 0 || (dev.keel.kernel.mem.MemoryManager.USER_BASE <= r.recvBuffer
      @         && r.recvBuffer <= dev.keel.kernel.mem.PageTable.USER_TOP - r.recvMax));
      @ requires \invariant_for(m) && 0 <= m.length && m.length <= m.data.length;
      @ ensures \result ==> p.received == \old(p.received) + 1;
      @ ensures !\result ==> p.received == \old(p.received) && m.next == \old(m.next)
      @     && m.length == \old(m.length);
      @ ensures \invariant_for(scheduler) && \invariant_for(user) && \invariant_for(m);
      @ assignable p.received;
      @ assignable \infinite_union(dev.keel.kernel.sched.ThreadQueue q; \all_fields(q));
      @ assignable \infinite_union(Tcb x; \locset(x.state, x.blockedOn, x.next, x.prev, x.queued, x.inQueue,
      @     x.waitPort, x.pending, x.recvBuffer, x.recvMax, x.ioOp, x.ioSlot, x.replyCap, x.replyHolder));
      @ assignable \infinite_union(Tcb x; x.regs[*]);
      @ assignable \infinite_union(Message x; \locset(x.length, x.label, x.badge, x.hasCap, x.capSource,
      @     x.capType, x.capObject, x.caller, x.next, x.inUse));
      @ assignable \infinite_union(dev.keel.kernel.sched.PerCpu c; \locset(c.needResched));
      @ assignable scheduler.trace.ops, scheduler.trace.overflow, scheduler.trace.opKind[*],
      @     scheduler.trace.opThread[*], scheduler.trace.opGeneration[*];
      @ assignable user.mm.frames.top, user.mm.frames.free[*], user.mm.frames.refs[*], user.mm.frames.stack[*],
      @     user.mm.tables.frames.top, user.mm.tables.frames.free[*], user.mm.tables.frames.refs[*];
      @ assignable \infinite_union(int g; 0 <= g && g < caps.slots.length; \all_fields(caps.slots[g])), caps.parent[*];
      @*/
    private boolean deliver(Tcb r, Port p, Message m) {
        Process o = r.owner;
        int n = m.length <= r.recvMax ? m.length : r.recvMax;
        int e = o == null ? Errors.DEAD_OBJECT : user.prepare(o.space, r.recvBuffer, n, true);
        if (o == null || e != Errors.OK) {
            wake(r, e);
            return false;
        }
        user.copyOut(o.space, r.recvBuffer, m.data, 0, n < 0 ? 0 : n);
        long slot = transferCap(o, m);
        r.setResult(m.length, m.badge, m.label, slot);
        p.received++;
        Tcb c = m.caller;
        if (c != null) {
            takeReplyCap(r, c);
        }
        pool.release(m);
        if (r.state == Tcb.BLOCKED) {
            r.clearIpc();
            scheduler.unblock(r);
        }
        return true;
    }

    // A helper like wake, which it calls for the caller whose reply capability r held before.
    /*@ private normal_behavior
      @ requires scheduler != null && \invariant_for(scheduler);
      @ requires r.replyCap != null ==> \invariant_for(r.replyCap);
      @ ensures r.replyCap == c && c.replyHolder == r && c.blockedOn == Tcb.ON_REPLY
      @     && c.waitPort == null && c.pending == null;
      @ ensures \invariant_for(scheduler);
      @ assignable r.replyCap, c.replyHolder, c.blockedOn, c.waitPort, c.pending;
      @ assignable r.replyCap.replyHolder, r.replyCap.regs[*], r.replyCap.state, r.replyCap.blockedOn,
      @     r.replyCap.waitPort, r.replyCap.pending, r.replyCap.recvBuffer, r.replyCap.recvMax,
      @     r.replyCap.ioOp, r.replyCap.ioSlot, r.replyCap.next, r.replyCap.prev, r.replyCap.queued,
      @     r.replyCap.inQueue;
      @ assignable \infinite_union(dev.keel.kernel.sched.ThreadQueue q; \all_fields(q));
      @ assignable \infinite_union(Tcb x; \locset(x.next));
      @ assignable \infinite_union(dev.keel.kernel.sched.PerCpu c2; \locset(c2.needResched));
      @ assignable scheduler.trace.ops, scheduler.trace.overflow, scheduler.trace.opKind[*],
      @     scheduler.trace.opThread[*], scheduler.trace.opGeneration[*];
      @*/
    /*@ helper @*/ private void takeReplyCap(Tcb r, Tcb c) {
        Tcb old = r.replyCap;
        if (old != null) {
            old.replyHolder = null;
            wake(old, Errors.DEAD_OBJECT);
        }
        r.replyCap = c;
        c.replyHolder = r;
        c.blockedOn = Tcb.ON_REPLY;
        c.waitPort = null;
        c.pending = null;
    }

    /** Wakes a blocked thread with result {@code code}. */
    // A helper: Ipc's invariant is neither needed nor touched (it writes threads, thread queues,
    // reschedule flags and the trace). The scheduler's invariant is what unblock needs and keeps.
    // Which run queue takes the thread depends on its CPU and priority: every queue is named.
    /*@ private normal_behavior
      @ requires scheduler != null && \invariant_for(scheduler) && \invariant_for(t);
      @ ensures t.regs[0] == code && t.regs[1] == 0 && t.regs[2] == 0 && t.regs[3] == -1;
      @ ensures \old(t.state) == Tcb.BLOCKED ==> t.state == Tcb.READY
      @     && t.blockedOn == Tcb.ON_NOTHING && t.waitPort == null && t.pending == null;
      @ ensures \old(t.state) != Tcb.BLOCKED ==> t.state == \old(t.state)
      @     && t.blockedOn == \old(t.blockedOn) && t.waitPort == \old(t.waitPort) && t.pending == \old(t.pending);
      @ ensures \invariant_for(scheduler) && \invariant_for(t);
      @ assignable t.regs[*], t.state, t.blockedOn, t.waitPort, t.pending, t.recvBuffer, t.recvMax,
      @     t.ioOp, t.ioSlot, t.next, t.prev, t.queued, t.inQueue;
      @ assignable \infinite_union(dev.keel.kernel.sched.ThreadQueue q; \all_fields(q));
      @ assignable \infinite_union(Tcb x; \locset(x.next));
      @ assignable \infinite_union(dev.keel.kernel.sched.PerCpu c; \locset(c.needResched));
      @ assignable scheduler.trace.ops, scheduler.trace.overflow, scheduler.trace.opKind[*],
      @     scheduler.trace.opThread[*], scheduler.trace.opGeneration[*];
      @*/
    /*@ helper @*/ private void wake(Tcb t, int code) {
        notScheduler(t.regs, scheduler);
        t.setResult(code, 0, 0, -1);
        if (t.state == Tcb.BLOCKED) {
            t.clearIpc();
            scheduler.unblock(t);
        }
    }

    private long transferCap(Process to, Message m) {
        if (!m.hasCap) {
            return -1;
        }
        Capability src = caps.at(m.capSource);
        int slot = caps.firstFree(to.index);
        if (src.isEmpty() || src.type() != m.capType || src.object() != m.capObject || slot < 0) {
            return -1;
        }
        int per = caps.slotsPerProcess();
        caps.copy(m.capSource / per, m.capSource % per, to.index, slot);
        return slot;
    }

    // ---- Receive, TryReceive ----

    /** OK when {@code caller} may receive from {@code p} into {@code max} bytes at {@code buf}. */
    /*@ public normal_behavior
      @ requires caller.owner != null ==> caller.owner.space != null && \invariant_for(caller.owner.space);
      @ ensures \result <= 0;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int checkReceive(Tcb caller, Port p, long buf, long max, boolean block) {
        boolean empty = p.count == 0;
        return receiveVerdict(caller.owner, p.live, buf, max, pool.messageBytes(), block, empty);
    }

    /** checkReceive's verdict on what it read: {@code bytes} a message's payload. */
    /*@ private normal_behavior
      @ requires user != null && bytes >= 0;
      @ requires o != null ==> o.space != null && \invariant_for(o.space);
      @ ensures \result <= 0;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private int receiveVerdict(/*@ nullable @*/ @Nullable Process o, boolean live,
            long buf, long max, int bytes, boolean block, boolean empty) {
        if (o == null || !live) {
            return Errors.DEAD_OBJECT;
        }
        if (max < 0 || max > UserMemory.MAX_LENGTH) {
            return Errors.BAD_LENGTH;
        }
        // atMost(max, bytes) is within [0, bytes], so checkBuffer's own length test passes and
        // its verdict is user.check's. The last test is a method of its own: this one then has
        // one path past the buffer check, which carries the address space's invariant.
        return receiveResult(checkBuffer(o.space, buf, atMost(max, bytes), true, bytes), block, empty);
    }

    /** receiveVerdict's last step: the buffer check's error, else WOULD_BLOCK or OK. */
    /*@ private normal_behavior
      @ requires code <= 0;
      @ ensures \result <= 0;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private int receiveResult(int code, boolean block, boolean empty) {
        if (code != Errors.OK) {
            return code;
        }
        // One if statement per flag: a condition over a flag inside an expression (!block &&
        // empty, or empty ? .. : ..) becomes a conditional term that the strategy does not
        // split, and the prover ran out of steps on it alone.
        if (block) {
            return Errors.OK;
        }
        if (empty) {
            return Errors.WOULD_BLOCK;
        }
        return Errors.OK;
    }

    /** The smaller of {@code a} and {@code b}, with a contract the prover can use. */
    /*@ private normal_behavior
      @ ensures \result == (a <= b ? a : b);
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private static long atMost(long a, long b) {
        return a <= b ? a : b;
    }

    /**
     * Pages in a checked receive buffer. The preconditions are what checkReceive's OK found about
     * the buffer's checked part, its first min(max, message payload) bytes.
     */
    /*@ public normal_behavior
      @ requires \invariant_for(user);
      @ requires caller.owner != null ==> caller.owner.space != null && \invariant_for(caller.owner.space);
      @ requires caller.owner != null ==> 0 <= max && max <= UserMemory.MAX_LENGTH
      @     && ((max <= pool.messageBytes() ? max : pool.messageBytes()) == 0
      @         || (dev.keel.kernel.mem.MemoryManager.USER_BASE <= buf && buf
      @             <= dev.keel.kernel.mem.PageTable.USER_TOP - (max <= pool.messageBytes() ? max : pool.messageBytes())));
      @ ensures \result == Errors.OK || \result == Errors.NO_MEMORY;
      @ assignable user.mm.frames.top, user.mm.frames.free[*], user.mm.frames.refs[*], user.mm.frames.stack[*],
      @     user.mm.tables.frames.top, user.mm.tables.frames.free[*], user.mm.tables.frames.refs[*];
      @*/
    public int prepareReceive(Tcb caller, long buf, long max) {
        Process o = caller.owner;
        if (o == null) {
            return Errors.NO_MEMORY;
        }
        return user.prepare(o.space, buf, atMost(max, pool.messageBytes()), true);
    }

    /**
     * Receive: takes the first queued message (then admits one blocked sender into the queue),
     * or blocks the caller until a message comes.
     */
    /*@ public normal_behavior
      @ requires \invariant_for(scheduler);
      @ requires \invariant_for(user);
      @ requires checkReceive(caller, p, buf, max, true) == Errors.OK;
      @ ensures \old(p.count) > 0 ==> p.received == \old(p.received) + 1;
      @ ensures \invariant_for(scheduler);
      @ assignable touched;
      @*/
    public void receive(Tcb caller, Port p, long buf, int max) {
        caller.recvBuffer = buf;
        caller.recvMax = max <= pool.messageBytes() ? max : pool.messageBytes();
        Message m = p.poll();
        if (m == null) {
            caller.waitPort = p;
            scheduler.block(caller, Tcb.ON_RECEIVE);
            p.receivers.append(caller);
            return;
        }
        if (!deliver(caller, p, m)) {
            p.prepend(m);
            return;
        }
        refill(p);
    }

    /** TryReceive: a receive checked with {@code block} false, so a message is queued. */
    /*@ public normal_behavior
      @ requires \invariant_for(scheduler);
      @ requires \invariant_for(user);
      @ requires checkReceive(caller, p, buf, max, false) == Errors.OK;
      @ ensures p.received == \old(p.received) + 1;
      @ ensures \invariant_for(scheduler);
      @ assignable touched;
      @*/
    public void tryReceive(Tcb caller, Port p, long buf, int max) {
        receive(caller, p, buf, max);
    }

    /** A message left {@code p}'s queue: the first blocked sender's message takes its place. */
    // Not a helper, as offer: Ipc's invariant is required and kept. The interrupt table's
    // invariant is not part of Ipc's; the pending notifications flushed here need it.
    /*@ private normal_behavior
      @ requires \invariant_for(scheduler) && \invariant_for(user) && \invariant_for(irqs);
      @ ensures \invariant_for(scheduler) && \invariant_for(user) && \invariant_for(irqs);
      @ assignable touched;
      @*/
    private void refill(Port p) {
        Tcb s = p.senders.poll();
        if (s != null) {
            Message m = s.pending;
            s.pending = null;
            if (m != null) {
                p.append(m);
            }
            if (m == null || m.caller == null) {
                wake(s, Errors.OK);
            }
        }
        flushIrqs(p);
    }

    // ---- Reply ----

    /** OK when {@code replier} holds a reply capability and {@code len} bytes at {@code buf} are readable. */
    // The OK facts are those reply requires (a reply capability, an owner, a free message, a
    // readable buffer): a caller tests this check in code and must meet reply's precondition.
    /*@ public normal_behavior
      @ requires replier.owner != null ==> replier.owner.space != null && \invariant_for(replier.owner.space);
      @ ensures \result == Errors.OK ==> replier.replyCap != null && replier.owner != null
      @     && (\exists int k; 0 <= k && k < pool.messages.length; !pool.messages[k].inUse)
      @     && 0 <= len && len <= UserMemory.MAX_LENGTH
      @     && (len == 0 || (dev.keel.kernel.mem.MemoryManager.USER_BASE <= buf
      @         && buf <= dev.keel.kernel.mem.PageTable.USER_TOP - len));
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int checkReply(Tcb replier, long buf, long len) {
        boolean held = replier.replyCap != null;
        return replyVerdict(held, replier.owner, buf, len, pool.messageBytes(), pool.hasFree());
    }

    /**
     * checkReply's verdict on what it read: {@code held} whether a reply capability is held,
     * {@code anyFree} whether a message is free.
     */
    /*@ private normal_behavior
      @ requires user != null;
      @ requires o != null ==> o.space != null && \invariant_for(o.space);
      @ ensures \result == Errors.OK ==> held && o != null && anyFree
      @     && 0 <= len && len <= UserMemory.MAX_LENGTH
      @     && (len == 0 || (dev.keel.kernel.mem.MemoryManager.USER_BASE <= buf
      @         && buf <= dev.keel.kernel.mem.PageTable.USER_TOP - len));
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private int replyVerdict(boolean held, /*@ nullable @*/ @Nullable Process o,
            long buf, long len, int max, boolean anyFree) {
        if (!held) {
            return Errors.NO_REPLY;
        }
        if (o == null) {
            return Errors.DEAD_OBJECT;
        }
        int e = checkBuffer(o.space, buf, len, false, max);
        if (e != Errors.OK) {
            return e;
        }
        return anyFree ? Errors.OK : Errors.NO_RESOURCES;
    }

    /**
     * Reply: uses up the one-shot reply capability; the caller wakes with the reply in its buffer
     * (or with an error when its buffer went bad). Returns the woken caller.
     */
    /*@ public normal_behavior
      @ requires \invariant_for(scheduler);
      @ requires \invariant_for(user);
      @ requires replier.replyCap != null && replier.owner != null
      @     && (\exists int k; 0 <= k && k < pool.messages.length; !pool.messages[k].inUse)
      @     && 0 <= len && len <= UserMemory.MAX_LENGTH
      @     && (len == 0 || (dev.keel.kernel.mem.MemoryManager.USER_BASE <= buf
      @         && buf <= dev.keel.kernel.mem.PageTable.USER_TOP - len));
      @ ensures replier.replyCap == null && \result == \old(replier.replyCap);
      @ ensures \invariant_for(scheduler);
      @ assignable \infinite_union(dev.keel.kernel.sched.ThreadQueue q; \all_fields(q));
      @ assignable \infinite_union(Tcb x; \locset(x.state, x.blockedOn, x.next, x.prev, x.queued, x.inQueue,
      @     x.waitPort, x.pending, x.recvBuffer, x.recvMax, x.ioOp, x.ioSlot, x.replyCap, x.replyHolder));
      @ assignable \infinite_union(Tcb x; x.regs[*]);
      @ assignable \infinite_union(Message x; \locset(x.length, x.label, x.badge, x.hasCap, x.capSource,
      @     x.capType, x.capObject, x.caller, x.next, x.inUse));
      @ assignable \infinite_union(Message x; x.data[*]);
      @ assignable \infinite_union(dev.keel.kernel.sched.PerCpu c; \locset(c.needResched));
      @ assignable scheduler.trace.ops, scheduler.trace.overflow, scheduler.trace.opKind[*],
      @     scheduler.trace.opThread[*], scheduler.trace.opGeneration[*];
      @ assignable user.mm.frames.top, user.mm.frames.free[*], user.mm.frames.refs[*], user.mm.frames.stack[*],
      @     user.mm.tables.frames.top, user.mm.tables.frames.free[*], user.mm.tables.frames.refs[*];
      @*/
    public @Nullable Tcb reply(Tcb replier, long label, long buf, int len) {
        Tcb c = replier.replyCap;
        Process o = replier.owner;
        Message m = pool.allocate();
        if (c == null || o == null || m == null) {
            return null;
        }
        replier.replyCap = null;
        c.replyHolder = null;
        fill(m, o.space, label, 0, buf, len, -1);
        Process co = c.owner;
        int n = m.length <= c.recvMax ? m.length : c.recvMax;
        int e = co == null ? Errors.DEAD_OBJECT : user.prepare(co.space, c.recvBuffer, n, true);
        if (co != null && e == Errors.OK) {
            user.copyOut(co.space, c.recvBuffer, m.data, 0, n < 0 ? 0 : n);
            c.setResult(m.length, 0, label, -1);
        } else {
            c.setResult(e, 0, 0, -1);
        }
        pool.release(m);
        replier.setResult(Errors.OK, 0, 0, -1);
        c.waitPort = null;
        scheduler.unblock(c);
        return c;
    }

    // ---- Deadlock detection ----

    /**
     * True when a call by {@code caller} to {@code p} would leave the caller blocked for ever
     * (spec/Ipc.tla WouldDeadlock): some thread can receive from {@code p}, and every thread the
     * caller would wait for, directly or through others, is the caller or is itself blocked in a
     * call. A thread blocked in a call waits for every thread that can receive from its port until
     * its message is received, then for the holder of its reply capability. A search from the
     * caller along these waits that never meets a thread able to answer has found the spec's
     * Stuck set with the caller in it. Each thread is expanded once; the marks live in
     * {@link #mark}, so the search allocates nothing.
     */
    // A helper: the search writes only the marks, so Ipc's invariant is kept without being shown
    // again on every way out of the loop; the fields it reads are named instead (the capability
    // table's shape, which its invariant gives, as for the helpers below). That the marks are
    // none of the arrays the search reads is the lemma's, not a precondition. The search's frame
    // is the marks' index range, not mark[*]: the prover reads mark[*] as every field of the
    // array object, so a caller would have to show, for each object it reads afterwards, that it
    // is not the marks; an index range leaves every field of other classes alone at once.
    /*@ public normal_behavior
      @ requires mark != null && tcbs != null && \nonnullelements(tcbs);
      @ requires caps != null && caps.slots != null
      @     && \nonnullelements(caps.slots) && caps.slots.length == caps.slotsPerProcess * caps.processCount
      @     && 0 < caps.slotsPerProcess && caps.slotsPerProcess <= caps.slots.length
      @     && 0 < caps.processCount && caps.processCount <= caps.slots.length;
      @ ensures \result ==> 0 <= caller.id && caller.id < mark.length;
      @ assignable mark[0 .. mark.length - 1];
      @*/
    /*@ helper @*/ public boolean closesCycle(Tcb caller, Port p) {
        distinct(mark, tcbs);
        notSlots(mark, caps);
        int c = caller.id;
        if (c < 0 || c >= mark.length || c >= tcbs.length) {
            return false;
        }
        clearMarks();
        mark[c] = REACHED;
        /*@ loop_invariant 0 <= round && round <= mark.length;
          @ assignable mark[0 .. mark.length - 1];
          @ decreases mark.length - round;
          @*/
        for (int round = 0; round < mark.length; round++) {
            int u = expandNext();
            if (u < 0) {
                return true;
            }
            boolean stuck = u == c ? reachReceivers(p, c) : u < tcbs.length && reachWaitedFor(tcbs[u], c);
            if (!stuck) {
                return false;
            }
        }
        // Every round expanded another thread, so all are expanded: none is left to follow.
        return expandNext() < 0;
    }

    // Helpers of the search: Ipc's invariant is neither assumed nor needed, so the fields they
    // use are named in their preconditions. Of the capability table they need its shape, not its
    // invariant: that one names Capability.rightsWithin, whose evaluation after each write of a
    // mark ran the search past the step bound.
    /*@ private normal_behavior
      @ requires mark != null;
      @ ensures (\forall int i; 0 <= i && i < mark.length; mark[i] == UNSEEN);
      @ assignable mark[0 .. mark.length - 1];
      @*/
    /*@ helper @*/ private void clearMarks() {
        /*@ loop_invariant 0 <= i && i <= mark.length;
          @ loop_invariant (\forall int j; 0 <= j && j < i; mark[j] == UNSEEN);
          @ assignable mark[0 .. mark.length - 1];
          @ decreases mark.length - i;
          @*/
        for (int i = 0; i < mark.length; i++) {
            mark[i] = UNSEEN;
        }
    }

    /** Marks the first thread reached and not yet expanded as expanded and returns it; -1 if none. */
    /*@ private normal_behavior
      @ requires mark != null;
      @ ensures -1 <= \result && \result < mark.length;
      @ ensures \result >= 0 ==> \old(mark[\result]) == REACHED && mark[\result] == EXPANDED;
      @ ensures \result == -1 ==> (\forall int i; 0 <= i && i < mark.length; mark[i] != REACHED);
      @ assignable mark[0 .. mark.length - 1];
      @*/
    /*@ helper @*/ private int expandNext() {
        /*@ loop_invariant 0 <= i && i <= mark.length;
          @ loop_invariant (\forall int j; 0 <= j && j < i; mark[j] != REACHED);
          @ assignable \nothing;
          @ decreases mark.length - i;
          @*/
        for (int i = 0; i < mark.length; i++) {
            if (mark[i] == REACHED) {
                mark[i] = EXPANDED;
                return i;
            }
        }
        return -1;
    }

    /**
     * Expands {@code t}, blocked in a call: the holder of its reply capability, or, before its
     * message is received, every thread that can receive from its port, joins the search. False
     * when one of them may answer, or when there is none.
     */
    /*@ private normal_behavior
      @ requires mark != null && tcbs != null && \nonnullelements(tcbs) && (Object) mark != (Object) tcbs;
      @ requires caps != null && caps.slots != null
      @     && \nonnullelements(caps.slots) && caps.slots.length == caps.slotsPerProcess * caps.processCount
      @     && 0 < caps.slotsPerProcess && caps.slotsPerProcess <= caps.slots.length
      @     && 0 < caps.processCount && caps.processCount <= caps.slots.length;
      @ requires (Object) mark != (Object) caps.slots;
      @ assignable mark[0 .. mark.length - 1];
      @*/
    /*@ helper @*/ private boolean reachWaitedFor(Tcb t, int c) {
        Tcb h = t.replyHolder;
        if (h != null) {
            return reach(h, c);
        }
        Port q = t.waitPort;
        return t.blockedOn == Tcb.ON_CALL && q != null && reachReceivers(q, c);
    }

    /**
     * Every thread that can receive from {@code q} joins the search; false when one of them may
     * answer (it is not blocked in a call), or when there is none.
     */
    /*@ private normal_behavior
      @ requires mark != null && tcbs != null && \nonnullelements(tcbs) && (Object) mark != (Object) tcbs;
      @ requires caps != null && caps.slots != null
      @     && \nonnullelements(caps.slots) && caps.slots.length == caps.slotsPerProcess * caps.processCount
      @     && 0 < caps.slotsPerProcess && caps.slotsPerProcess <= caps.slots.length
      @     && 0 < caps.processCount && caps.processCount <= caps.slots.length;
      @ requires (Object) mark != (Object) caps.slots;
      @ assignable mark[0 .. mark.length - 1];
      @*/
    /*@ helper @*/ private boolean reachReceivers(Port q, int c) {
        boolean any = false;
        /*@ loop_invariant 0 <= v && v <= tcbs.length;
          @ assignable mark[0 .. mark.length - 1];
          @ decreases tcbs.length - v;
          @*/
        for (int v = 0; v < tcbs.length; v++) {
            Tcb r = tcbs[v];
            if (canReceive(r, q)) {
                if (!reach(r, c)) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    /**
     * {@code v}, whom a thread of the search waits for, joins it; false when v is neither the
     * caller (number {@code c}) nor blocked in a call, so it may yet answer.
     */
    /*@ private normal_behavior
      @ requires mark != null;
      @ ensures \result == (0 <= v.id && v.id < mark.length && (v.id == c || inCall(v)));
      @ ensures \result ==> mark[v.id] != UNSEEN;
      @ assignable mark[0 .. mark.length - 1];
      @*/
    /*@ helper @*/ private boolean reach(Tcb v, int c) {
        int i = v.id;
        if (i < 0 || i >= mark.length || (i != c && !inCall(v))) {
            return false;
        }
        if (mark[i] == UNSEEN) {
            mark[i] = REACHED;
        }
        return true;
    }

    /** True when {@code t} is blocked in a call (spec: blockedOn[t].op = "call"). */
    /*@ public normal_behavior
      @ ensures \result == (t.state == Tcb.BLOCKED && (t.blockedOn == Tcb.ON_CALL || t.blockedOn == Tcb.ON_REPLY));
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ boolean inCall(Tcb t) {
        return t.state == Tcb.BLOCKED && (t.blockedOn == Tcb.ON_CALL || t.blockedOn == Tcb.ON_REPLY);
    }

    /**
     * True when {@code t} can receive from {@code q} (spec Receivers): it waits there, or its
     * process holds a capability to {@code q} with the receive right.
     */
    /*@ private normal_behavior
      @ requires caps != null && caps.slots != null
      @     && \nonnullelements(caps.slots) && caps.slots.length == caps.slotsPerProcess * caps.processCount
      @     && 0 < caps.slotsPerProcess && caps.slotsPerProcess <= caps.slots.length
      @     && 0 < caps.processCount && caps.processCount <= caps.slots.length;
      @ ensures \result ==> t.state != Tcb.FREE;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private boolean canReceive(Tcb t, Port q) {
        if (t.state == Tcb.FREE) {
            return false;
        }
        if (t.state == Tcb.BLOCKED && t.blockedOn == Tcb.ON_RECEIVE && t.waitPort == q) {
            return true;
        }
        Process o = t.owner;
        if (o == null) {
            return false;
        }
        // The prover knows no range for an int field: the process number is bounded here.
        int proc = o.index;
        return proc >= 0 && proc < caps.processCount() && holdsReceiveRight(proc, q);
    }

    /** True when process {@code proc} holds a capability to {@code q} with the receive (read) right. */
    /*@ private normal_behavior
      @ requires caps != null && caps.slots != null
      @     && \nonnullelements(caps.slots) && caps.slots.length == caps.slotsPerProcess * caps.processCount
      @     && 0 < caps.slotsPerProcess && caps.slotsPerProcess <= caps.slots.length
      @     && 0 < caps.processCount && caps.processCount <= caps.slots.length;
      @ ensures \result ==> 0 <= proc && proc < caps.processCount;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private boolean holdsReceiveRight(int proc, Port q) {
        int per = caps.slotsPerProcess();
        /*@ loop_invariant 0 <= s && s <= per;
          @ assignable \strictly_nothing;
          @ decreases per - s;
          @*/
        for (int s = 0; s < per; s++) {
            int g = caps.globalSlot(proc, s);
            if (g < 0 || g >= caps.size()) {
                return false;
            }
            if (receiveRightAt(g, q)) {
                return true;
            }
        }
        return false;
    }

    /** True when global slot {@code g} holds a capability to {@code q} with the receive (read) right. */
    /*@ private normal_behavior
      @ requires caps != null && caps.slots != null && 0 <= g && g < caps.slots.length && caps.slots[g] != null;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private boolean receiveRightAt(int g, Port q) {
        Capability c = caps.at(g);
        return c.type() == CapType.PORT && c.object() == q.id && c.canRead();
    }

    // ---- Interrupt notifications ----

    /** An interrupt on {@code line}: masked until acknowledged, notified to its bound port. */
    /*@ public normal_behavior
      @ requires \invariant_for(scheduler);
      @ requires \invariant_for(user);
      @ requires 0 <= line && line < irqs.lines();
      @ ensures \invariant_for(scheduler);
      @ assignable touched;
      @*/
    public void interrupt(int line) {
        interrupts.mask(line);
        interrupts.endOfInterrupt(line);
        irqs.setPending(line, true);
        deliverIrq(line);
    }

    /** Binds {@code line} to {@code p} with {@code badge}; a pending notification goes out now. */
    // The interrupt table's invariant (one badge and one pending flag per line) is not part of
    // Ipc's, and binding needs it, so it is required here; irq_bind's caller holds it.
    /*@ public normal_behavior
      @ requires \invariant_for(scheduler);
      @ requires \invariant_for(user);
      @ requires \invariant_for(irqs);
      @ requires 0 <= line && line < irqs.lines() && p.live;
      @ ensures irqs.portOf(line) == p;
      @ ensures \invariant_for(scheduler);
      @ assignable \infinite_union(Port x; \locset(x.head, x.tail, x.count, x.sent, x.received, x.dropped));
      @ assignable \infinite_union(dev.keel.kernel.sched.ThreadQueue q; \locset(q.head, q.tail, q.count, q.nodes));
      @ assignable \infinite_union(Tcb x; \locset(x.state, x.blockedOn, x.next, x.prev, x.queued, x.inQueue,
      @     x.waitPort, x.pending, x.recvBuffer, x.recvMax, x.ioOp, x.ioSlot, x.replyCap, x.replyHolder));
      @ assignable \infinite_union(Tcb x; x.regs[*]);
      @ assignable \infinite_union(Message x; \locset(x.length, x.label, x.badge, x.hasCap, x.capSource,
      @     x.capType, x.capObject, x.caller, x.next, x.inUse));
      @ assignable \infinite_union(dev.keel.kernel.sched.PerCpu c; \locset(c.needResched));
      @ assignable scheduler.trace.ops, scheduler.trace.overflow, scheduler.trace.opKind[*],
      @     scheduler.trace.opThread[*], scheduler.trace.opGeneration[*];
      @ assignable user.mm.frames.top, user.mm.frames.free[*], user.mm.frames.refs[*], user.mm.frames.stack[*],
      @     user.mm.tables.frames.top, user.mm.tables.frames.free[*], user.mm.tables.frames.refs[*];
      @ assignable \infinite_union(int g; 0 <= g && g < caps.slots.length; \all_fields(caps.slots[g])), caps.parent[*];
      @ assignable irqs.port[line], irqs.badge[line], irqs.pending[*];
      @*/
    public void irqBind(int line, Port p, long badge) {
        irqs.bind(line, p, badge);
        deliverIrq(line);
    }

    /** Acknowledges {@code line}: it may interrupt again. */
    // A helper: it touches nothing of Ipc's (the mask is the controller's), so the controller is
    // named instead of Ipc's invariant, which irq_ack would otherwise unfold and show again.
    /*@ public normal_behavior
      @ requires interrupts != null && irqs != null;
      @ requires 0 <= line && line < irqs.lines();
      @ assignable \nothing;
      @*/
    /*@ helper @*/ public void irqAck(int line) {
        interrupts.unmask(line);
    }

    /** Notifies {@code line}'s port of a pending interrupt when it can take the message. */
    // Not a helper, as offer. A notification that no receiver or queue takes stays pending, and
    // the counters are as found.
    /*@ private normal_behavior
      @ requires \invariant_for(scheduler) && \invariant_for(user) && \invariant_for(irqs);
      @ ensures \invariant_for(scheduler) && \invariant_for(user) && \invariant_for(irqs);
      @ assignable touched;
      @*/
    private void deliverIrq(int line) {
        Port p = irqs.portOf(line);
        if (p == null || !irqs.isPending(line) || (p.receivers.isEmpty() && p.isFull())) {
            return;
        }
        Message m = pool.allocate();
        if (m == null) {
            return;
        }
        m.label = IRQ_LABEL + line;
        m.badge = irqs.badgeOf(line);
        irqs.setPending(line, false);
        p.sent++;
        if (!offer(p, m)) {
            p.sent--;
            pool.release(m);
            irqs.setPending(line, true);
        }
    }

    /** Delivers the pending notifications of the lines bound to {@code p}. */
    /*@ private normal_behavior
      @ requires \invariant_for(scheduler) && \invariant_for(user) && \invariant_for(irqs);
      @ ensures \invariant_for(scheduler) && \invariant_for(user) && \invariant_for(irqs);
      @ assignable touched;
      @*/
    private void flushIrqs(Port p) {
        flushFrom(p, 0, irqs.lines());
    }

    /**
     * Delivers the pending notifications of the lines from {@code line} up to {@code n} (the
     * table's line count, read once by flushIrqs) that are bound to {@code p}, in line order.
     * Recursive rather than a loop: at a loop's exit the invariants lay over two copies of the
     * frame's heap whose unions were ordered differently and did not match; here each step ends
     * on the heap of flushLine's contract, which states the invariants the next step needs. The
     * call is in tail position, so the compiled kernel runs it as a loop. The count is a
     * parameter, not read from the table at each step: the prover did not carry the table's
     * array across flushLine's frame.
     */
    /*@ private normal_behavior
      @ requires \invariant_for(scheduler) && \invariant_for(user) && \invariant_for(irqs);
      @ requires 0 <= line && line <= n;
      @ ensures \invariant_for(scheduler) && \invariant_for(user) && \invariant_for(irqs);
      @ assignable touched;
      @ measured_by n - line;
      @*/
    private void flushFrom(Port p, int line, int n) {
        if (line >= n) {
            return;
        }
        apart(this, irqs, caps, scheduler, user);
        flushLine(p, line);
        flushFrom(p, line + 1, n);
    }

    /**
     * Delivers {@code line}'s pending notification when the line is bound to {@code p}. Its own
     * method, so that both outcomes of the test end on one contract and flushFrom's proof goes on
     * from one heap, not two.
     */
    /*@ private normal_behavior
      @ requires \invariant_for(scheduler) && \invariant_for(user) && \invariant_for(irqs);
      @ ensures \invariant_for(scheduler) && \invariant_for(user) && \invariant_for(irqs);
      @ assignable touched;
      @*/
    private void flushLine(Port p, int line) {
        if (irqs.portOf(line) == p && irqs.isPending(line)) {
            deliverIrq(line);
        }
    }

    /**
     * Lemma: the IPC state and the objects whose fields its frames read are no thread queue and
     * no capability. The prover does not tell objects of unrelated classes apart unaided; after
     * a loop frame that names every queue's and every capability's fields, this says that the
     * fields read afterwards were not among them.
     */
    /*@ private normal_behavior
      @ requires i != null && t != null && c != null && s != null && u != null;
      @ ensures (\forall dev.keel.kernel.sched.ThreadQueue q; (Object) q != (Object) i && (Object) q != (Object) t
      @     && (Object) q != (Object) c && (Object) q != (Object) s && (Object) q != (Object) u);
      @ ensures (\forall Capability x; (Object) x != (Object) i && (Object) x != (Object) t
      @     && (Object) x != (Object) c && (Object) x != (Object) s && (Object) x != (Object) u);
      @ assignable \strictly_nothing;
      @*/
    /*@ helper @*/ private static void apart(Ipc i, IrqTable t, CapabilitySpace c, Scheduler s, UserMemory u) {
    }

    // ---- Teardown ----

    /** The port died (its last capability was deleted): every waiter wakes with DEAD_OBJECT. */
    /*@ public normal_behavior
      @ requires \invariant_for(scheduler);
      @ ensures !p.live && p.count == 0;
      @ ensures \invariant_for(scheduler);
      @ assignable p.live;
      @ assignable \infinite_union(Port x; \locset(x.head, x.tail, x.count, x.sent, x.received, x.dropped));
      @ assignable woken;
      @ assignable irqs.port[*];
      @*/
    public void destroyPort(Port p) {
        p.live = false;
        apart(this, irqs, caps, scheduler, user);
        // The waiters' wake-ups: what dropPending and wake write.
        /*@ loop_invariant 0 <= i && (i == 0 || i <= bound) && !p.live;
          @ loop_invariant \invariant_for(this) && \invariant_for(scheduler);
          @ assignable p.dropped;
          @ assignable woken;
          @ decreases bound - i;
          @*/
        for (int i = 0; i < bound; i++) {
            Tcb t = p.senders.poll();
            if (t == null) {
                t = p.receivers.poll();
            }
            if (t == null) {
                break;
            }
            dropPending(p, t);
            wake(t, Errors.DEAD_OBJECT);
        }
        drainQueue(p);
        irqs.unbindPort(p);
    }

    // A helper: Ipc's invariant is neither needed nor kept here (a port's dropped counter grows).
    /*@ private normal_behavior
      @ requires pool != null && \invariant_for(pool);
      @ requires t.pending != null ==> \invariant_for(t.pending) && 0 <= p.dropped && p.dropped < Long.MAX_VALUE;
      @ ensures t.pending == null;
      @ ensures p.dropped == (\old(t.pending) == null ? \old(p.dropped) : \old(p.dropped) + 1);
      @ assignable t.pending, p.dropped, t.pending.length, t.pending.label, t.pending.badge,
      @     t.pending.hasCap, t.pending.capSource, t.pending.capType, t.pending.capObject,
      @     t.pending.caller, t.pending.next, t.pending.inUse;
      @*/
    /*@ helper @*/ private void dropPending(Port p, Tcb t) {
        Message m = t.pending;
        if (m != null) {
            // Released first, while the pool's and the message's invariants are those the
            // caller showed: the two writes after it touch neither.
            pool.release(m);
            t.pending = null;
            //@ assert 0 <= p.dropped && p.dropped < Long.MAX_VALUE;
            p.dropped++;
        }
    }

    /** Drops the messages queued at dead port {@code p}; a caller blocked on one wakes with DEAD_OBJECT. */
    // Not a helper: Ipc's invariant is required and kept (it says nothing of a dead port's counters).
    // The queue holds fewer messages than the walk's bound (no more than the pool's), so the walk
    // ends on an empty queue.
    /*@ private normal_behavior
      @ requires \invariant_for(scheduler) && !p.live;
      @ ensures \invariant_for(scheduler) && !p.live && p.count == 0;
      @ assignable p.head, p.tail, p.count;
      @ assignable p.dropped;
      @ assignable woken;
      @*/
    private void drainQueue(Port p) {
        apart(this, irqs, caps, scheduler, user);
        /*@ loop_invariant 0 <= i && (i == 0 || i <= bound) && !p.live;
          @ loop_invariant \invariant_for(this) && \invariant_for(scheduler);
          @ assignable p.head, p.tail, p.count;
          @ assignable p.dropped;
          @ assignable woken;
          @ decreases bound - i;
          @*/
        for (int i = 0; i < bound; i++) {
            Message m = p.poll();
            if (m == null) {
                return;
            }
            Tcb c = m.caller;
            if (c != null && c.state == Tcb.BLOCKED) {
                wake(c, Errors.DEAD_OBJECT);
            }
            p.dropped++;
            pool.release(m);
        }
    }

    /**
     * A thread is going away: it leaves every queue, its queued messages are dropped, the caller
     * whose reply capability it held wakes with DEAD_OBJECT, and a reply it waited for is forgotten.
     */
    /*@ public normal_behavior
      @ requires \invariant_for(scheduler);
      @ requires \invariant_for(user);
      @ requires \invariant_for(t);
      @ ensures t.replyCap == null && t.replyHolder == null && t.pending == null;
      @ ensures \invariant_for(scheduler);
      @ ensures \invariant_for(user);
      @ assignable touched;
      @*/
    public void cancel(Tcb t) {
        Port p = t.waitPort;
        if (p != null) {
            leavePort(p, t);
        }
        Tcb holder = t.replyHolder;
        if (holder != null && holder.replyCap == t) {
            holder.replyCap = null;
        }
        t.replyHolder = null;
        Tcb c = t.replyCap;
        t.replyCap = null;
        if (c != null) {
            c.replyHolder = null;
            wake(c, Errors.DEAD_OBJECT);
        }
        t.clearIpc();
    }

    /**
     * {@code t} leaves {@code p}: out of its thread queues, its held message and a call it queued
     * dropped, and a blocked sender's message takes the freed place.
     */
    // Not a helper, as offer. Its frame is cancel's.
    /*@ private normal_behavior
      @ requires \invariant_for(scheduler) && \invariant_for(user) && \invariant_for(irqs);
      @ ensures \invariant_for(scheduler) && \invariant_for(user) && \invariant_for(irqs);
      @ assignable touched;
      @*/
    private void leavePort(Port p, Tcb t) {
        if (t.queued && p.senders.contains(t)) {
            p.senders.remove(t);
        } else if (t.queued && p.receivers.contains(t)) {
            p.receivers.remove(t);
        }
        dropPending(p, t);
        Message queued = queuedCall(p, t);
        if (queued != null && p.unlink(queued)) {
            p.dropped++;
            pool.release(queued);
            refill(p);
        }
    }

    /*@ private normal_behavior
      @ ensures \result == null || \result.caller == t;
      @ assignable \strictly_nothing;
      @*/
    /*@ nullable pure helper @*/ private @Nullable Message queuedCall(Port p, Tcb t) {
        Message m = p.head;
        // The bound through its getter: the prover knows the range of an int a method returns.
        int n = walkBound();
        /*@ loop_invariant 0 <= i && (i == 0 || i <= n);
          @ assignable \strictly_nothing;
          @ decreases n - i;
          @*/
        for (int i = 0; i < n && m != null; i++) {
            if (m.caller == t) {
                return m;
            }
            m = m.next;
        }
        return null;
    }

    // ---- Self-check ----

    /** Checks NoMessageLost and QueueBounded on every live port, and ReplyCapsPaired via threads. */
    // The sender queues keep their own invariant (a thread queue is changed only through its
    // methods), which walking them needs.
    /*@ public normal_behavior
      @ requires (\forall int k; 0 <= k && k < ports.length;
      @     ports[k].senders != null && \invariant_for(ports[k].senders));
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ boolean invariantsHold() {
        return allConsistent(ports, walkBound());
    }

    /** The bound of every queue walk, read through a method: the prover knows no range of a field. */
    /*@ private normal_behavior
      @ ensures \result == bound;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private int walkBound() {
        return bound;
    }

    // A helper over the port table alone: the walk needs none of Ipc's invariant, whose unfolding
    // in every step of the loop cost more than the check.
    /*@ private normal_behavior
      @ requires (\forall int k; 0 <= k && k < all.length;
      @     all[k] != null && all[k].senders != null && \invariant_for(all[k].senders));
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private static boolean allConsistent(Port[] all, int bound) {
        /*@ loop_invariant 0 <= i && i <= all.length;
          @ assignable \strictly_nothing;
          @ decreases all.length - i;
          @*/
        for (int i = 0; i < all.length; i++) {
            if (!consistent(all[i], bound)) {
                return false;
            }
        }
        return true;
    }

    /**
     * NoMessageLost and QueueBounded for one port; a dead port has nothing to check. Counters out
     * of their ranges fail the check, so the caller needs to know nothing of them.
     */
    /*@ private normal_behavior
      @ requires p.senders != null && \invariant_for(p.senders);
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private static boolean consistent(Port p, int bound) {
        if (!p.live) {
            return true;
        }
        if (p.count > p.capacity) {
            return false;
        }
        // Subtracted, not summed: each difference lies between 0 and sent (NoMessageLost). The
        // counters are read through getters: the prover knows the range of a long a method
        // returns, not of a long field.
        long sent = p.sentCount();
        long received = p.receivedCount();
        long dropped = p.droppedCount();
        long count = p.count;
        if (received < 0 || dropped < 0 || count < 0 || received > sent) {
            return false;
        }
        long rest = sent - received;
        if (dropped > rest) {
            return false;
        }
        rest = rest - dropped;
        if (count > rest) {
            return false;
        }
        rest = rest - count;
        return rest == blockedSenders(p, bound);
    }

    /** Messages held by threads blocked sending to {@code p}: sent, not yet queued. */
    /*@ private normal_behavior
      @ requires p.senders != null && \invariant_for(p.senders);
      @ ensures 0 <= \result && (bound >= 0 ==> \result <= bound);
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private static long blockedSenders(Port p, int bound) {
        long n = 0;
        Tcb t = p.senders.first();
        /*@ loop_invariant 0 <= i && 0 <= n && n <= i && (i == 0 || i <= bound);
          @ assignable \strictly_nothing;
          @ decreases bound - i;
          @*/
        for (int i = 0; i < bound && t != null; i++) {
            if (t.pending != null) {
                n++;
            }
            t = t.next;
        }
        return n;
    }

    /** True when {@code t}'s reply capability links are symmetric. */
    /*@ public normal_behavior
      @ assignable \strictly_nothing;
      @*/
    public static /*@ pure @*/ boolean replyPaired(Tcb t) {
        Tcb c = t.replyCap;
        Tcb h = t.replyHolder;
        return (c == null || c.replyHolder == t) && (h == null || h.replyCap == t);
    }
}
