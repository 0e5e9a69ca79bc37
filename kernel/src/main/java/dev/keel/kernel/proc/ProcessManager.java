package dev.keel.kernel.proc;

import org.checkerframework.checker.nullness.qual.Nullable;

import dev.keel.hw.BootModules;
import dev.keel.hw.Machine;
import dev.keel.hw.Mmu;
import dev.keel.hw.PhysicalMemory;
import dev.keel.kernel.abi.Errors;
import dev.keel.kernel.abi.ProcessSpec;
import dev.keel.kernel.cap.CapabilitySpace;
import dev.keel.kernel.ipc.Ipc;
import dev.keel.kernel.mem.AddressSpace;
import dev.keel.kernel.mem.MemoryManager;
import dev.keel.kernel.mem.Pte;
import dev.keel.kernel.mem.UserMemory;
import dev.keel.kernel.sched.Scheduler;
import dev.keel.kernel.sched.Tcb;
import dev.keel.kernel.sched.ThreadPool;

/**
 * Processes and their threads: create from a boot module (an ELF64 executable, checked and
 * described by {@link ElfImage}), fork with copy-on-write, exec, exit, wait. Refines
 * spec/Kernel.tla ({@code procState}, {@code parentOf}, {@code exitStatus}; actions
 * CreateProcess, Fork, Exec, Exit, Wait). Exec is {@link #execProgram}: {@code exec}
 * is a reserved word in the prover's Java dialect.
 *
 * Invariants: ZombieHasNoThreads (a zombie has no threads, no capabilities and no address
 * space); ParentAlive (the parent of a live or zombie process is alive, or is null for init and
 * orphans of init); PidsUnique.
 */
public final class ProcessManager {

    /** Exit status of a process killed for a fault it could not recover from. */
    public static final long FAULT_STATUS = -139;

    /*@ spec_public @*/ private final Process[] table;
    /*@ spec_public @*/ private final Process holding;
    /*@ spec_public @*/ private final CapabilitySpace caps;
    /*@ spec_public @*/ private final MemoryManager mm;
    /*@ spec_public @*/ private final UserMemory user;
    /*@ spec_public @*/ private final Scheduler scheduler;
    /*@ spec_public @*/ private final ThreadPool threads;
    /*@ spec_public @*/ private final Ipc ipc;
    /*@ spec_public @*/ private final Reclaimer reclaimer;
    /*@ spec_public @*/ private final Machine machine;
    /*@ spec_public @*/ private final BootModules modules;
    /*@ spec_public @*/ private final PhysicalMemory memory;
    /*@ spec_public @*/ private final ElfImage elf;
    /*@ spec_public @*/ private final int stackPages;
    //@ public invariant 1 <= stackPages && stackPages <= Integer.MAX_VALUE;
    /*@ spec_public @*/ private int nextPid;
    /*@ spec_public nullable @*/ private @Nullable Process init;

    // TLA+ TypeOK: entry 0 is the kernel's holding area; entry i is process row i.
    //@ public invariant table.length >= 2 && table[0] == holding;
    //@ public invariant (\forall int i; 0 <= i && i < table.length; table[i].index == i);
    // TLA+ ZombieHasNoThreads
    //@ public invariant (\forall int i; 1 <= i && i < table.length; table[i].state == Process.ZOMBIE ==> table[i].space.root == 0);
    // The image reader's invariant (its memory is not null) is small: every proof may carry it.
    //@ public invariant \invariant_for(elf);

    /*@ public normal_behavior
      @ requires count > 1 && threadsPerProcess > 0 && stackPages > 0;
      @ requires count <= mm.spaces.length;
      @ ensures this.scheduler == scheduler && this.threads == threads;
      @ assignable \nothing;
      @*/
    public ProcessManager(int count, int threadsPerProcess, int stackPages, CapabilitySpace caps,
            MemoryManager mm, UserMemory user, Scheduler scheduler, ThreadPool threads, Ipc ipc,
            Reclaimer reclaimer, Machine machine) {
        table = new Process[count < 2 ? 2 : count];
        holding = new Process(0, mm.space(0), threadsPerProcess);
        table[0] = holding;
        /*@ loop_invariant 1 <= i && i <= table.length && table[0] == holding;
          @ loop_invariant (\forall int j; 0 <= j && j < i; table[j] != null && table[j].index == j
          @         && table[j].state == Process.FREE);
          @ decreases table.length - i;
          @ assignable table[*];
          @*/
        for (int i = 1; i < table.length; i++) {
            table[i] = new Process(i, mm.space(i), threadsPerProcess);
        }
        holding.state = Process.ALIVE;
        this.caps = caps;
        this.mm = mm;
        this.user = user;
        this.scheduler = scheduler;
        this.threads = threads;
        this.ipc = ipc;
        this.reclaimer = reclaimer;
        this.machine = machine;
        this.modules = machine.modules();
        this.memory = machine.memory();
        this.elf = new ElfImage(memory);
        this.stackPages = stackPages < 1 ? 1 : stackPages;
        this.nextPid = 1;
    }

