package dev.keel.modeltests.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.keel.kernel.mem.AddressSpace;
import dev.keel.kernel.mem.FrameAllocator;
import dev.keel.kernel.mem.MemoryManager;
import dev.keel.kernel.mem.Pte;
import dev.keel.modeltests.tla.Value;

/**
 * Refinement mapping from the kernel's memory manager to the variables of spec/Memory.tla.
 *
 * <ul>
 * <li>{@code mapping[s][pg]}: for address space s and page number pg (virtual address
 *     USER_BASE + (pg-1) * PAGE) an entry {@code [mapped, frame, perm, writable, present, cow]}: a
 *     page outside every region of AddressSpace is {@code Unmapped}; inside a region it is mapped
 *     and perm is the region's permission (AddressSpace.regionWritable, set by mmap and mprotect);
 *     the page-table entry (MemoryManager.entry) gives present, cow and the frame (its number in
 *     the model, None when not present); writable is the entry's bit when present, else the
 *     region's permission (a reservation is writable on its fault exactly when permitted).</li>
 * <li>{@code free}: the frames of the model for which FrameAllocator.isFree holds.</li>
 * <li>{@code memCaps[s]}: the frames s holds a memory capability to. The kernel's memory
 *     capabilities name quota objects (MemoryObjects), not frames: no counterpart, unmapped.</li>
 * <li>{@code shared}: frames shared on purpose; the kernel has no such set (a frame's reference
 *     count, FrameAllocator.refCount, is what it keeps): unmapped.</li>
 * </ul>
 */
public final class MemoryMapping {

    private final Map<Integer, Value> spaces;
    private final int pages;
    private final List<Long> frames;
    private final List<Value> frameNames;
    private final Value none;

    /**
     * @param spaces address-space ids with their TLA+ names
     * @param pages the model's pages 1..pages, from MemoryManager.USER_BASE up
     * @param frames the physical addresses of the frames the model names 1..n
     * @param none the spec's None (no frame)
     */
    public MemoryMapping(Map<Integer, Value> spaces, int pages, List<Long> frames, Value none) {
        this(spaces, pages, frames, numbers(frames.size()), none);
    }

    /** As above, frame {@code frames.get(i)} named {@code frameNames.get(i)} (the model's frames). */
    public MemoryMapping(Map<Integer, Value> spaces, int pages, List<Long> frames, List<Value> frameNames,
            Value none) {
        if (frames.size() != frameNames.size()) {
            throw new IllegalArgumentException("one name per frame: " + frames.size() + " frames, " + frameNames);
        }
        this.spaces = new LinkedHashMap<>(spaces);
        this.pages = pages;
        this.frames = List.copyOf(frames);
        this.frameNames = List.copyOf(frameNames);
        this.none = none;
    }

    private static List<Value> numbers(int n) {
        List<Value> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(Value.of(i));
        }
        return out;
    }

    private Value entry(boolean mapped, Value frame, boolean perm, boolean writable, boolean present,
            boolean cow) {
        return Value.record("mapped", Value.of(mapped), "frame", frame, "perm", Value.of(perm),
            "writable", Value.of(writable), "present", Value.of(present), "cow", Value.of(cow));
    }

    public Map<String, Value> map(MemoryManager mm) {
        TreeMap<Value, Value> mapping = new TreeMap<>();
        for (Map.Entry<Integer, Value> e : spaces.entrySet()) {
            AddressSpace s = mm.space(e.getKey());
            TreeMap<Value, Value> byPage = new TreeMap<>();
            for (int pg = 1; pg <= pages; pg++) {
                long va = MemoryManager.USER_BASE + (long) (pg - 1) * Pte.PAGE;
                byPage.put(Value.of(pg), page(mm, s, va));
            }
            mapping.put(e.getValue(), Value.fn(byPage));
        }
        List<Value> free = new ArrayList<>();
        FrameAllocator fa = mm.frames();
        for (int f = 0; f < frames.size(); f++) {
            if (fa.isFree(frames.get(f))) {
                free.add(frameNames.get(f));
            }
        }
        Map<String, Value> vars = new LinkedHashMap<>();
        vars.put("mapping", Value.fn(mapping));
        vars.put("free", Value.set(free));
        return vars;
    }

    private Value page(MemoryManager mm, AddressSpace s, long va) {
        int r = s.regionOf(va);
        if (r < 0) {
            return entry(false, none, false, false, false, false);
        }
        long pte = mm.entry(s, va);
        if (!Pte.present(pte)) {
            return entry(true, none, s.regionWritable(r), s.regionWritable(r), false, false);
        }
        return entry(true, frameName(Pte.frame(pte)), s.regionWritable(r), Pte.writable(pte), true,
            Pte.cow(pte));
    }

    /** The model's name of the frame at physical address {@code pa}; -1 for a frame outside the model. */
    public Value frameName(long pa) {
        int i = frames.indexOf(pa);
        return i < 0 ? Value.of(-1) : frameNames.get(i);
    }
}
