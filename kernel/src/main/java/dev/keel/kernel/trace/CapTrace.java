package dev.keel.kernel.trace;

import org.checkerframework.checker.nullness.qual.Nullable;

import dev.keel.hw.TraceSink;
import dev.keel.kernel.cap.CapType;
import dev.keel.kernel.cap.Capability;
import dev.keel.kernel.cap.CapabilitySpace;
import dev.keel.kernel.ipc.Ipc;

/**
 * The capability system's trace: after each action of spec/Capabilities.tla that the kernel
 * carries out, one line on the trace line with the action, its arguments and the abstract state
 * after it, all as TLA+ text (the refinement mapping of the capability state, kept here so that
 * the booted kernel and the hosted tests print the same thing):
 * <pre>
 * &#64;cap &lt;&lt;"Copy", &lt;&lt;"p0", 1, "p1", 1&gt;&gt;, {entry, ...}, {object, ...}&gt;&gt;
 * </pre>
 * An entry is {@code <<<<process, slot>>, [type, obj, rights, badge], parent>>} for each full
 * slot (empty slots are left out: they are the spec's Empty with parent NoRef). Processes are
 * "p" and their index, slots count from 1, objects are named by type and pool index ("Port3").
 * The objects are those some capability names (a port only while it is live): an object no
 * capability names can never be used again, and the spec's objects are the usable ones.
 *
 * Arguments: CreateObject(p, a, s, o) with {@code a} the slot of an untyped memory capability with
 * write held by p (0 when there is none: the root's memory capability at boot, which is the
 * spec's Init); Mint(p, a, q, b), Copy(p, a, q, b), Move(p, a, q, b); Delete(p, a); Revoke(p, a);
 * DestroyObject(p, a) with (p, a) an original capability to the object (none when no capability
 * names it: then the abstract state does not change and nothing is written).
 *
 * Off unless the machine's trace line is on; each hook in CapabilitySpace tests {@link #on} first.
 * Allocates nothing.
 */
public final class CapTrace {

    /** True when every capability action is written; the hooks test only this. */
    public boolean on;

    /*@ spec_public nullable @*/ private @Nullable TraceSink sink;
    /*@ spec_public nullable @*/ private @Nullable Ipc ipc;

    /** The original capability chosen for a DestroyObject, as a global slot, or -1. */
    /*@ spec_public @*/ private int destroyWitness = -1;

    /** Starts tracing when {@code s} is on; {@code ipc} tells which ports are live. */
    /*@ public normal_behavior
      @ requires s.tracing;
      @ ensures on && sink == s && this.ipc == ipc;
      @ assignable on, sink, this.ipc;
      @ also public normal_behavior
      @ requires !s.tracing;
      @ assignable \nothing;
      @*/
    public void attach(TraceSink s, Ipc ipc) {
        if (s.enabled()) {
            this.sink = s;
            this.ipc = ipc;
            this.on = true;
        }
    }

    /** CreateObject: the capability to a new object went into (process, slot). */
    /*@ public normal_behavior
      @ requires sink == null;
      @ assignable \nothing;
      @ also public normal_behavior
      @ requires sink != null && caps.slots != null && caps.parent != null && caps.slots.length == caps.parent.length;
      @ requires \nonnullelements(caps.slots) && caps.slotsPerProcess > 0 && caps.slotsPerProcess <= caps.slots.length;
      @ requires caps.slots.length == caps.slotsPerProcess * caps.processCount && caps.processCount <= caps.slots.length;
      @ requires 0 <= process && process < caps.processCount && 0 <= slot && slot < caps.slotsPerProcess;
      @ assignable \nothing;
      @*/
    public void createObject(CapabilitySpace caps, int process, long slot) {
        TraceSink s = sink;
        if (s == null) {
            return;
        }
        Capability c = caps.at(caps.globalSlot(process, slot));
        // Looked up before the line is begun: the facts about the arrays are then those the caller
        // showed, not facts to be shown again on the heap a write leaves.
        int untyped = untypedSlot(caps, process, slot);
        begin(s, "CreateObject");
        TraceText.process(s, process);
        TraceText.word(s, ", ");
        TraceText.number(s, untyped + 1);
        TraceText.word(s, ", ");
        TraceText.number(s, slot + 1);
        TraceText.word(s, ", ");
        TraceText.object(s, c.type(), c.object());
        end(s, caps);
    }

