-------------------------- MODULE CapabilitiesTrace --------------------------
(***************************************************************************)
(* Trace validation of the Java kernel's capability system against         *)
(* spec/Capabilities.tla.  CapabilitiesTraceData (written by the tests)    *)
(* holds Traces: each trace is a sequence of records, one per kernel       *)
(* transition, carrying the action name, its arguments in the spec's       *)
(* terms, whether the kernel carried it out, and the kernel's state mapped *)
(* to the spec's variables.                                                *)
(*                                                                         *)
(* TraceNext is the spec's Next constrained to the logged states: from     *)
(* entry i to i+1 the variables take the logged values and the logged      *)
(* action of the spec, with the logged arguments, must allow that step.    *)
(* A call the kernel refused must leave every variable unchanged and,      *)
(* when its arguments lie inside the model, the spec must not enable it    *)
(* either.  A trace that cannot be followed to its end is a deadlock.      *)
(*                                                                         *)
(* DiagNext lets the spec compute the successor and compares it variable   *)
(* by variable (SlotsAsLogged, ...), to say which variable differs.        *)
(***************************************************************************)
EXTENDS Capabilities, CapabilitiesTraceData, Sequences, TLC

CONSTANT Only       \* 0: every trace; n: trace n alone (diagnosis)

VARIABLES t, i      \* the trace being followed, and the position in it

TraceSet == IF Only = 0 THEN DOMAIN Traces ELSE {Only}

Log(n) == Traces[t][n]

\* The state the kernel logged, as the spec's variables.
IsLoggedState(l) == slots = l.slots /\ parent = l.parent /\ objects = l.objects
Logged(l) == slots' = l.slots /\ parent' = l.parent /\ objects' = l.objects

\* A refused call changes nothing; inside the model the spec must refuse it too.
Refused(l, enabled) == UNCHANGED vars /\ (l.inModel => ~enabled)

A(l, n) == l.args[n]

IsCreateObject(l) ==
    /\ l.ev = "CreateObject"
    /\ IF l.ok THEN CreateObject(A(l, 1), A(l, 2), A(l, 3), A(l, 4))
       ELSE Refused(l, ENABLED \E o \in Objects : CreateObject(A(l, 1), A(l, 2), A(l, 3), o))

IsMint(l) ==
    /\ l.ev = "Mint"
    /\ IF l.ok THEN Mint(A(l, 1), A(l, 2), A(l, 3), A(l, 4), A(l, 5), A(l, 6))
       ELSE Refused(l, ENABLED \E r \in SUBSET Rights, bd \in Badges :
                               Mint(A(l, 1), A(l, 2), A(l, 3), A(l, 4), r, bd))

IsCopy(l) ==
    /\ l.ev = "Copy"
    /\ IF l.ok THEN Copy(A(l, 1), A(l, 2), A(l, 3), A(l, 4))
       ELSE Refused(l, ENABLED \E b \in Slots : Copy(A(l, 1), A(l, 2), A(l, 3), b))

IsMove(l) ==
    /\ l.ev = "Move"
    /\ IF l.ok THEN Move(A(l, 1), A(l, 2), A(l, 3), A(l, 4))
       ELSE Refused(l, ENABLED Move(A(l, 1), A(l, 2), A(l, 3), A(l, 4)))

IsDelete(l) ==
    /\ l.ev = "Delete"
    /\ IF l.ok THEN Delete(A(l, 1), A(l, 2))
       ELSE Refused(l, ENABLED Delete(A(l, 1), A(l, 2)))

IsRevoke(l) ==
    /\ l.ev = "Revoke"
    /\ IF l.ok THEN Revoke(A(l, 1), A(l, 2))
       ELSE Refused(l, ENABLED Revoke(A(l, 1), A(l, 2)))

IsDestroyObject(l) ==
    /\ l.ev = "DestroyObject"
    /\ IF l.ok THEN DestroyObject(A(l, 1), A(l, 2))
       ELSE Refused(l, ENABLED DestroyObject(A(l, 1), A(l, 2)))

\* The logged event, read as an action of the spec's Next.
IsEvent(l) ==
    \/ IsCreateObject(l)
    \/ IsMint(l)
    \/ IsCopy(l)
    \/ IsMove(l)
    \/ IsDelete(l)
    \/ IsRevoke(l)
    \/ IsDestroyObject(l)

TraceInit ==
    /\ t \in TraceSet
    /\ i = 1
    /\ IsLoggedState(Traces[t][1])

\* A trace that reached its end stays there (so only a stuck trace deadlocks).
Finished == i = Len(Traces[t]) /\ UNCHANGED <<vars, t, i>>

TraceNext ==
    \/ /\ i < Len(Traces[t])
       /\ Logged(Log(i + 1))
       /\ IsEvent(Log(i + 1))
       /\ i' = i + 1
       /\ UNCHANGED t
    \/ Finished

DiagNext ==
    \/ /\ i < Len(Traces[t])
       /\ IsEvent(Log(i + 1))
       /\ i' = i + 1
       /\ UNCHANGED t
    \/ Finished

\* The kernel's state after boot is the spec's initial state.
InitConforms == i = 1 => Init

SlotsAsLogged == slots = Log(i).slots
ParentAsLogged == parent = Log(i).parent
ObjectsAsLogged == objects = Log(i).objects
=============================================================================
