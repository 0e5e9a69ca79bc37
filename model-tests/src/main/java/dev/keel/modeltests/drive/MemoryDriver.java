package dev.keel.modeltests.drive;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.keel.kernel.abi.Errors;
import dev.keel.kernel.cap.CapType;
import dev.keel.kernel.mem.AddressSpace;
import dev.keel.kernel.mem.FrameAllocator;
import dev.keel.kernel.mem.MemoryManager;
import dev.keel.kernel.mem.Pte;
import dev.keel.kernel.proc.Process;
import dev.keel.kernel.sys.MemCalls;
import dev.keel.modeltests.mapping.MemoryMapping;
import dev.keel.modeltests.tla.Value;
import dev.keel.modeltests.trace.Step;

/**
 * Runs memory operations on the kernel's MemoryManager and logs each as a {@link Step} of
 * spec/Memory.tla. Space i of the model is the address space of process i+1, which holds a
 * memory capability with every right in slot 0; page pg is the virtual address
 * USER_BASE + (pg-1)·PAGE. mmap, munmap and mprotect go through the system call code (MemCalls)
 * with one page each; a fault is the kernel's trap handler, MemoryManager.pageFault; ForkSpace is
 * MemoryManager.forkSpace into a built, empty space (the fork system call does that with a new
 * process); ReleaseSpace unmaps every region of the space, as destroySpace does before it frees
 * the page tables.
 *
 * The model has a few frames; the machine has many. So the driver builds every space's page
 * tables for the model's pages up front (tables never take a frame later), then takes every
 * free frame out of the allocator and gives back exactly the model's: frame i of the model is the
 * i-th one the allocator hands out from then on, and a fault with none of them free finds no
 * memory, as in the spec. Each logged state also names the frame the step allocated
 * ({@code alloc}), for the trace spec: the kernel's allocator picks it, the spec's fault takes any
 * free frame.
 */
public final class MemoryDriver {

    private final KernelParts k;
    private final List<Value> spaces;
    private final int pages;
    private final List<Value> frameNames;
    private final List<Long> frames = new ArrayList<>();
    private final Value none;
    private final MemoryMapping mapping;
    private final List<Step> steps = new ArrayList<>();

    public MemoryDriver(List<Value> spaces, int pages, List<Value> frameNames, Value none) {
        this.spaces = List.copyOf(spaces);
        this.pages = pages;
        this.frameNames = List.copyOf(frameNames);
        this.none = none;
        k = new KernelParts(1, spaces.size() + 1, 4, 1, 4, 4);
        Map<Integer, Value> ids = new LinkedHashMap<>();
        for (int s = 0; s < spaces.size(); s++) {
            k.caps.createObject(s + 1, 0, CapType.MEMORY, k.untyped, true, true, true);
            AddressSpace a = space(s);
            if (k.memory.createSpace(a) != Errors.OK) {
                throw new IllegalStateException("no memory for space " + s);
            }
            for (int pg = 1; pg <= pages; pg++) {
                if (k.memory.tables().entryAddress(a.root(), va(pg), true) == 0) {
                    throw new IllegalStateException("no memory for the page tables");
                }
            }
            ids.put(a.id, spaces.get(s));
        }
        isolateModelFrames();
        mapping = new MemoryMapping(ids, pages, frames, frameNames, none);
        steps.add(new Step("Init", List.of(), true, true, Errors.OK, state(none)));
    }

    /** Holds every free frame but the model's, which go back so that the first of them comes out first. */
    private void isolateModelFrames() {
        FrameAllocator fa = k.frames;
        List<Long> all = new ArrayList<>();
        for (long f = fa.allocate(); f != 0; f = fa.allocate()) {
            all.add(f);
        }
        if (all.size() < frameNames.size()) {
            throw new IllegalStateException("the machine has fewer free frames than the model");
        }
        frames.addAll(all.subList(0, frameNames.size()));
        for (int i = frames.size() - 1; i >= 0; i--) {
            fa.release(frames.get(i));
        }
    }

    public static long va(int page) {
        return MemoryManager.USER_BASE + (long) (page - 1) * Pte.PAGE;
    }

    private AddressSpace space(int s) {
        return k.memory.space(s + 1);
    }

    private Process proc(int s) {
        return k.processes[s + 1];
    }

    public KernelParts kernel() {
        return k;
    }

    public MemoryMapping mapping() {
        return mapping;
    }

    public List<Step> steps() {
        return List.copyOf(steps);
    }

    /** The mapped state: mapping and free, and the frame the step allocated (or None). */
    public Map<String, Value> state(Value alloc) {
        Map<String, Value> m = new LinkedHashMap<>(mapping.map(k.memory));
        m.put("alloc", alloc);
        return m;
    }

    /** The model's frames that are free now, by index. */
    private boolean[] freeNow() {
        boolean[] f = new boolean[frames.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = k.frames.isFree(frames.get(i));
        }
        return f;
    }