    /** Mint, Copy or Move ({@code action}) from (sp, src) to (dp, dst). */
    // CreateObject, derive and remove require the arrays the line is written from, not the
    // capability space's invariant: a caller that has just changed the space then need not prove
    // the invariant twice, once here and once for its own end.
    /*@ public normal_behavior
      @ requires sink == null;
      @ assignable \nothing;
      @ also public normal_behavior
      @ requires sink != null && caps.slots != null && caps.parent != null && caps.slots.length == caps.parent.length;
      @ requires \nonnullelements(caps.slots) && caps.slotsPerProcess > 0 && caps.slotsPerProcess <= caps.slots.length;
      @ requires 0 <= sp && sp < caps.processCount && 0 <= src && src < caps.slotsPerProcess;
      @ requires 0 <= dp && dp < caps.processCount && 0 <= dst && dst < caps.slotsPerProcess;
      @ assignable \nothing;
      @*/
    public void derive(CapabilitySpace caps, String action, int sp, long src, int dp, long dst) {
        TraceSink s = sink;
        if (s == null) {
            return;
        }
        begin(s, action);
        TraceText.process(s, sp);
        TraceText.word(s, ", ");
        TraceText.number(s, src + 1);
        TraceText.word(s, ", ");
        TraceText.process(s, dp);
        TraceText.word(s, ", ");
        TraceText.number(s, dst + 1);
        end(s, caps);
    }

    /** Delete or Revoke ({@code action}) of (process, slot). */
    /*@ public normal_behavior
      @ requires sink == null;
      @ assignable \nothing;
      @ also public normal_behavior
      @ requires sink != null && caps.slots != null && caps.parent != null && caps.slots.length == caps.parent.length;
      @ requires \nonnullelements(caps.slots) && caps.slotsPerProcess > 0 && caps.slotsPerProcess <= caps.slots.length;
      @ requires 0 <= process && process < caps.processCount && 0 <= slot && slot < caps.slotsPerProcess;
      @ assignable \nothing;
      @*/
    public void remove(CapabilitySpace caps, String action, int process, long slot) {
        TraceSink s = sink;
        if (s == null) {
            return;
        }
        begin(s, action);
        TraceText.process(s, process);
        TraceText.word(s, ", ");
        TraceText.number(s, slot + 1);
        end(s, caps);
    }

    /** Before DestroyObject of (type, object): picks the original capability that names it. */
    /*@ public normal_behavior
      @ requires \invariant_for(caps);
      @ ensures -1 <= destroyWitness && destroyWitness < caps.slots.length;
      @ ensures destroyWitness >= 0 ==> caps.parent[destroyWitness] == CapabilitySpace.NO_PARENT
      @         && caps.slots[destroyWitness].type == type && caps.slots[destroyWitness].object == object;
      @ assignable destroyWitness;
      @*/
    public void destroying(CapabilitySpace caps, int type, int object) {
        // Chosen in a local and stored once: the scan then writes nothing, and the capability
        // space's invariant it reads stays as it was.
        int w = -1;
        /*@ loop_invariant 0 <= g && g <= caps.slots.length;
          @ loop_invariant -1 <= w && w < g;
          @ loop_invariant w >= 0 ==> caps.parent[w] == CapabilitySpace.NO_PARENT
          @         && caps.slots[w].type == type && caps.slots[w].object == object;
          @ decreases caps.slots.length - g;
          @ assignable \strictly_nothing;
          @*/
        for (int g = 0; g < caps.size(); g++) {
            Capability c = caps.at(g);
            boolean original = caps.parentOf(g) == CapabilitySpace.NO_PARENT;
            if (c.type() == type && c.object() == object && original
                    && (w < 0 || c.canWrite())) {
                w = g;
            }
        }
        destroyWitness = w;
    }

