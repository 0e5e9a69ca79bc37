------------------------------- MODULE Kernel -------------------------------
(***************************************************************************)
(* The kernel: processes over the capability system, IPC, the scheduler   *)
(* and the memory manager.                                                 *)
(*                                                                         *)
(* A process is one thread (Scheduler and Ipc), one address space          *)
(* (Memory) and one capability space (Capabilities).  Processes are free   *)
(* (unused table entry), alive, or zombies (exited, with an exit status,   *)
(* until the parent collects it).  Every system call is made by the        *)
(* thread running on the CPU.  CreateProcess starts a child with an empty  *)
(* address space and, in its first slot, a copy of one capability the      *)
(* caller may grant; Fork starts a child with a copy-on-write copy of the  *)
(* caller's address space and a copy of its capability space; Exec         *)
(* discards the caller's image (the new one is mapped on demand) and keeps *)
(* its capabilities; Exit deletes the caller's capabilities (a port whose  *)
(* last capability goes dies), releases its memory, ends its thread and    *)
(* hands its children to init; Wait collects a zombie child or blocks      *)
(* until a child exits.  The running process also creates ports, mints    *)
(* send-only capabilities, sends, receives, calls and replies, and maps,   *)
(* unmaps, protects and faults on its own pages.  A thread blocked in IPC  *)
(* is blocked in the scheduler; IPC that ends another thread's wait (a     *)
(* message handed to a waiting receiver, a reply) is followed by that      *)
(* thread's Unblock, as the kernel wakes it before it returns to user      *)
(* mode.                                                                   *)
(*                                                                         *)
(* Each step of the kernel is at most one step of each part (or leaves the *)
(* part alone), so the kernel refines all four specifications; TLC checks  *)
(* this as the properties CapabilitiesRefined, IpcRefined,                 *)
(* SchedulerRefined and MemoryRefined.  IPC's rights are read from the     *)
(* capability spaces and its ports are the live port objects.  How the     *)
(* composition is abstracted (memory authority, messages without           *)
(* transfers, exit with IPC outstanding) is written in spec/README.md.     *)
(*                                                                         *)
(* Implemented by dev.keel.kernel.proc.ProcessManager (with Process); the  *)
(* mapping is in spec/README.md.                                           *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets, Sequences, TLC

CONSTANTS
    Procs,      \* the process table entries
    InitProc,   \* the init process: alive at boot, never exits, adopts orphans
    Pages,      \* the virtual pages of every address space
    Frames,     \* the physical frames
    Statuses,   \* the exit statuses a process may pass to Exit
    Slots,      \* the slot numbers of every capability space
    Ports,      \* the ports that may come to exist
    QueueLen,   \* the capacity of every port's queue
    MaxSends,   \* bound on the messages one process sends to one port (model bound)
    None,       \* marks "no process", "no status", "no frame", "no current thread"
    Mutant      \* "none", or the name of one weakened guard (vacuity check)

\* The names of the weakened guards used as vacuity mutants.
Mutants == {"none", "exitKeepsThread", "exitKeepsMemory", "noReparent", "reapKeepsStatus",
            "exitWakesParent", "execMapsImage", "exitKeepsCaps", "ipcBlockKeepsRunning",
            "forkUnlinked", "receiveAnyPort"}

\* The one CPU of this model.
Cpu == "cpu0"

\* The untyped memory object, from which init creates ports.
Untyped == "untyped"

\* The rights of a capability.
AllRights == {"read", "write", "grant"}

ASSUME /\ InitProc \in Procs
       /\ None \notin Procs /\ None \notin Frames /\ None \notin Statuses /\ None \notin Ports
       /\ Untyped \notin Ports /\ 1 \in Slots
       /\ Mutant \in Mutants

VARIABLES
    procState,  \* procState[p] is "free", "alive" or "zombie"
    parentOf,   \* parentOf[p] is the parent of process p, or None
    exitStatus, \* exitStatus[p] is the status zombie p exited with, or None
    waiting,    \* the processes whose thread is blocked in Wait
    state, priority, runQueue, current, budget, elapsed, slice,   \* the scheduler's variables
    mapping, free, memCaps, shared,                        \* the memory manager's variables
    slots, parent, objects,                                \* the capability system's variables
    queue, blockedOn, replyCap, sent, delivered            \* IPC's variables

\* The process table's variables.
procVars == <<procState, parentOf, exitStatus, waiting>>

\* The scheduler's variables.
schedVars == <<state, priority, runQueue, current, budget, elapsed, slice>>

\* The memory manager's variables.
memVars == <<mapping, free, memCaps, shared>>

\* The capability system's variables.
capVars == <<slots, parent, objects>>

\* IPC's own variables (its rights and ports are read from the capability system).
ipcVars == <<queue, blockedOn, replyCap, sent, delivered>>

\* All variables, for stuttering and UNCHANGED.
vars == <<procVars, schedVars, memVars, capVars, ipcVars>>

\* The scheduler, one thread per process, every process of equal priority.
S == INSTANCE Scheduler WITH Threads <- Procs, CPUs <- {Cpu}, Affinity <- [p \in Procs |-> Cpu],
                             Priority <- [p \in Procs |-> 1], RealTime <- {}, Budget <- 1,
                             Period <- 1, Slice <- 1, Initial <- {InitProc}, Mutant <- "none"

\* The memory manager, one address space per process.
M == INSTANCE Memory WITH Spaces <- Procs, Mutant <- "none"

\* The capability system, one capability space per process; init holds the
\* untyped memory capability in slot 1 at boot.
C == INSTANCE Capabilities WITH Objects <- {Untyped} \cup Ports,
                                TypeOf <- [o \in {Untyped} \cup Ports |->
                                              IF o = Untyped THEN "Memory" ELSE "Port"],
                                Root <- InitProc, Badges <- {0}, Rights <- AllRights,
                                Mutant <- "none"

\* The capabilities process t holds to port o, as Ipc sees them (rights and
\* badge) from every capability to o in its space.  (IPC steps fix the
\* capability variables first, so that TLC evaluates PortCaps' in a state where
\* they are known.)
PortCaps == TLCEval([t \in Procs |-> [o \in Ports |->
                {[rights |-> slots[t][x].rights, badge |-> slots[t][x].badge] :
                     x \in {y \in Slots : slots[t][y].obj = o}}]])

\* The live ports.
LivePorts == objects \cap Ports

\* IPC, one thread per process, with the capabilities of the capability spaces.
\* No port exists at boot; no capability here is badged.
I == INSTANCE Ipc WITH Threads <- Procs, InitPorts <- {}, caps <- PortCaps, ports <- LivePorts,
                       InitCaps <- [t \in Procs |-> [o \in Ports |-> {}]], Mutant <- "none"

\* The process running on the CPU, which makes the system calls.
Caller == current[Cpu]

\* The children of process p.
ChildrenOf(p) == {c \in Procs : parentOf[c] = p}

\* The zombie children of process p.
ZombiesOf(p) == {c \in ChildrenOf(p) : procState[c] = "zombie"}

\* The full slots of process p.
FullSlots(p) == {x \in C!Refs : x[1] = p /\ slots[p][x[2]] # C!Empty}

\* Process p's capability space is cleared (nothing to do if it is empty).
ClearCaps(p) == IF FullSlots(p) = {} THEN UNCHANGED capVars ELSE C!ClearSpace(p)

\* Exit of p touches no pending IPC: p answers no call, and the ports that die
\* with its capabilities have no message and no thread waiting on them.  (The
\* kernel wakes such threads with DEAD_OBJECT; Ipc.tla has no such step.)
IpcQuiet(p) ==
    /\ replyCap[p] = None
    /\ \A o \in C!Orphaned(FullSlots(p)) :
          queue[o] = <<>> /\ \A t \in Procs : blockedOn[t].port # o

-----------------------------------------------------------------------------
\* Process states, parents and statuses are well typed; the parts type-check.
TypeOK ==
    /\ procState \in [Procs -> {"free", "alive", "zombie"}]
    /\ parentOf \in [Procs -> Procs \cup {None}]
    /\ exitStatus \in [Procs -> Statuses \cup {None}]
    /\ waiting \subseteq Procs
    /\ S!TypeOK
    /\ M!TypeOK
    /\ C!TypeOK
    /\ I!TypeOK

\* At boot only init is alive, ready to run, with an empty address space and the
\* untyped memory capability.
Init ==
    /\ procState = [p \in Procs |-> IF p = InitProc THEN "alive" ELSE "free"]
    /\ parentOf = [p \in Procs |-> None]
    /\ exitStatus = [p \in Procs |-> None]
    /\ waiting = {}
    /\ S!Init
    /\ M!Init
    /\ C!Init
    /\ I!Init

-----------------------------------------------------------------------------
\* The caller starts free process c as its child, with an empty address space;
\* a = 0 gives it no capability, else a copy of the capability in the caller's
\* slot a, which needs grant, in its slot 1.
CreateProcess(c, a) ==
    LET p == Caller IN
    /\ p # None /\ procState[c] = "free"
    /\ procState' = [procState EXCEPT ![c] = "alive"]
    /\ parentOf' = [parentOf EXCEPT ![c] = p]
    /\ S!Admit(c)
    /\ IF a = 0 THEN UNCHANGED capVars ELSE C!Copy(p, a, c, 1)
    /\ UNCHANGED <<exitStatus, waiting, memVars, ipcVars>>

\* The caller starts free process c as its child, with a copy-on-write copy of its
\* address space and a copy of its capability space.
Fork(c) ==
    LET p == Caller IN
    /\ p # None /\ procState[c] = "free"
    /\ procState' = [procState EXCEPT ![c] = "alive"]
    /\ parentOf' = [parentOf EXCEPT ![c] = p]
    /\ S!Admit(c)
    /\ M!ForkSpace(p, c)
    /\ IF FullSlots(p) = {} THEN UNCHANGED capVars
       ELSE IF Mutant = "forkUnlinked"
       THEN slots' = [slots EXCEPT ![c] = slots[p]] /\ UNCHANGED <<parent, objects>>
       ELSE C!CopySpace(p, c)
    /\ UNCHANGED <<exitStatus, waiting, ipcVars>>

\* The caller replaces its image: its address space is released; the new image's
\* pages are mapped on demand by later Map calls.  Its capabilities stay.
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
    /\ UNCHANGED <<procVars, schedVars, capVars, ipcVars>>

\* The caller, not init, exits with status st: its capabilities are deleted, its
\* memory is released, its thread ends, it becomes a zombie and its children pass
\* to init.
Exit(st) ==
    LET p == Caller IN
    /\ p # None /\ p # InitProc
    /\ IpcQuiet(p)
    /\ procState' = [procState EXCEPT ![p] = "zombie"]
    /\ exitStatus' = [exitStatus EXCEPT ![p] = st]
    /\ parentOf' = IF Mutant = "noReparent" THEN parentOf
                   ELSE [c \in Procs |-> IF parentOf[c] = p THEN InitProc ELSE parentOf[c]]
    /\ IF Mutant = "exitKeepsCaps" THEN UNCHANGED capVars ELSE ClearCaps(p)
    /\ IF Mutant = "exitKeepsMemory" THEN UNCHANGED memVars ELSE M!ReleaseSpace(p)
    /\ IF Mutant = "exitKeepsThread" THEN UNCHANGED <<schedVars, waiting>>
       ELSE IF Mutant = "exitWakesParent" /\ parentOf[p] # None /\ parentOf[p] \in waiting
       THEN /\ state' = [state EXCEPT ![p] = "inactive", ![parentOf[p]] = "running"]
            /\ current' = [current EXCEPT ![Cpu] = parentOf[p]]
            /\ waiting' = waiting \ {parentOf[p]}
            /\ UNCHANGED <<priority, runQueue, budget, elapsed, slice>>
       ELSE S!Retire(Cpu) /\ UNCHANGED waiting
    /\ UNCHANGED ipcVars

\* The caller collects zombie child c: c's entry becomes free.
Wait(c) ==
    LET p == Caller IN
    /\ p # None /\ c \in ZombiesOf(p)
    /\ procState' = [procState EXCEPT ![c] = "free"]
    /\ parentOf' = [parentOf EXCEPT ![c] = None]
    /\ exitStatus' = IF Mutant = "reapKeepsStatus" THEN exitStatus
                     ELSE [exitStatus EXCEPT ![c] = None]
    /\ UNCHANGED <<waiting, schedVars, memVars, capVars, ipcVars>>

\* The caller has live children but no zombie child: it blocks in Wait.
WaitBlock ==
    LET p == Caller IN
    /\ p # None /\ ZombiesOf(p) = {} /\ ChildrenOf(p) # {}
    /\ S!Block(Cpu)
    /\ waiting' = waiting \cup {p}
    /\ UNCHANGED <<procState, parentOf, exitStatus, memVars, capVars, ipcVars>>

\* Process p, blocked in Wait, has a zombie child: it becomes ready to collect it.
WakeWaiter(p) ==
    /\ p \in waiting /\ ZombiesOf(p) # {}
    /\ S!Unblock(p)
    /\ waiting' = waiting \ {p}
    /\ UNCHANGED <<procState, parentOf, exitStatus, memVars, capVars, ipcVars>>

-----------------------------------------------------------------------------
\* The caller creates port o from the untyped capability in its slot a; the
\* capability to o, with every right, goes into its empty slot b.
PortCreate(a, b, o) ==
    LET p == Caller IN
    /\ p # None
    /\ C!CreateObject(p, a, b, o)
    /\ I!PortCreate(p, o)
    /\ UNCHANGED <<procVars, schedVars, memVars>>

\* The caller mints from the port capability in its slot a a send-only
\* capability (write, no read, no grant) into its empty slot b.
MintSend(a, b) ==
    LET p == Caller IN
    /\ p # None /\ slots[p][a].obj \in Ports
    /\ C!Mint(p, a, b, {"write"}, 0)
    /\ UNCHANGED <<procVars, schedVars, memVars, ipcVars>>

\* The caller sends to port o; a receiver waiting there gets the message and is
\* woken by WakeIpc.  (TrySend has the same effect when it succeeds.)
Send(o) ==
    LET p == Caller IN
    /\ p # None
    /\ UNCHANGED capVars
    /\ \E c \in I!SendCaps(p, o) : I!Send(p, o, c, I!NoXfer)
    /\ UNCHANGED <<procVars, schedVars, memVars>>

\* The caller receives from port o, and blocks in the scheduler while the queue
\* is empty.  (TryReceive has the same effect when the queue is not empty.)
Receive(o) ==
    LET p == Caller IN
    /\ p # None
    /\ UNCHANGED capVars
    /\ IF Mutant = "receiveAnyPort"
       THEN /\ o \in LivePorts /\ queue[o] # <<>> /\ replyCap[p] = None
            /\ I!Deliver(p, o, Head(queue[o]))
            /\ queue' = [queue EXCEPT ![o] = Tail(@)]
            /\ UNCHANGED <<blockedOn, sent>>
       ELSE I!Receive(p, o)
    /\ IF queue[o] = <<>> /\ Mutant # "ipcBlockKeepsRunning"
       THEN S!Block(Cpu) ELSE UNCHANGED schedVars
    /\ UNCHANGED <<procVars, memVars>>

\* The caller calls port o and blocks in the scheduler until the reply.
Call(o) ==
    LET p == Caller IN
    /\ p # None
    /\ UNCHANGED capVars
    /\ \E c \in I!SendCaps(p, o) : I!Call(p, o, c, I!NoXfer)
    /\ IF Mutant = "ipcBlockKeepsRunning" THEN UNCHANGED schedVars ELSE S!Block(Cpu)
    /\ UNCHANGED <<procVars, memVars>>

\* The caller answers the call it holds a reply capability for; the caller of
\* that call is woken by WakeIpc.
Reply ==
    LET p == Caller IN
    /\ p # None
    /\ UNCHANGED capVars
    /\ I!Reply(p)
    /\ UNCHANGED <<procVars, schedVars, memVars>>

\* Thread t is blocked in the scheduler, but no longer in IPC nor in Wait: IPC
\* gave it its message or its reply, and it becomes ready.
WakeIpc(t) ==
    /\ state[t] = "blocked" /\ t \notin waiting /\ blockedOn[t] = I!NotBlocked
    /\ S!Unblock(t)
    /\ UNCHANGED <<procVars, memVars, capVars, ipcVars>>

-----------------------------------------------------------------------------
\* The scheduler acts on its own: ticks, yields, picks the next thread.
SchedulerStep ==
    /\ S!Tick(Cpu) \/ S!Yield(Cpu) \/ S!Schedule(Cpu)
    /\ UNCHANGED <<procVars, memVars, capVars, ipcVars>>

\* The caller maps, unmaps, protects or faults on one of its own pages.
MemoryStep ==
    LET p == Caller IN
    /\ p # None
    /\ \E pg \in Pages :
          \/ \E f \in Frames \cup {None}, w \in BOOLEAN : M!Map(p, pg, f, w)
          \/ M!Unmap(p, pg)
          \/ \E w \in BOOLEAN : M!Protect(p, pg, w)
          \/ M!PageFault(p, pg)
    /\ UNCHANGED <<procVars, schedVars, capVars, ipcVars>>

\* The caller's IPC and capability system calls.
IpcStep ==
    \/ \E o \in Ports :
          \/ \E a, b \in Slots : PortCreate(a, b, o)
          \/ Send(o) \/ Receive(o) \/ Call(o)
    \/ \E a, b \in Slots : MintSend(a, b)
    \/ Reply

-----------------------------------------------------------------------------
\* Every step is a system call of the running process, a scheduler step, or a wakeup.
Next ==
    \/ \E c \in Procs :
          \/ \E a \in Slots \cup {0} : CreateProcess(c, a)
          \/ Fork(c) \/ Wait(c) \/ WakeWaiter(c) \/ WakeIpc(c)
    \/ Exec \/ WaitBlock \/ SchedulerStep \/ MemoryStep \/ IpcStep
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

\* A process that is not alive holds no capability.
DeadHoldNoCaps ==
    \A p \in Procs : procState[p] # "alive" => FullSlots(p) = {}

\* A thread waiting in IPC or in Wait is blocked in the scheduler, and a thread
\* in Wait is not waiting in IPC.
WaitingIsBlocked ==
    \A p \in Procs :
        /\ blockedOn[p] # I!NotBlocked => state[p] = "blocked"
        /\ p \in waiting => state[p] = "blocked" /\ blockedOn[p] = I!NotBlocked

\* The invariants, numbered so that TLC names the one that fails.
Inv1 == ThreadIffAlive
Inv2 == DeadHoldNoMemory
Inv3 == ParentAlive
Inv4 == StatusOnlyForZombies
Inv5 == DeadHoldNoCaps
Inv6 == WaitingIsBlocked

\* The scheduler's invariants still hold inside the kernel (no real-time threads here).
SchedulerInv == S!Inv1 /\ S!Inv2 /\ S!Inv3 /\ S!Inv5

\* The memory manager's invariants still hold inside the kernel.
MemoryInv == M!Inv1 /\ M!Inv2 /\ M!Inv3 /\ M!Inv4 /\ M!Inv5

\* The capability system's invariants still hold inside the kernel.
CapabilitiesInv == C!Inv1 /\ C!Inv2 /\ C!Inv3 /\ C!Inv4 /\ C!Inv5

\* IPC's invariants still hold inside the kernel, but for three.  Of
\* ReceiverHoldsReadCap only the part about waiting receivers: a process that
\* received a message may later exit and lose its capabilities, and its table
\* entry may be reused.  NoCallCycle is no invariant here: the exit of the last
\* other receiver of a port leaves a caller waiting for none but itself, though
\* no call closed a cycle; that every call is refused that would close one is
\* part of IpcRefined (Ipc's Call requires ~WouldDeadlock).  BadgeNamesSendCap
\* neither: a sender may exit while its message waits, and lose the capability
\* whose badge the message carries; that every message is sent through a send
\* capability the sender holds, with its badge, is part of IpcRefined.
IpcInv ==
    /\ I!Inv1 /\ I!Inv2 /\ I!Inv3 /\ I!Inv6 /\ I!Inv8
    /\ \A t \in Procs : blockedOn[t].op = "recv" => "read" \in I!Held(t, blockedOn[t].port)

\* The kernel refines the scheduler (S!SafetySpec): Init implies S!Init by its
\* definition, and every step is a scheduler step or leaves the scheduler alone.
SchedulerRefined == [][S!Next]_schedVars

\* The kernel refines the memory manager (M!Spec): Init implies M!Init by its
\* definition, and every step is a memory step or leaves memory alone.
MemoryRefined == [][M!Next]_memVars

\* The kernel refines the capability system (C!Spec): every step is a capability
\* operation or leaves the capability spaces alone.
CapabilitiesRefined == [][C!Next]_capVars

\* The kernel refines IPC (I!Spec) with rights read from the capability spaces:
\* every step that changes queues, blocking or reply capabilities is an IPC
\* operation allowed by the rights held at that moment.  Steps that change only
\* rights (process creation, fork, exit, mint) are capability steps.
IpcRefined == [][I!Next]_ipcVars
=============================================================================