    /*@ public normal_behavior
      @ ensures \result == table.length;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int count() {
        return table.length;
    }

    /** Entry {@code i}; the kernel's holding entry when out of range. */
    /*@ public normal_behavior
      @ requires 0 <= i && i < table.length;
      @ ensures \result == table[i];
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ Process at(int i) {
        if (i < 0 || i >= table.length) {
            return holding;
        }
        return table[i];
    }

    /** The live or zombie process with {@code pid}, or null. */
    // A helper: it reads the table alone, and the self-check calls it once per process.
    /*@ public normal_behavior
      @ requires table != null && table.length >= 1 && \nonnullelements(table);
      @ assignable \strictly_nothing;
      @*/
    /*@ nullable pure helper @*/ public @Nullable Process byPid(long pid) {
        /*@ loop_invariant 1 <= i && i <= table.length;
          @ decreases table.length - i;
          @ assignable \strictly_nothing;
          @*/
        for (int i = 1; i < table.length; i++) {
            if (table[i].state != Process.FREE && table[i].pid == pid) {
                return table[i];
            }
        }
        return null;
    }

    /*@ public normal_behavior
      @ ensures \result == init;
      @ assignable \strictly_nothing;
      @*/
    /*@ nullable @*/ public /*@ pure @*/ @Nullable Process init() {
        return init;
    }

    // ---- Executables ----