    /** After DestroyObject: written only when a capability named the object. */
    /*@ public normal_behavior
      @ requires (sink == null || destroyWitness < 0) && \invariant_for(caps);
      @ ensures destroyWitness == -1;
      @ assignable destroyWitness;
      @ also public normal_behavior
      @ requires sink != null && destroyWitness >= 0 && \invariant_for(caps);
      @ requires destroyWitness < caps.slots.length;
      @ ensures destroyWitness == -1;
      @ assignable destroyWitness;
      @*/
    public void destroyed(CapabilitySpace caps) {
        int g = witness();
        if (g >= 0) {
            writeDestroyed(caps, g);
        }
        destroyWitness = -1;
    }

    /**
     * Writes DestroyObject of global slot {@code g} as (g / per, g % per), counted out: the prover
     * cannot divide the bound g < processCount * per by per. The count stops at the last process.
     */
    /*@ private normal_behavior
      @ requires sink == null && 0 <= g && \invariant_for(caps);
      @ assignable \nothing;
      @ also private normal_behavior
      @ requires sink != null && 0 <= g && g < caps.slots.length && \invariant_for(caps);
      @ assignable \nothing;
      @*/
    private void writeDestroyed(CapabilitySpace caps, int g) {
        int per = caps.slotsPerProcess();
        int last = caps.processCount() - 1;
        int p = 0;
        int s = g;
        /*@ loop_invariant 0 <= p && p <= last && 0 <= s && s == g - p * per;
          @ assignable \strictly_nothing;
          @ decreases last - p;
          @*/
        while (s >= per && p < last) {
            s = s - per;
            p++;
        }
        remove(caps, "DestroyObject", p, s);
    }

    /** The witness, through a call: the prover knows the range of an int a method returns. */
    /*@ private normal_behavior
      @ ensures \result == destroyWitness;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private int witness() {
        return destroyWitness;
    }

    /** The first slot of {@code process} other than {@code except} with a memory capability with write, or -1. */
    // Each part of a trace line is its own method with a contract, so the proof of a hook is the
    // hook's own statements and not the whole line unfolded.
    /*@ private normal_behavior
      @ requires caps.slots != null && \nonnullelements(caps.slots) && 0 <= process && process < caps.processCount;
      @ requires caps.slots.length == caps.slotsPerProcess * caps.processCount && caps.slotsPerProcess > 0;
      @ requires caps.slotsPerProcess <= caps.slots.length && caps.processCount <= caps.slots.length;
      @ ensures -1 <= \result && \result < caps.slotsPerProcess;
      @ assignable \nothing;
      @*/
    private static int untypedSlot(CapabilitySpace caps, int process, long except) {
        /*@ loop_invariant 0 <= a && a <= caps.slotsPerProcess;
          @ decreases caps.slotsPerProcess - a;
          @ assignable \nothing;
          @*/
        for (int a = 0; a < caps.slotsPerProcess(); a++) {
            Capability c = caps.at(caps.globalSlot(process, a));
            if (a != except && c.type() == CapType.MEMORY && c.canWrite()) {
                return a;
            }
        }
        return -1;
    }

    /*@ private normal_behavior
      @ assignable \nothing;
      @*/
    private static void begin(TraceSink s, String action) {
        TraceText.word(s, "@cap <<");
        TraceText.string(s, action);
        TraceText.word(s, ", <<");
    }

    /** Closes the arguments and writes the state after the action, then ends the line. */
    // The arrays it reads, not the capability space's invariant: each text written before leaves
    // a heap the prover must show the precondition on again, and the invariant is large.
    /*@ private normal_behavior
      @ requires caps.slots != null && caps.parent != null && caps.slots.length == caps.parent.length;
      @ requires \nonnullelements(caps.slots) && caps.slotsPerProcess > 0;
      @ assignable \nothing;
      @*/
    private void end(TraceSink s, CapabilitySpace caps) {
        TraceText.word(s, ">>, {");
        entries(s, caps);
        TraceText.word(s, "}, {");
        objects(s, caps);
        TraceText.word(s, "}>>\n");
    }

