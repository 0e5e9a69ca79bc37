package dev.keel.modeltests.drive;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import dev.keel.kernel.abi.Errors;
import dev.keel.modeltests.tla.Value;
import dev.keel.modeltests.trace.Step;

/**
 * Replays actions of spec/Memory.tla, as TLC chose them, on the kernel's memory manager through
 * {@link MemoryDriver}. Every action the spec takes must succeed. A fault on a page that is not
 * present is replayed as a read (the spec's demand fault has no access kind; a read is allowed
 * on every page), on a present page as the write that traps. Where the spec's fault takes a
 * frame, the allocator is made to hand out that one (the spec may take any free frame, TLC's
 * simulation picks one); whether the allocator would have picked another is reported.
 */
public final class MemoryReplayer {

    /** What one replayed action did: the kernel's result, whether the frame choice was aligned, the state. */
    public record Result(int code, boolean otherFrame, Map<String, Value> state) { }

    private final MemoryDriver driver;
    private final List<Value> spaces;

    public MemoryReplayer(List<Value> spaces, int pages, List<Value> frames, Value none) {
        this.spaces = List.copyOf(spaces);
        driver = new MemoryDriver(spaces, pages, frames, none);
    }

    public Map<String, Value> state() {
        Map<String, Value> m = new java.util.LinkedHashMap<>(driver.mapping().map(driver.kernel().memory));
        return m;
    }

    /** Runs {@code act} = <<name, args...>>; {@code freeAfter} is the spec's free set after it. */
    public Result apply(Value act, Value freeBefore, Value freeAfter) {
        String name = ((Value.Str) act.at(1)).s;
        int s = space(act.at(2));
        boolean other = false;
        MemOp op;
        switch (name) {
            case "Map": op = new MemOp.Map(s, page(act.at(3)), bool(act.at(4)), false); break;
            case "Unmap": op = new MemOp.Unmap(s, page(act.at(3)), false); break;
            case "Protect": op = new MemOp.Protect(s, page(act.at(3)), bool(act.at(4))); break;
            case "PageFault":
                TreeSet<Value> taken = new TreeSet<>(((Value.SetV) freeBefore).members);
                taken.removeAll(((Value.SetV) freeAfter).members);
                if (taken.size() == 1) {
                    other = driver.handOutNext(taken.first());
                }
                op = new MemOp.Fault(s, page(act.at(3)), false);
                break;
            case "ForkSpace": op = new MemOp.Fork(s, space(act.at(3))); break;
            case "ReleaseSpace": op = new MemOp.Release(s); break;
            default: throw new IllegalArgumentException("unknown action " + act.tla());
        }
        Step st = driver.apply(op);
        return new Result(st.ok() ? Errors.OK : st.code(), other, state());
    }

    private int space(Value v) {
        int i = spaces.indexOf(v);
        if (i < 0) {
            throw new IllegalArgumentException("not a space of the model: " + v.tla());
        }
        return i;
    }

    private static int page(Value v) {
        return (int) ((Value.Int) v).n;
    }

    private static boolean bool(Value v) {
        return ((Value.Bool) v).b;
    }
}
