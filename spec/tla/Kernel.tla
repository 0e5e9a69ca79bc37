------------------------------- MODULE Kernel -------------------------------
(***************************************************************************)
(* The kernel: processes over the scheduler and the memory manager.        *)
(*                                                                         *)
(* A process is one thread (Scheduler) and one address space (Memory).     *)
(* Processes are free (unused table entry), alive, or zombies (exited,     *)
(* with an exit status, until the parent collects it).  Every system call  *)
(* is made by the thread running on the CPU: CreateProcess starts a child  *)
(* with an empty space, Fork a child with a copy-on-write copy of the      *)
(* caller's space, Exec discards the caller's image (the new one is        *)
(* mapped on demand), Exit releases the caller's memory, ends its thread   *)
(* and hands its children to the init process, and Wait collects a zombie  *)
(* child or blocks until a child exits.  The running process also maps,    *)
(* unmaps, protects and faults on its own pages.                           *)
(*                                                                         *)
(* Each step of the kernel is one step of the scheduler and one step of    *)
(* the memory manager (either may stutter), so the kernel refines both     *)
(* specifications; TLC checks this as the properties SchedulerRefined and  *)
(* MemoryRefined.  Capabilities and IPC are checked in their own modules;  *)
(* here memory authority is Memory's memCaps.                              *)
(*                                                                         *)
(* Implemented by dev.keel.kernel.proc.ProcessManager (with Process); the  *)
(* mapping is in spec/README.md.                                           *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

CONSTANTS
    Procs,      \* the process table entries
    InitProc,   \* the init process: alive at boot, never exits, adopts orphans
    Pages,      \* the virtual pages of every address space
    Frames,     \* the physical frames
    Statuses,   \* the exit statuses a process may pass to Exit
    None,       \* marks "no process", "no status", "no frame", "no current thread"
    Mutant      \* "none", or the name of one weakened guard (vacuity check)

\* The names of the weakened guards used as vacuity mutants.
Mutants == {"none", "exitKeepsThread", "exitKeepsMemory", "noReparent", "reapKeepsStatus",
            "exitWakesParent", "execMapsImage"}

\* The one CPU of this model.
Cpu == "cpu0"

ASSUME /\ InitProc \in Procs
       /\ None \notin Procs /\ None \notin Frames /\ None \notin Statuses
       /\ Mutant \in Mutants

VARIABLES
    procState,  \* procState[p] is "free", "alive" or "zombie"
    parentOf,   \* parentOf[p] is the parent of process p, or None
    exitStatus, \* exitStatus[p] is the status zombie p exited with, or None
    state, priority, runQueue, current, budget, now,   \* the scheduler's variables
    mapping, free, memCaps, shared                     \* the memory manager's variables

\* The process table's variables.
procVars == <<procState, parentOf, exitStatus>>

\* The scheduler's variables.
schedVars == <<state, priority, runQueue, current, budget, now>>

\* The memory manager's variables.
memVars == <<mapping, free, memCaps, shared>>

\* All variables, for stuttering and UNCHANGED.
vars == <<procVars, schedVars, memVars>>

\* The scheduler, one thread per process, every process of equal priority.
S == INSTANCE Scheduler WITH Threads <- Procs, CPUs <- {Cpu}, Affinity <- [p \in Procs |-> Cpu],
                             Priority <- [p \in Procs |-> 1], RealTime <- {}, Budget <- 1,
                             Period <- 1, Initial <- {InitProc}, Mutant <- "none"

\* The memory manager, one address space per process.
M == INSTANCE Memory WITH Spaces <- Procs, Mutant <- "none"

\* The process running on the CPU, which makes the system calls.
Caller == current[Cpu]

\* The children of process p.
ChildrenOf(p) == {c \in Procs : parentOf[c] = p}

\* The zombie children of process p.
ZombiesOf(p) == {c \in ChildrenOf(p) : procState[c] = "zombie"}

-----------------------------------------------------------------------------
\* Process states, parents and statuses are well typed; the parts type-check.
TypeOK ==
    /\ procState \in [Procs -> {"free", "alive", "zombie"}]
    /\ parentOf \in [Procs -> Procs \cup {None}]
    /\ exitStatus \in [Procs -> Statuses \cup {None}]
    /\ S!TypeOK
    /\ M!TypeOK

\* At boot only init is alive, ready to run, with an empty address space.
Init ==
    /\ procState = [p \in Procs |-> IF p = InitProc THEN "alive" ELSE "free"]
    /\ parentOf = [p \in Procs |-> None]
    /\ exitStatus = [p \in Procs |-> None]
    /\ S!Init
    /\ M!Init

-----------------------------------------------------------------------------
\* The caller starts free process c as its child, with an empty address space.
CreateProcess(c) ==
    LET p == Caller IN
    /\ p # None /\ procState[c] = "free"
    /\ procState' = [procState EXCEPT ![c] = "alive"]
    /\ parentOf' = [parentOf EXCEPT ![c] = p]
    /\ S!Admit(c)
    /\ UNCHANGED <<exitStatus, memVars>>

\* The caller starts free process c as its child, with a copy-on-write copy of its space.
Fork(c) ==
    LET p == Caller IN
    /\ p # None /\ procState[c] = "free"
    /\ procState' = [procState EXCEPT ![c] = "alive"]
    /\ parentOf' = [parentOf EXCEPT ![c] = p]
    /\ S!Admit(c)
    /\ M!ForkSpace(p, c)
    /\ UNCHANGED exitStatus

\* The caller replaces its image: its address space is released; the new image's
\* pages are mapped on demand by later Map calls.
Exec ==
    LET p == Caller IN
    /\ p # None
    /\ IF Mutant = "execMapsImage"
       THEN /\ mapping' = [q \in Procs |-> IF q = p
                             THEN [x \in Pages |-> [M!Unmapped EXCEPT !.mapped = TRUE]]
                             ELSE mapping[q]]
            /\ memCaps' = [memCaps EXCEPT ![p] = {}]
            /\ free' = free \cup (memCaps[p] \ UNION {memCaps[q] : q \in Procs \ {p}})
            /\ shared' = shared \cap UNION {memCaps[q] : q \in Procs \ {p}}
       ELSE M!ReleaseSpace(p)
    /\ UNCHANGED <<procVars, schedVars>>

\* The caller, not init, exits with status st: its memory is released, its thread
\* ends, it becomes a zombie and its children pass to init.
Exit(st) ==
    LET p == Caller IN
    /\ p # None /\ p # InitProc
    /\ procState' = [procState EXCEPT ![p] = "zombie"]
    /\ exitStatus' = [exitStatus EXCEPT ![p] = st]
    /\ parentOf' = IF Mutant = "noReparent" THEN parentOf
                   ELSE [c \in Procs |-> IF parentOf[c] = p THEN InitProc ELSE parentOf[c]]
    /\ IF Mutant = "exitKeepsMemory" THEN UNCHANGED memVars ELSE M!ReleaseSpace(p)
    /\ IF Mutant = "exitKeepsThread" THEN UNCHANGED schedVars
       ELSE IF Mutant = "exitWakesParent" /\ parentOf[p] # None /\ state[parentOf[p]] = "blocked"
       THEN /\ state' = [state EXCEPT ![p] = "inactive", ![parentOf[p]] = "running"]
            /\ current' = [current EXCEPT ![Cpu] = parentOf[p]]
            /\ UNCHANGED <<priority, runQueue, budget, now>>
       ELSE S!Retire(Cpu)

\* The caller collects zombie child c: c's entry becomes free.
Wait(c) ==
    LET p == Caller IN
    /\ p # None /\ c \in ZombiesOf(p)
    /\ procState' = [procState EXCEPT ![c] = "free"]
    /\ parentOf' = [parentOf EXCEPT ![c] = None]
    /\ exitStatus' = IF Mutant = "reapKeepsStatus" THEN exitStatus
                     ELSE [exitStatus EXCEPT ![c] = None]
    /\ UNCHANGED <<schedVars, memVars>>

\* The caller has live children but no zombie child: it blocks in Wait.
WaitBlock ==
    LET p == Caller IN
    /\ p # None /\ ZombiesOf(p) = {} /\ ChildrenOf(p) # {}
    /\ S!Block(Cpu)
    /\ UNCHANGED <<procVars, memVars>>

\* Process p, blocked in Wait, has a zombie child: it becomes ready to collect it.
WakeWaiter(p) ==
    /\ state[p] = "blocked" /\ ZombiesOf(p) # {}
    /\ S!Unblock(p)
    /\ UNCHANGED <<procVars, memVars>>

\* The scheduler acts on its own: ticks, yields, picks the next thread.
SchedulerStep ==
    /\ S!Tick(Cpu) \/ S!Yield(Cpu) \/ S!Schedule(Cpu) \/ S!Replenish(Cpu)
    /\ UNCHANGED <<procVars, memVars>>

\* The caller maps, unmaps, protects or faults on one of its own pages.
MemoryStep ==
    LET p == Caller IN
    /\ p # None
    /\ \E pg \in Pages :
          \/ \E f \in Frames \cup {None}, w \in BOOLEAN : M!Map(p, pg, f, w)
          \/ M!Unmap(p, pg)
          \/ \E w \in BOOLEAN : M!Protect(p, pg, w)
          \/ M!PageFault(p, pg)
    /\ UNCHANGED <<procVars, schedVars>>

-----------------------------------------------------------------------------
\* Every step is a system call of the running process, a scheduler step, or a wakeup.
Next ==
    \/ \E c \in Procs : CreateProcess(c) \/ Fork(c) \/ Wait(c) \/ WakeWaiter(c)
    \/ Exec \/ WaitBlock \/ SchedulerStep \/ MemoryStep
    \/ \E st \in Statuses : Exit(st)

\* The kernel: boot state, then any sequence of steps.
Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
\* A process has a thread in the scheduler exactly while it is alive.
ThreadIffAlive ==
    \A p \in Procs : procState[p] = "alive" <=> state[p] # "inactive"

\* A process that is not alive holds no memory.
DeadHoldNoMemory ==
    \A p \in Procs : procState[p] # "alive" =>
        memCaps[p] = {} /\ \A pg \in Pages : ~mapping[p][pg].mapped

\* Init is alive, and every other process in use has a live parent.
ParentAlive ==
    /\ procState[InitProc] = "alive"
    /\ \A p \in Procs \ {InitProc} : procState[p] # "free" => procState[parentOf[p]] = "alive"

\* Exactly the zombies carry an exit status.
StatusOnlyForZombies ==
    \A p \in Procs : procState[p] = "zombie" <=> exitStatus[p] # None

\* The invariants, numbered so that TLC names the one that fails.
Inv1 == ThreadIffAlive
Inv2 == DeadHoldNoMemory
Inv3 == ParentAlive
Inv4 == StatusOnlyForZombies

\* The scheduler's invariants still hold inside the kernel (no real-time threads here).
SchedulerInv == S!Inv1 /\ S!Inv2 /\ S!Inv3 /\ S!Inv5

\* The memory manager's invariants still hold inside the kernel.
MemoryInv == M!Inv1 /\ M!Inv2 /\ M!Inv3 /\ M!Inv4 /\ M!Inv5

\* The kernel refines the scheduler (S!SafetySpec): Init implies S!Init by its
\* definition, and every step is a scheduler step or leaves the scheduler alone.
SchedulerRefined == [][S!Next]_schedVars

\* The kernel refines the memory manager (M!Spec): Init implies M!Init by its
\* definition, and every step is a memory step or leaves memory alone.
MemoryRefined == [][M!Next]_memVars
=============================================================================
