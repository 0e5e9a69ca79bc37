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
 * Refinement mapping from the kernel's memory manager to the variables of spec/Memory.tla
 * (names from the shared table: {@code mapping}, {@code free}).
 *
 * <ul>
 * <li>{@code mapping[s][pg]}: for address space s and page number pg (virtual address
 *     USER_BASE + (pg-1) * PAGE), the page-table entry MemoryManager.entry as
 *     {@code [frame, writable, present, cow]}, frame as a frame number (physical address / PAGE);
 *     a page inside a region but not yet faulted in is {@code present |-> FALSE, frame |-> 0};
 *     a page outside every region maps to the spec's value for no mapping.</li>
 * <li>{@code free}: the frames of the model whose FrameAllocator.isFree holds.</li>
 * </ul>
 */
public final class MemoryMapping {

    private final Map<Integer, Value> spaces;
    private final int pages;
    private final List<Long> frames;
    private final Value unmapped;

    /**
     * @param spaces address-space ids with their TLA+ names
     * @param pages the model's pages 1..pages, from MemoryManager.USER_BASE up
     * @param frames the physical addresses of the frames the model names 1..n
     * @param unmapped the spec's value for a page outside every region
     */
    public MemoryMapping(Map<Integer, Value> spaces, int pages, List<Long> frames, Value unmapped) {
        this.spaces = new LinkedHashMap<>(spaces);
        this.pages = pages;
        this.frames = List.copyOf(frames);
        this.unmapped = unmapped;
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
                free.add(Value.of(f + 1));
            }
        }
        Map<String, Value> vars = new LinkedHashMap<>();
        vars.put("mapping", Value.fn(mapping));
        vars.put("free", Value.set(free));
        return vars;
    }

    private Value page(MemoryManager mm, AddressSpace s, long va) {
        if (s.regionOf(va) < 0) {
            return unmapped;
        }
        long pte = mm.entry(s, va);
        boolean present = Pte.present(pte);
        return Value.record("frame", Value.of(present ? frameNumber(Pte.frame(pte)) : 0),
            "writable", Value.of(present && Pte.writable(pte)), "present", Value.of(present),
            "cow", Value.of(present && Pte.cow(pte)));
    }

    /** The model's number of the frame at physical address {@code pa}; 0 when outside the model. */
    private int frameNumber(long pa) {
        int i = frames.indexOf(pa);
        return i + 1;
    }
}