    /**
     * The boot module named by {@code name[0..len)}; NOT_FOUND when no module has that name,
     * BAD_EXECUTABLE when it is not a loadable ELF64 executable ({@link #checkModule}).
     */
    /*@ public normal_behavior
      @ requires 0 <= len && len <= name.length;
      @ ensures \result >= 0 || \result == Errors.NOT_FOUND || \result == Errors.BAD_EXECUTABLE;
      @ ensures \result >= 0 ==> checkModule(\result) == ElfImage.OK;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int findModule(byte[] name, int len) {
        // Before the first test of the condition nothing bounds the module count from below; count() does.
        /*@ loop_invariant 0 <= m && (m == 0 || m <= modules.moduleCount) && \invariant_for(this);
          @ decreases modules.moduleCount - m;
          @ assignable \strictly_nothing;
          @*/
        for (int m = 0; m < modules.count(); m++) {
            if (modules.nameLength(m) == len && nameEquals(m, name, len)) {
                return checkModule(m) == ElfImage.OK ? m : Errors.BAD_EXECUTABLE;
            }
        }
        return Errors.NOT_FOUND;
    }

    /** ElfImage.OK when module {@code m} can be loaded below the stack; else why not. */
    /*@ public normal_behavior
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int checkModule(int m) {
        return elf.check(moduleBase(m), moduleLength(m), stackBase());
    }

    /**
     * Physical address of module {@code m}; -1 when there is no module {@code m}, where
     * ElfImage reads nothing and finds no image.
     */
    /*@ private normal_behavior
      @ ensures \result >= -1 && \result <= 0xffffffffL;
      @ assignable \strictly_nothing;
      @*/
    private /*@ pure @*/ long moduleBase(int m) {
        return m >= 0 && m < modules.count() ? modules.base(m) : -1;
    }

    /** Length of module {@code m}; 0 when there is no module {@code m}. */
    /*@ private normal_behavior
      @ ensures \result >= 0 && \result <= 0xffffffffL;
      @ assignable \strictly_nothing;
      @*/
    private /*@ pure @*/ long moduleLength(int m) {
        return m >= 0 && m < modules.count() ? modules.length(m) : 0;
    }

    /** Lowest address of every process's stack; images must end at or below it. */
    /*@ public normal_behavior
      @ ensures \result == ProcessSpec.STACK_TOP - (long) stackPages * Pte.PAGE;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ long stackBase() {
        return ProcessSpec.STACK_TOP - (long) stackPages * Pte.PAGE;
    }

    // A helper: it reads only the machine, so it neither needs nor keeps the class invariant.
    /*@ private normal_behavior
      @ requires 0 <= m && m < modules.moduleCount && modules != null && memory != null;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private boolean nameEquals(int m, byte[] name, int len) {
        long at = modules.nameBase(m);
        /*@ loop_invariant 0 <= i && i <= name.length;
          @ decreases name.length - i;
          @ assignable \strictly_nothing;
          @*/
        for (int i = 0; i < len && i < name.length; i++) {
            //@ assert 0 <= at + i && at + i <= 0xffffffffL + Integer.MAX_VALUE;
            // A name outside physical memory matches nothing (the loader gave a bad address).
            if (at + (long) i > memory.size() - 1) {
                return false;
            }
            // The loaded byte as Java holds a byte, without a narrowing cast: the machine
            // zero-extends (0..255), so above 127 it is the negative byte; the mask is for a
            // machine that would not.
            int v = memory.load8(at + (long) i);
            int u = v >= 0 && v <= 0xff ? v : v & 0xff;
            if ((u > 127 ? u - 256 : u) != name[i]) {
                return false;
            }
        }
        return true;
    }

    /** Pages of the loadable segments of module {@code m}, bss included. */
    /*@ public normal_behavior
      @ ensures \result >= 1 && \result <= MemoryManager.MAX_PAGES;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int imagePages(int m) {
        return elf.totalPages(moduleBase(m));
    }

    /**
     * Frames a new image of module {@code m} may take at once: root, the tables down to the
     * stack and to the first segment (6), up to three more per further segment, the segments,
     * the stack top.
     */
    /*@ public normal_behavior
      @ ensures \result >= 1;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int framesForImage(int m) {
        int more = elf.loadCount(moduleBase(m)) - 1;
        int further = more < 0 ? 0 : more;
        int pages = imagePages(m);
        int tables = pages / Pte.ENTRIES;
        // The sums spelled out, so that each addition below meets a stated bound.
        //@ assert 0 <= further && further < ElfImage.MAX_PHDRS && 0 <= 3 * further && 3 * further < 3 * ElfImage.MAX_PHDRS;
        //@ assert 0 <= tables && tables <= pages;
        //@ assert 1 <= 3 * further + pages && 3 * further + pages <= 3 * ElfImage.MAX_PHDRS + MemoryManager.MAX_PAGES;
        //@ assert 1 <= 3 * further + pages + tables && 3 * further + pages + tables <= 3 * ElfImage.MAX_PHDRS + 2 * MemoryManager.MAX_PAGES;
        return 1 + 6 + 3 * further + pages + 1 + tables;
    }

    /** Pages charged to the memory object for an image of module {@code m} and its stack. */
    /*@ public normal_behavior
      @ ensures \result >= 1;
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ long pagesForImage(int m) {
        int pages = imagePages(m);
        //@ assert 0 <= (long) pages + stackPages && (long) pages + stackPages <= Long.MAX_VALUE;
        return (long) pages + (long) stackPages;
    }

    // ---- CreateProcess ----

    /**
     * A free process entry, or null. An entry whose space is still built is not free yet;
     * reading a space's root needs the space's invariant, which holds for every space between
     * kernel operations.
     */
    /*@ public normal_behavior
      @ requires table != null && table.length >= 2 && \nonnullelements(table);
      @ requires (\forall int j; 1 <= j && j < table.length; table[j].space != null);
      @ requires (\forall int j; 1 <= j && j < table.length; \invariant_for(table[j].space));
      @ ensures \result == null || \result.state == Process.FREE;
      @ assignable \strictly_nothing;
      @*/
    /*@ nullable pure helper @*/ public @Nullable Process freeEntry() {
        /*@ loop_invariant 1 <= i && i <= table.length;
          @ loop_invariant (\forall int j; 1 <= j && j < table.length; table[j].space != null);
          @ loop_invariant (\forall int j; 1 <= j && j < table.length; \invariant_for(table[j].space));
          @ decreases table.length - i;
          @ assignable \strictly_nothing;
          @*/
        for (int i = 1; i < table.length; i++) {
            if (table[i].state == Process.FREE && table[i].space.root() == 0) {
                return table[i];
            }
        }
        return null;
    }

    /**
     * CreateProcess: a new process running module {@code module}, child of {@code parent}, with
     * its image loaded, args and env on its stack, and one thread at {@code priority}. Its
     * capability space is empty; the caller installs the initial capabilities. Returns the new
     * process, or null when frames, table entries or pids ran out (then nothing is left
     * behind).
     */
    /*@ public normal_behavior
      @ requires freeEntry() != null;
      @ ensures \result == null || (\result.state == Process.ALIVE && \result.parent == parent);
      @ assignable \everything;
      @*/
    public @Nullable Process createProcess(@Nullable Process parent, int module, int mem,
            int priority, byte[] args, int argsLen, byte[] env, int envLen) {
        Process p = freeEntry();
        Tcb t = threads.allocate();
        if (p == null || t == null || !pidsLeft()) {
            return null;
        }
        if (buildImage(p.space, module, mem, args, argsLen, env, envLen, t) != Errors.OK) {
            return null;
        }
        adopt(p, parent, module, mem);
        attach(p, t);
        scheduler.start(t, priority, scheduler.leastLoadedCpu());
        if (init == null) {
            init = p;
        }
        return p;
    }

    /**
     * Pids are never reused, so that one held by a parent or a capability never names a later
     * process; when they run out (after Integer.MAX_VALUE - 1 creations) no process is created.
     */
    /*@ public normal_behavior
      @ ensures \result == (nextPid < Integer.MAX_VALUE);
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public boolean pidsLeft() {
        return nextPid < Integer.MAX_VALUE;
    }

    private void adopt(Process p, @Nullable Process parent, int module, int mem) {
        p.pid = nextPid;
        nextPid++;
        p.state = Process.ALIVE;
        p.parent = parent;
        p.exitStatus = 0;
        p.module = module;
        p.memory = mem;
        p.service = -1;
        p.initialCaps = 0;
    }

    private void attach(Process p, Tcb t) {
        t.owner = p;
        p.addThread(t);
    }

    /**
     * Builds space {@code s}: each loadable segment of module {@code module} (an ELF64 image,
     * checked when it was found) loaded now into a region of its own, writable only when the
     * segment says so (PF_W), executable only when it says so (PF_X; its pages are NX
     * otherwise), its bss zeroed; the stack below STACK_TOP (paged on demand, NX); args and env
     * copied to the top of the stack; {@code t} set to start at the image's entry point. On
     * failure the space is torn down again.
     */
    private int buildImage(AddressSpace s, int module, int mem, byte[] args, int argsLen,
            byte[] env, int envLen, Tcb t) {
        if (checkModule(module) != ElfImage.OK) {
            return Errors.BAD_EXECUTABLE;
        }
        if (mm.createSpace(s) != Errors.OK) {
            return Errors.NO_MEMORY;
        }
        int e = loadImage(s, module, mem);
        if (e == Errors.OK) {
            e = mapStack(s, mem);
        }
        if (e == Errors.OK) {
            e = pushArgs(s, args, argsLen, env, envLen, elf.entry(modules.base(module)), t);
        }
        if (e != Errors.OK) {
            mm.destroySpace(s);
        }
        return e;
    }

    private int loadImage(AddressSpace s, int module, int mem) {
        long base = modules.base(module);
        for (int i = 0; i < elf.headers(base); i++) {
            if (elf.isLoad(base, i)) {
                int e = loadSegment(s, base, i, mem);
                if (e != Errors.OK) {
                    return e;
                }
            }
        }
        return Errors.OK;
    }

    /**
     * Reserves the stack below STACK_TOP. The segments were checked to end below it, but the
     * memory object's quota or the space's region slots may still run out here: then nothing
     * is mapped and the caller tears the space down, as for a segment.
     */
    private int mapStack(AddressSpace s, int mem) {
        long base = stackBase();
        if (mm.checkMap(s, base, stackPages, mem) != Errors.OK) {
            return Errors.NO_MEMORY;
        }
        mm.map(s, base, stackPages, true, mem, true);
        return Errors.OK;
    }

    /** Maps segment {@code i} of the image at {@code base}, takes its frames, copies its file bytes. */
    private int loadSegment(AddressSpace s, long base, int i, int mem) {
        long va = elf.vaddr(base, i);
        int pages = elf.pages(base, i);
        int flags = elf.flags(base, i);
        boolean writable = ElfImage.writable(flags);
        if (mm.checkMap(s, va, pages, mem) != Errors.OK) {
            return Errors.NO_MEMORY;
        }
        mm.map(s, va, pages, writable, ElfImage.executable(flags), mem, writable);
        // Fresh frames come zeroed: the bss, and the rest of the last file page, need no clearing.
        if (user.prepare(s, va, (long) pages * Pte.PAGE, false) != Errors.OK) {
            return Errors.NO_MEMORY;
        }
        user.copyFromPhysical(s, va, base + elf.fileOffset(base, i), elf.fileSize(base, i));
        return Errors.OK;
    }

    private int pushArgs(AddressSpace s, byte[] args, int argsLen, byte[] env, int envLen,
            long entry, Tcb t) {
        long argsAt = ProcessSpec.STACK_TOP - round16(argsLen);
        long envAt = argsAt - round16(envLen);
        long sp = envAt - 16;
        if (user.prepare(s, sp, ProcessSpec.STACK_TOP - sp, true) != Errors.OK) {
            return Errors.NO_MEMORY;
        }
        user.copyOut(s, argsAt, args, 0, clamp(argsLen, args.length));
        user.copyOut(s, envAt, env, 0, clamp(envLen, env.length));
        t.pc = entry;
        t.sp = sp;
        t.setResult(argsAt, argsLen, envAt, envLen);
        return Errors.OK;
    }

    private static long round16(long n) {
        return (n + 15) / 16 * 16;
    }

    private static int clamp(int n, int max) {
        return n < 0 ? 0 : Math.min(n, max);
    }

    // ---- Fork ----

    /**
     * OK when {@code caller}'s process can be forked now. A helper: it names the invariants it
     * reads (the spaces', the pool's, the quotas') instead of this manager's.
     */
    /*@ public normal_behavior
      @ requires caller.owner != null ==> \invariant_for(caller.owner) && \invariant_for(caller.owner.space);
      @ requires table != null && table.length >= 2 && \nonnullelements(table);
      @ requires (\forall int j; 1 <= j && j < table.length; table[j].space != null);
      @ requires (\forall int j; 1 <= j && j < table.length; \invariant_for(table[j].space));
      @ requires threads != null && \invariant_for(threads);
      @ requires mm != null && mm.quotas != null && \invariant_for(mm.quotas) && mm.frames != null;
      @ ensures \result == Errors.OK || \result == Errors.NO_RESOURCES || \result == Errors.NO_MEMORY;
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public int checkFork(Tcb caller) {
        Process p = caller.owner;
        if (p == null || freeEntry() == null || threads.allocate() == null || !pidsLeft()) {
            return Errors.NO_RESOURCES;
        }
        // In long: three frames per region slot, however many slots there are.
        if (mm.checkFork(p.space) != Errors.OK
                || mm.frames().freeCount() < 1L + 3L * (long) p.space.regionSlots()) {
            return Errors.NO_MEMORY;
        }
        return Errors.OK;
    }

    /**
     * Fork: a child process with a copy-on-write copy of the caller's address space, a copy of
     * each of its capabilities (derived from the parent's) and one thread continuing where the
     * caller is, with result 0. Returns the child's pid, or NO_MEMORY when page tables could not
     * be built (nothing is left behind).
     */
    /*@ public normal_behavior
      @ requires checkFork(caller) == Errors.OK;
      @ ensures \result > 0 || \result == Errors.NO_MEMORY;
      @ assignable \everything;
      @*/
    public long fork(Tcb caller) {
        Process parent = caller.owner;
        Process child = freeEntry();
        Tcb t = threads.allocate();
        if (parent == null || child == null || t == null || !pidsLeft()) {
            return Errors.NO_RESOURCES;
        }
        if (mm.createSpace(child.space) != Errors.OK
                || mm.forkSpace(parent.space, child.space) != Errors.OK) {
            mm.destroySpace(child.space);
            return Errors.NO_MEMORY;
        }
        adopt(child, parent, parent.module, parent.memory);
        copyCaps(parent, child);
        attach(child, t);
        t.pc = caller.pc;
        t.sp = caller.sp;
        t.setResult(0, 0, 0, 0);
        scheduler.start(t, caller.priority, scheduler.leastLoadedCpu());
        return child.pid;
    }

    private void copyCaps(Process from, Process to) {
        for (int s = 0; s < caps.slotsPerProcess(); s++) {
            if (caps.checkDerive(from.index, s, to.index, s) == Errors.OK) {
                caps.copy(from.index, s, to.index, s);
            }
        }
    }

    // ---- Exec ----

    /**
     * OK when the caller's process can replace its image with module {@code module}. It names
     * the quotas' invariant, which the charge test reads and this manager's does not hold, and
     * writes nothing, so that the heap the caller tested it on is the heap execProgram starts on.
     */
    /*@ public normal_behavior
      @ requires caller.owner != null ==> \invariant_for(caller.owner) && \invariant_for(caller.owner.space);
      @ requires mm != null && mm.frames != null && mm.quotas != null && \invariant_for(mm.quotas);
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int checkExec(Tcb caller, int module) {
        Process p = caller.owner;
        if (p == null) {
            return Errors.DEAD_OBJECT;
        }
        if (module < 0 || module >= modules.count()) {
            return Errors.NOT_FOUND;
        }
        if (mm.frames().freeCount() < framesForImage(module)) {
            return Errors.NO_MEMORY;
        }
        int mem = p.memoryObject();
        long freed = MemoryManager.pagesCharged(p.space, mem);
        long need = pagesForImage(module);
        // Each bound of the difference on its own, so that the overflow check splits off.
        //@ assert need - freed > Long.MIN_VALUE;
        //@ assert need - freed <= Long.MAX_VALUE;
        return mm.quotas().checkCharge(mem, need - freed);
    }

    /**
     * Exec: the caller's process drops its other threads and its address space and runs module
     * {@code module} from its start, with the given args and env (already copied into the kernel).
     * Capabilities are kept.
     */
    /*@ public normal_behavior
      @ requires checkExec(caller, module) == Errors.OK;
      @ ensures \result == Errors.OK || \result == Errors.NO_MEMORY;
      @ assignable \everything;
      @*/
    public int execProgram(Tcb caller, int module, byte[] args, int argsLen, byte[] env, int envLen) {
        Process p = caller.owner;
        if (p == null) {
            return Errors.DEAD_OBJECT;
        }
        for (int i = 0; i < p.threads.length; i++) {
            Tcb t = p.threads[i];
            if (t != null && t != caller) {
                destroyThread(p, t);
            }
        }
        retireSpace(p.space);
        p.module = module;
        if (buildImage(p.space, module, p.memory, args, argsLen, env, envLen, caller) != Errors.OK) {
            exit(p, FAULT_STATUS);
            return Errors.NO_MEMORY;
        }
        return Errors.OK;
    }

    // ---- Threads ----

    /**
     * OK when {@code p} can have one more thread. OK is stated "if and only if" over fields, so
     * that a caller's test of the result meets threadCreate's requires. A helper: it reads only
     * the process and the thread pool, so neither it nor a requires naming it needs this
     * manager's invariant.
     */
    /*@ public normal_behavior
      @ requires p != null && \invariant_for(p) && threads != null && \invariant_for(threads);
      @ ensures \result == Errors.OK <==> ((\exists int i; 0 <= i && i < p.threads.length; p.threads[i] == null)
      @     && (\exists int j; threads.reserved <= j && j < threads.tcbs.length;
      @         threads.tcbs[j].state == Tcb.FREE && threads.tcbs[j].owner == null));
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ public int checkThreadCreate(Process p) {
        return p.hasThreadRoom() && threads.allocate() != null ? Errors.OK : Errors.NO_RESOURCES;
    }

    /** A new thread of {@code p} starting at {@code pc} with stack {@code sp}; returns its id. */
    // Stated over fields, as checkThreadCreate states its OK (the same condition): a query named
    // in a requires is evaluated by running its body in the caller's proof.
    /*@ public normal_behavior
      @ requires (\exists int i; 0 <= i && i < p.threads.length; p.threads[i] == null)
      @     && (\exists int j; threads.reserved <= j && j < threads.tcbs.length;
      @         threads.tcbs[j].state == Tcb.FREE && threads.tcbs[j].owner == null);
      @ assignable \everything;
      @*/
    public int threadCreate(Process p, long pc, long sp, int priority) {
        Tcb t = threads.allocate();
        if (t == null) {
            return Errors.NO_RESOURCES;
        }
        attach(p, t);
        t.pc = pc;
        t.sp = sp;
        scheduler.start(t, priority, scheduler.leastLoadedCpu());
        return t.id;
    }

    /**
     * Stops {@code t}, a thread of {@code p}: its IPC is cancelled, it leaves its run queue, its
     * slot in {@code p} becomes free and its block goes back to the pool.
     */
    // A helper that names the invariants its four calls need, and hands them back for the next
    // thread; the slots of p are stated whole, since the calls between may write any thread.
    /*@ private normal_behavior
      @ requires p != null && t != null && ipc != null && scheduler != null && threads != null;
      @ requires ipc.scheduler == scheduler;
      @ requires \invariant_for(ipc) && \invariant_for(scheduler) && \invariant_for(ipc.user);
      @ requires \invariant_for(threads) && \invariant_for(p) && \invariant_for(t);
      @ ensures (\forall int j; 0 <= j && j < p.threads.length; \old(p.threads[j]) == t ==> p.threads[j] == null);
      @ ensures (\forall int j; 0 <= j && j < p.threads.length; \old(p.threads[j]) != t ==> p.threads[j] == \old(p.threads[j]));
      @ ensures \invariant_for(ipc) && \invariant_for(scheduler) && \invariant_for(ipc.user);
      @ ensures \invariant_for(threads) && \invariant_for(p);
      @ ensures (\forall int j; 0 <= j && j < p.threads.length; p.threads[j] != null ==> \invariant_for(p.threads[j]));
      @ assignable \everything;
      @*/
    /*@ helper @*/ private void destroyThread(Process p, Tcb t) {
        apart(p);
        apart(this);
        ipc.cancel(t);
        scheduler.remove(t);
        p.removeThread(t);
        threads.release(t);
    }

    /**
     * Lemma: a process is no thread queue and no capability. The prover does not tell objects
     * of unrelated classes apart unaided; after a call that may write every queue's and every
     * capability's fields, this says the process's fields were not among them.
     */
    /*@ private normal_behavior
      @ requires p != null;
      @ ensures (\forall dev.keel.kernel.sched.ThreadQueue q; (Object) q != (Object) p);
      @ ensures (\forall dev.keel.kernel.cap.Capability c; (Object) c != (Object) p);
      @ assignable \strictly_nothing;
      @*/
    /*@ helper @*/ private static void apart(Process p) {
    }

    /** Lemma: the manager itself is no thread queue and no capability (as apart(Process)). */
    /*@ private normal_behavior
      @ requires m != null;
      @ ensures (\forall dev.keel.kernel.sched.ThreadQueue q; (Object) q != (Object) m);
      @ ensures (\forall dev.keel.kernel.cap.Capability c; (Object) c != (Object) m);
      @ assignable \strictly_nothing;
      @*/
    /*@ helper @*/ private static void apart(ProcessManager m) {
    }

    // ---- Exit ----

    /**
     * Exit: {@code p} becomes a zombie with {@code status}. Its threads stop, its capabilities
     * are deleted, its memory is reclaimed, its children go to init, and a parent waiting for it
     * reaps it at once. A process without a parent is reaped here.
     */
    /*@ public normal_behavior
      @ requires p.state == Process.ALIVE;
      @ ensures p.state == Process.ZOMBIE || p.state == Process.FREE;
      @ ensures p.threadCount() == 0;
      @ assignable \everything;
      @*/
    public void exit(Process p, long status) {
        for (int i = 0; i < p.threads.length; i++) {
            Tcb t = p.threads[i];
            if (t != null) {
                destroyThread(p, t);
            }
        }
        reclaimer.clear(p.index);
        caps.destroyObject(dev.keel.kernel.cap.CapType.PROCESS, p.index);
        retireSpace(p.space);
        p.state = Process.ZOMBIE;
        p.exitStatus = status;
        reparentChildren(p);
        if (init == p) {
            init = null;
        }
        notifyParent(p);
    }

    /**
     * Tears down {@code s}, a space that has run. A CPU whose MMU still has its root loaded (the
     * exiting or exec'ing process was running there) first switches to the kernel's own tables,
     * so that no CPU translates through a freed root, or keeps stale entries when the frame
     * comes back as the root of another space.
     */
    // A helper: it writes the space and the frame allocators, which this manager's invariant reads
    // only as the root of a zombie's space, and that root becomes 0.
    /*@ private normal_behavior
      @ requires s != null && mm != null && machine != null && \invariant_for(s) && \invariant_for(mm);
      @ ensures s.root == 0;
      @ assignable s.root, s.used[*], mm.quotas.used[*], mm.frames.top, mm.frames.free[*], mm.frames.refs[*],
      @     mm.frames.stack[*];
      @ assignable mm.tables.frames.top, mm.tables.frames.free[*], mm.tables.frames.refs[*],
      @     mm.tables.frames.stack[*];
      @*/
    /*@ helper @*/ private void retireSpace(AddressSpace s) {
        unloadRoot(machine, s.root(), mm, s);
        mm.destroySpace(s);
    }

    /**
     * Every CPU whose MMU has {@code root} loaded switches to the kernel's own tables; a root of
     * 0 (a space never built) is loaded nowhere. The CPU count is read once: the machine's
     * getters hand out the same value every time.
     */
    // Static, so that the loop reads the machine alone. The MMU calls write no Java object, yet
    // leave a heap the caller knows nothing of: the invariants that destroySpace needs next are
    // required and kept here, across the loop (as MemoryManager.invalidate keeps the allocator's).
    /*@ private normal_behavior
      @ requires machine != null && mm != null && s != null && \invariant_for(mm) && \invariant_for(s);
      @ ensures \invariant_for(mm) && \invariant_for(s);
      @ assignable \nothing;
      @*/
    /*@ helper @*/ private static void unloadRoot(Machine machine, long root, MemoryManager mm, AddressSpace s) {
        int n = machine.cpuCount();
        /*@ loop_invariant 0 <= c && c <= n && \invariant_for(mm) && \invariant_for(s);
          @ assignable \nothing;
          @ decreases n - c;
          @*/
        for (int c = 0; c < n; c++) {
            if (root != 0 && machine.mmu(c).currentRoot() == root) {
                machine.mmu(c).loadRoot(Mmu.KERNEL_ROOT);
            }
        }
    }

    /**
     * The children of {@code p} go to init (to no one when {@code p} is init); a zombie among
     * them is reaped by init's waiting thread, or at once.
     */
    // The queues' fields are named one by one: \all_fields of every queue would take in this
    // manager's own fields too, which the loop then no longer knows.
    /*@ private normal_behavior
      @ requires p != null && table != null && \nonnullelements(table) && scheduler != null;
      @ requires \invariant_for(scheduler);
      @ requires (\forall int j; 1 <= j && j < table.length; table[j].threads != null);
      @ requires init != null ==> init.threads != null;
      @ ensures p.state == Process.FREE || p.state == \old(p.state);
      @ ensures \invariant_for(scheduler);
      @ assignable \infinite_union(int j; 1 <= j && j < table.length; \locset(table[j].state, table[j].service,
      @     table[j].parent, table[j].pid));
      @ assignable \infinite_union(Tcb x; x.regs[*]);
      @ assignable \infinite_union(Tcb x; \locset(x.state, x.blockedOn, x.next, x.prev, x.queued, x.inQueue));
      @ assignable \infinite_union(dev.keel.kernel.sched.ThreadQueue q; \locset(q.head, q.tail, q.count, q.nodes));
      @ assignable \infinite_union(dev.keel.kernel.sched.PerCpu c; \locset(c.needResched));
      @ assignable scheduler.trace.ops, scheduler.trace.overflow, scheduler.trace.opKind[*],
      @     scheduler.trace.opThread[*], scheduler.trace.opGeneration[*];
      @*/
    /*@ helper @*/ private void reparentChildren(Process p) {
        Process heir = init != p ? init : null;
        /*@ loop_invariant 1 <= i && i <= table.length && \invariant_for(scheduler);
          @ loop_invariant p.state == Process.FREE || p.state == \old(p.state);
          @ loop_invariant (\forall int j; 1 <= j && j < table.length; table[j] != null && table[j].threads != null);
          @ decreases table.length - i;
          @ assignable \infinite_union(int j; 1 <= j && j < table.length; \locset(table[j].state, table[j].service,
          @     table[j].parent, table[j].pid));
          @ assignable \infinite_union(Tcb x; x.regs[*]);
          @ assignable \infinite_union(Tcb x; \locset(x.state, x.blockedOn, x.next, x.prev, x.queued, x.inQueue));
          @ assignable \infinite_union(dev.keel.kernel.sched.ThreadQueue q; \locset(q.head, q.tail, q.count, q.nodes));
          @ assignable \infinite_union(dev.keel.kernel.sched.PerCpu c; \locset(c.needResched));
          @ assignable scheduler.trace.ops, scheduler.trace.overflow, scheduler.trace.opKind[*],
          @     scheduler.trace.opThread[*], scheduler.trace.opGeneration[*];
          @*/
        for (int i = 1; i < table.length; i++) {
            Process c = table[i];
            if (c.parent == p && c.state != Process.FREE) {
                c.parent = heir;
                if (c.state == Process.ZOMBIE) {
                    notifyParent(c);
                }
            }
        }
    }

    /** A child became a zombie: its parent's waiting thread reaps it; an orphan is reaped now. */
    // A helper: it writes the child's entry, a waiting thread and the run queues; the waiting
    // thread may be any, so the frame names every thread's fields the wake-up writes.
    /*@ private normal_behavior
      @ requires child != null && scheduler != null && \invariant_for(scheduler);
      @ requires child.parent != null ==> child.parent.threads != null;
      @ ensures child.state == Process.FREE || child.state == \old(child.state);
      @ ensures \invariant_for(scheduler);
      @ assignable child.state, child.service, child.parent, child.pid;
      @ assignable \infinite_union(Tcb x; x.regs[*]);
      @ assignable \infinite_union(Tcb x; \locset(x.state, x.blockedOn, x.next, x.prev, x.queued, x.inQueue));
      @ assignable \infinite_union(dev.keel.kernel.sched.ThreadQueue q; \locset(q.head, q.tail, q.count, q.nodes));
      @ assignable \infinite_union(dev.keel.kernel.sched.PerCpu c; \locset(c.needResched));
      @ assignable scheduler.trace.ops, scheduler.trace.overflow, scheduler.trace.opKind[*],
      @     scheduler.trace.opThread[*], scheduler.trace.opGeneration[*];
      @*/
    /*@ helper @*/ private void notifyParent(Process child) {
        Process parent = child.parent;
        if (parent == null || !parent.isAlive()) {
            reap(child);
            return;
        }
        Tcb waiter = waiterFor(parent, child.pid);
        if (waiter != null) {
            waiter.setResult(child.pid, child.exitStatus, 0, 0);
            reap(child);
            scheduler.unblock(waiter);
        }
    }

    /** A thread of {@code parent} blocked waiting for child {@code pid} (or for any child), or null. */
    /*@ private normal_behavior
      @ requires parent != null && parent.threads != null;
      @ ensures \result != null ==> \result.state == Tcb.BLOCKED && \result.blockedOn == Tcb.ON_CHILD;
      @ assignable \strictly_nothing;
      @*/
    /*@ nullable pure helper @*/ private @Nullable Tcb waiterFor(Process parent, long pid) {
        /*@ loop_invariant 0 <= i && i <= parent.threads.length;
          @ decreases parent.threads.length - i;
          @ assignable \strictly_nothing;
          @*/
        for (int i = 0; i < parent.threads.length; i++) {
            Tcb t = parent.threads[i];
            if (t != null && t.state == Tcb.BLOCKED && t.blockedOn == Tcb.ON_CHILD
                    && (t.waitPid == -1 || t.waitPid == pid)) {
                return t;
            }
        }
        return null;
    }

    // A helper: the entry becomes free, which this manager's invariant says nothing of.
    /*@ private normal_behavior
      @ requires p != null;
      @ ensures p.state == Process.FREE && p.service == -1 && p.parent == null && p.pid == 0;
      @ assignable p.state, p.service, p.parent, p.pid;
      @*/
    /*@ helper @*/ private void reap(Process p) {
        p.state = Process.FREE;
        p.service = -1;
        p.parent = null;
        p.pid = 0;
    }

    // ---- Wait ----

    /**
     * OK when {@code p} has a child matching {@code pid} (-1: any). The result is stated over the
     * table, so that a caller's test of it and a precondition naming it speak of the same thing.
     */
    /*@ public normal_behavior
      @ ensures \result == Errors.OK || \result == Errors.NO_CHILD;
      @ ensures \result == Errors.OK <==> (\exists int j; 1 <= j && j < table.length;
      @     table[j].parent == p && table[j].state != Process.FREE && (pid == -1 || table[j].pid == pid));
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ int checkWait(Process p, long pid) {
        return findChild(p, pid, false) != null ? Errors.OK : Errors.NO_CHILD;
    }

    /*@ private normal_behavior
      @ ensures \result == null <==> !(\exists int j; 1 <= j && j < table.length;
      @     table[j].parent == p && table[j].state != Process.FREE && (pid == -1 || table[j].pid == pid)
      @     && (!zombieOnly || table[j].state == Process.ZOMBIE));
      @ assignable \strictly_nothing;
      @*/
    /*@ nullable @*/ private /*@ pure @*/ @Nullable Process findChild(Process p, long pid, boolean zombieOnly) {
        /*@ loop_invariant 1 <= i && i <= table.length;
          @ loop_invariant !(\exists int j; 1 <= j && j < i;
          @     table[j].parent == p && table[j].state != Process.FREE && (pid == -1 || table[j].pid == pid)
          @     && (!zombieOnly || table[j].state == Process.ZOMBIE));
          @ decreases table.length - i;
          @ assignable \strictly_nothing;
          @*/
        for (int i = 1; i < table.length; i++) {
            Process c = table[i];
            if (c.parent == p && c.state != Process.FREE && (pid == -1 || c.pid == pid)
                    && (!zombieOnly || c.state == Process.ZOMBIE)) {
                return c;
            }
        }
        return null;
    }

    /**
     * Wait: reaps a zombie child matching {@code pid} (result its pid, r1 its status), or blocks
     * the caller until one exits.
     */
    /*@ public normal_behavior
      @ requires caller.owner != null && checkWait(caller.owner, pid) == Errors.OK;
      @ assignable \everything;
      @*/
    public long waitChild(Tcb caller, long pid) {
        Process p = caller.owner;
        if (p == null) {
            return Errors.NO_CHILD;
        }
        Process z = findChild(p, pid, true);
        if (z != null) {
            long zpid = z.pid;
            caller.setResult(zpid, z.exitStatus, 0, 0);
            reap(z);
            return zpid;
        }
        caller.waitPid = (int) pid;
        scheduler.block(caller, Tcb.ON_CHILD);
        return 0;
    }

    // ---- Self-check ----

    /**
     * Checks ZombieHasNoThreads, ParentAlive and PidsUnique. It reads each process's thread
     * slots and address space, which every process has (Process's invariant, not required
     * whole here), and writes nothing, so the loop keeps the heap it starts on.
     */
    /*@ public normal_behavior
      @ requires (\forall int j; 1 <= j && j < table.length; table[j].space != null && table[j].threads != null);
      @ assignable \strictly_nothing;
      @*/
    public /*@ pure @*/ boolean invariantsHold() {
        /*@ loop_invariant 1 <= i && i <= table.length;
          @ loop_invariant (\forall int j; 1 <= j && j < table.length; table[j].space != null && table[j].threads != null);
          @ decreases table.length - i;
          @ assignable \strictly_nothing;
          @*/
        for (int i = 1; i < table.length; i++) {
            if (!entryHolds(table[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * The self-check of one process. A helper, so that the loop's body is one call and this
     * manager's invariant is not shown again per process.
     */
    /*@ private normal_behavior
      @ requires p != null && p.space != null && p.threads != null;
      @ requires table != null && table.length >= 1 && \nonnullelements(table);
      @ assignable \strictly_nothing;
      @*/
    /*@ pure helper @*/ private boolean entryHolds(Process p) {
        if (p.state == Process.ZOMBIE && (p.threadCount() != 0 || p.space.root() != 0)) {
            return false;
        }
        Process up = p.parent;
        if (p.state != Process.FREE && up != null && !up.isAlive()) {
            return false;
        }
        if (p.state != Process.FREE && byPid(p.processId()) != p) {
            return false;
        }
        return true;
    }
}