    /**
     * Makes the allocator hand out model frame {@code name} next (the generated tests replay the
     * spec's choice of frame): takes the free model frames out and puts them back with that one
     * last. Returns whether the allocator would have picked another one.
     */
    public boolean handOutNext(Value name) {
        int want = frameNames.indexOf(name);
        if (want < 0 || !k.frames.isFree(frames.get(want))) {
            return false;
        }
        List<Long> taken = new ArrayList<>();
        for (long f = k.frames.allocate(); f != 0; f = k.frames.allocate()) {
            taken.add(f);
        }
        boolean other = !taken.isEmpty() && taken.get(0) != (long) frames.get(want);
        for (int i = taken.size() - 1; i >= 0; i--) {
            if (taken.get(i) != (long) frames.get(want)) {
                k.frames.release(taken.get(i));
            }
        }
        k.frames.release(frames.get(want));
        return other;
    }

    /** Resolves {@link MemOp#TRAPPING} and {@link MemOp#EMPTY}. */
    private MemOp resolve(MemOp op) {
        if (op instanceof MemOp.Fault o && o.page() == MemOp.TRAPPING) {
            return new MemOp.Fault(o.space(), trapping(o.space()), o.write());
        }
        if (op instanceof MemOp.Protect o && o.page() == MemOp.TRAPPING) {
            return new MemOp.Protect(o.space(), trapping(o.space()), o.writable());
        }
        if (op instanceof MemOp.Fork o && o.child() == MemOp.EMPTY) {
            for (int c = 0; c < spaces.size(); c++) {
                if (c != o.space() && empty(space(c))) {
                    return new MemOp.Fork(o.space(), c);
                }
            }
            return new MemOp.Fork(o.space(), (o.space() + 1) % spaces.size());
        }
        return op;
    }

    /** The first page of space {@code s} that is mapped and not present or copy-on-write; else 1. */
    private int trapping(int s) {
        AddressSpace a = space(s);
        for (int pg = 1; pg <= pages; pg++) {
            long e = k.memory.entry(a, va(pg));
            if (a.regionOf(va(pg)) >= 0 && (!Pte.present(e) || Pte.cow(e))) {
                return pg;
            }
        }
        return 1;
    }

    private static boolean empty(AddressSpace a) {
        for (int r = 0; r < a.regionSlots(); r++) {
            if (a.isUsed(r)) {
                return false;
            }
        }
        return true;
    }

    /** Runs one operation and logs it. */
    public Step apply(MemOp op) {
        op = resolve(op);
        boolean[] before = freeNow();
        int e;
        String action;
        List<Value> args = new ArrayList<>();
        boolean in = true;
        int s = op.space();
        args.add(spaces.get(s));
        if (op instanceof MemOp.Map o) {
            action = "Map";
            long r = MemCalls.mmap(k.kernel, proc(s), 0, va(o.page()) + (o.odd() ? 8 : 0), 1, o.writable() ? 1 : 0);
            e = r < 0 ? (int) r : Errors.OK;
            args.add(Value.of(o.page()));
            args.add(none);
            args.add(Value.of(o.writable()));
            in = !o.odd();
        } else if (op instanceof MemOp.Unmap o) {
            action = "Unmap";
            e = (int) MemCalls.munmap(k.kernel, proc(s), va(o.page()) + (o.odd() ? 8 : 0), 1);
            args.add(Value.of(o.page()));
            in = !o.odd();
        } else if (op instanceof MemOp.Protect o) {
            action = "Protect";
            e = (int) MemCalls.mprotect(k.kernel, proc(s), va(o.page()), 1, o.writable() ? 1 : 0);
            args.add(Value.of(o.page()));
            args.add(Value.of(o.writable()));
        } else if (op instanceof MemOp.Fault o) {
            action = "PageFault";
            AddressSpace a = space(s);
            boolean present = Pte.present(k.memory.entry(a, va(o.page())));
            boolean write = present || o.write();
            int r = a.regionOf(va(o.page()));
            // A write to a read-only page that is not present is a protection fault: the spec's
            // PageFault has no access kind (its faults are demand faults and copy-on-write writes).
            in = present || !write || r < 0 || a.regionWritable(r);
            e = k.memory.pageFault(a, va(o.page()), write);
            // A fault the kernel finds already resolved changes nothing: a refused step.
            e = e == MemoryManager.FAULT_SPURIOUS ? MemoryManager.FAULT_SPURIOUS : Math.min(e, 0);
            args.add(Value.of(o.page()));
        } else if (op instanceof MemOp.Fork o) {
            action = "ForkSpace";
            e = fork(s, o.child());
            args.add(spaces.get(o.child()));
        } else {
            action = "ReleaseSpace";
            release(space(s));
            e = Errors.OK;
        }
        boolean[] after = freeNow();
        Value alloc = none;
        for (int i = 0; i < before.length; i++) {
            if (before[i] && !after[i]) {
                alloc = frameNames.get(i);
            }
        }
        Step step = new Step(action, args, e == Errors.OK, in, e, state(alloc));
        steps.add(step);
        return step;
    }

    /** ForkSpace: refused (BAD_ARGUMENT) into the space itself or into a space with mappings. */
    private int fork(int s, int c) {
        AddressSpace child = space(c);
        if (s == c || !empty(child)) {
            return Errors.BAD_ARGUMENT;
        }
        int e = k.memory.checkFork(space(s));
        return e != Errors.OK ? e : k.memory.forkSpace(space(s), child);
    }

    /** Unmaps every region of {@code a}: destroySpace without freeing the page tables. */
    private void release(AddressSpace a) {
        for (int r = 0; r < a.regionSlots(); r++) {
            if (a.isUsed(r)) {
                k.memory.unmap(a, r);
            }
        }
    }
}
