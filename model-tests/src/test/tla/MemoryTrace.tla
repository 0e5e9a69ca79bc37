----------------------------- MODULE MemoryTrace -----------------------------
(***************************************************************************)
(* Trace validation of the Java kernel's memory manager against            *)
(* spec/Memory.tla.  MemoryTraceData (written by the tests) holds the      *)
(* model's constants and Traces: one record per kernel transition, with    *)
(* the action, its arguments, whether the kernel carried it out, and the   *)
(* kernel's state mapped to mapping and free.  memCaps and shared have no  *)
(* kernel counterpart: the spec computes them along the trace.             *)
(*                                                                         *)
(* A fault may take any free frame; the kernel's allocator picks its own  *)
(* (last freed, first out), and the logged state says which.  The         *)
(* diagnosis, which lets the spec compute each successor, follows the     *)
(* frame the kernel took (alloc) so that the successor it compares is the  *)
(* one the kernel chose.                                                   *)
(*                                                                         *)
(* As in CapabilitiesTrace: a refused call leaves every variable unchanged *)
(* and, with its arguments inside the model, must not be enabled in the   *)
(* spec; a trace that cannot be followed violates Conforms; DiagNext names *)
(* the variable that differs.                                              *)
(***************************************************************************)
EXTENDS Memory, MemoryTraceData, TLC

CONSTANT Only       \* {}: every trace; else the traces to follow (diagnosis)

VARIABLES t, i,     \* the trace being followed, and the position in it
          stuck     \* TRUE once the trace cannot be followed further

TraceSet == IF Only = {} THEN DOMAIN Traces ELSE Only

Log(n) == Traces[t][n]

\* The frame the kernel allocated in the next logged step, if any, is the one taken.
TakesKernelFrame == Log(i + 1).alloc \in Frames => Log(i + 1).alloc \in free \ free'

IsLoggedState(l) == mapping = l.mapping /\ free = l.free
Logged(l) == mapping' = l.mapping /\ free' = l.free

A(l, n) == l.args[n]

Refused(l) == ~l.ok /\ UNCHANGED vars

IsMap(l) == l.ev = "Map" /\ IF l.ok THEN Map(A(l, 1), A(l, 2), A(l, 3), A(l, 4)) ELSE Refused(l)
IsUnmap(l) == l.ev = "Unmap" /\ IF l.ok THEN Unmap(A(l, 1), A(l, 2)) ELSE Refused(l)
IsProtect(l) == l.ev = "Protect" /\ IF l.ok THEN Protect(A(l, 1), A(l, 2), A(l, 3)) ELSE Refused(l)
IsPageFault(l) == l.ev = "PageFault" /\ IF l.ok THEN PageFault(A(l, 1), A(l, 2)) ELSE Refused(l)
IsForkSpace(l) == l.ev = "ForkSpace" /\ IF l.ok THEN ForkSpace(A(l, 1), A(l, 2)) ELSE Refused(l)
IsReleaseSpace(l) == l.ev = "ReleaseSpace" /\ IF l.ok THEN ReleaseSpace(A(l, 1)) ELSE Refused(l)

IsEvent(l) ==
    \/ IsMap(l) \/ IsUnmap(l) \/ IsProtect(l) \/ IsPageFault(l) \/ IsForkSpace(l) \/ IsReleaseSpace(l)

\* For a call the kernel refused: whether the spec would have allowed it.  A fault
\* may take any free frame.
SpecEnables(l) ==
    CASE l.ev = "Map" -> ENABLED Map(A(l, 1), A(l, 2), A(l, 3), A(l, 4))
      [] l.ev = "Unmap" -> ENABLED Unmap(A(l, 1), A(l, 2))
      [] l.ev = "Protect" -> ENABLED Protect(A(l, 1), A(l, 2), A(l, 3))
      [] l.ev = "PageFault" -> ENABLED PageFault(A(l, 1), A(l, 2))
      [] l.ev = "ForkSpace" -> ENABLED ForkSpace(A(l, 1), A(l, 2))
      [] l.ev = "ReleaseSpace" -> ENABLED ReleaseSpace(A(l, 1))

Agrees(l) == ~l.ok /\ l.inModel => ~SpecEnables(l)

TraceInit ==
    /\ t \in TraceSet
    /\ i = 1
    /\ stuck = FALSE
    /\ IsLoggedState(Traces[t][1])
    /\ memCaps = [s \in Spaces |-> {}]
    /\ shared = {}

Finished == i = Len(Traces[t]) /\ UNCHANGED <<vars, t, i, stuck>>

TraceStep ==
    /\ i < Len(Traces[t])
    /\ Agrees(Log(i + 1))
    /\ Logged(Log(i + 1))
    /\ IsEvent(Log(i + 1))
    /\ i' = i + 1
    /\ UNCHANGED <<t, stuck>>

SpecStep ==
    /\ i < Len(Traces[t])
    /\ Agrees(Log(i + 1))
    /\ IsEvent(Log(i + 1))
    /\ TakesKernelFrame
    /\ i' = i + 1
    /\ UNCHANGED <<t, stuck>>

Stuck(S) == /\ i < Len(Traces[t]) /\ ~stuck
            /\ ~Agrees(Log(i + 1)) \/ ~ENABLED S
            /\ stuck' = TRUE /\ UNCHANGED <<vars, t, i>>

TraceNext == TraceStep \/ Finished \/ Stuck(TraceStep)
DiagNext == SpecStep \/ Finished \/ Stuck(SpecStep)

Conforms == ~stuck

InitConforms == i = 1 => Init

MappingAsLogged == mapping = Log(i).mapping
FreeAsLogged == free = Log(i).free
=============================================================================