    /** The abstract slots: an entry for each full global slot. */
    /*@ private normal_behavior
      @ requires caps.slots != null && caps.parent != null && caps.slots.length == caps.parent.length;
      @ requires \nonnullelements(caps.slots) && caps.slotsPerProcess > 0;
      @ assignable \nothing;
      @*/
    private static void entries(TraceSink s, CapabilitySpace caps) {
        boolean first = true;
        /*@ loop_invariant 0 <= g && g <= caps.slots.length;
          @ loop_invariant caps.slots != null && caps.parent != null && caps.slots.length == caps.parent.length;
          @ loop_invariant \nonnullelements(caps.slots) && caps.slotsPerProcess > 0;
          @ decreases caps.slots.length - g;
          @ assignable \nothing;
          @*/
        for (int g = 0; g < caps.size(); g++) {
            if (!caps.at(g).isEmpty()) {
                TraceText.word(s, first ? "" : ", ");
                entry(s, caps, g);
                first = false;
            }
        }
    }

    /** The abstract objects: those the full slots name, a port only while it is live. */
    /*@ private normal_behavior
      @ requires caps.slots != null && \nonnullelements(caps.slots);
      @ assignable \nothing;
      @*/
    private void objects(TraceSink s, CapabilitySpace caps) {
        boolean first = true;
        /*@ loop_invariant 0 <= h && h <= caps.slots.length;
          @ loop_invariant caps.slots != null && \nonnullelements(caps.slots);
          @ decreases caps.slots.length - h;
          @ assignable \nothing;
          @*/
        for (int h = 0; h < caps.size(); h++) {
            Capability c = caps.at(h);
            if (!c.isEmpty() && usable(c)) {
                TraceText.word(s, first ? "" : ", ");
                TraceText.object(s, c.type(), c.object());
                first = false;
            }
        }
    }

    /** {@code <<<<p, s>>, cap, parent>>} for full global slot g. */
    /*@ private normal_behavior
      @ requires caps.slots != null && caps.parent != null && 0 <= g && g < caps.slots.length;
      @ requires g < caps.parent.length && caps.slots[g] != null && caps.slotsPerProcess > 0;
      @ assignable \nothing;
      @*/
    private static void entry(TraceSink s, CapabilitySpace caps, int g) {
        // Everything read before the first text is written: the reads then need no fact shown
        // again on the heap a write leaves.
        Capability c = caps.at(g);
        int p = caps.parentOf(g);
        int type = c.type();
        int object = c.object();
        boolean read = c.canRead();
        boolean write = c.canWrite();
        boolean grant = c.canGrant();
        long badge = c.badge();
        TraceText.word(s, "<<");
        slotRef(s, caps, g);
        TraceText.word(s, ", [type |-> ");
        TraceText.string(s, TraceText.typeName(type));
        TraceText.word(s, ", obj |-> ");
        TraceText.object(s, type, object);
        TraceText.word(s, ", rights |-> ");
        TraceText.rights(s, read, write, grant);
        TraceText.word(s, ", badge |-> ");
        TraceText.number(s, badge);
        TraceText.word(s, "], ");
        // A parent is NO_PARENT or a slot number (the capability space's invariant).
        if (p < 0) {
            TraceText.noRef(s);
        } else {
            slotRef(s, caps, p);
        }
        TraceText.word(s, ">>");
    }

    /**
     * {@code <<process, slot>>} of global slot {@code g}: g / per and g % per, counted out (as in
     * writeDestroyed: the prover has few rules for a division by a variable).
     */
    /*@ private normal_behavior
      @ requires 0 <= g && caps.slotsPerProcess > 0;
      @ assignable \nothing;
      @*/
    private static void slotRef(TraceSink s, CapabilitySpace caps, int g) {
        int per = caps.slotsPerProcess();
        int p = 0;
        int r = g;
        /*@ loop_invariant 0 <= p && 0 <= r && r <= g && p <= g - r;
          @ assignable \strictly_nothing;
          @ decreases r;
          @*/
        while (r >= per) {
            r = r - per;
            p++;
        }
        TraceText.ref(s, p, r);
    }

    /** Whether the object a capability names exists: a port only while it is live. */
    /*@ private normal_behavior
      @ assignable \nothing;
      @*/
    private boolean usable(Capability c) {
        Ipc i = ipc;
        if (c.type() != CapType.PORT || i == null) {
            return true;
        }
        // Through a query that tests the port table itself: this trace holds no fact about Ipc.
        return i.portLive(c.object());
    }
}
