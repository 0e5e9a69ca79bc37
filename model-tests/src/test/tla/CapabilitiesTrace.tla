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
(* either.  A trace that cannot be followed to its end violates Conforms.  *)
(*                                                                         *)
(* DiagNext lets the spec compute the successor and compares it variable   *)
(* by variable (SlotsAsLogged, ...), to say which variable differs.        *)
(***************************************************************************)
EXTENDS Capabilities, CapabilitiesTraceData, Sequences, TLC

CONSTANT Only       \* {}: every trace; else the traces to follow (diagnosis)

VARIABLES t, i,     \* the trace being followed, and the position in it
          stuck     \* TRUE once the trace cannot be followed further

TraceSet == IF Only = {} THEN DOMAIN Traces ELSE Only

Log(n) == Traces[t][n]

\* The state the kernel logged, as the spec's variables.
IsLoggedState(l) == slots = l.slots /\ parent = l.parent /\ objects = l.objects
Logged(l) == slots' = l.slots /\ parent' = l.parent /\ objects' = l.objects

A(l, n) == l.args[n]

\* One predicate per logged event: the spec's action with the logged arguments.
\* A refused call changes nothing (its enabledness is checked by SpecAllows).
\* The kernel's port_create names its memory capability (second argument).
IsCreateObject(l) ==
    /\ l.ev = "CreateObject"
    /\ IF l.ok THEN CreateObject(A(l, 1), A(l, 2), A(l, 3), A(l, 4)) ELSE UNCHANGED vars

IsMint(l) ==
    /\ l.ev = "Mint"
    /\ A(l, 3) = A(l, 1)
    /\ IF l.ok THEN Mint(A(l, 1), A(l, 2), A(l, 4), A(l, 5), A(l, 6)) ELSE UNCHANGED vars

IsCopy(l) ==
    /\ l.ev = "Copy"
    /\ IF l.ok THEN Copy(A(l, 1), A(l, 2), A(l, 3), A(l, 4)) ELSE UNCHANGED vars

IsMove(l) ==
    /\ l.ev = "Move"
    /\ IF l.ok THEN Move(A(l, 1), A(l, 2), A(l, 3), A(l, 4)) ELSE UNCHANGED vars

\* The kernel's delete of the last capability to a port also destroys the port
\* (logged with third argument TRUE), as the spec's Delete does.
IsDelete(l) ==
    /\ l.ev = "Delete"
    /\ IF l.ok THEN Delete(A(l, 1), A(l, 2)) ELSE UNCHANGED vars

IsRevoke(l) ==
    /\ l.ev = "Revoke"
    /\ IF l.ok THEN Revoke(A(l, 1), A(l, 2)) ELSE UNCHANGED vars

IsDestroyObject(l) ==
    /\ l.ev = "DestroyObject"
    /\ IF l.ok THEN DestroyObject(A(l, 1), A(l, 2)) ELSE UNCHANGED vars

\* The logged event, read as an action of the spec's Next.
IsEvent(l) ==
    \/ IsCreateObject(l)
    \/ IsMint(l)
    \/ IsCopy(l)
    \/ IsMove(l)
    \/ IsDelete(l)
    \/ IsRevoke(l)
    \/ IsDestroyObject(l)

\* For a call the kernel refused with arguments inside the model: whether the spec
\* would have allowed it.  Where the kernel picks an argument (the object of a
\* created port, the rights and badge of a mint, the slot of a transfer), any value.
SpecEnables(l) ==
    CASE l.ev = "CreateObject" -> ENABLED \E o \in Objects : CreateObject(A(l, 1), A(l, 2), A(l, 3), o)
      [] l.ev = "Mint" -> ENABLED \E r \in SUBSET Rights, bd \in Badges : Mint(A(l, 1), A(l, 2), A(l, 4), r, bd)
      [] l.ev = "Copy" /\ A(l, 4) = 0 -> ENABLED \E b \in Slots : Copy(A(l, 1), A(l, 2), A(l, 3), b)
      [] l.ev = "Copy" -> ENABLED Copy(A(l, 1), A(l, 2), A(l, 3), A(l, 4))
      [] l.ev = "Move" -> ENABLED Move(A(l, 1), A(l, 2), A(l, 3), A(l, 4))
      [] l.ev = "Delete" -> ENABLED Delete(A(l, 1), A(l, 2))
      [] l.ev = "Revoke" -> ENABLED Revoke(A(l, 1), A(l, 2))
      [] l.ev = "DestroyObject" -> ENABLED DestroyObject(A(l, 1), A(l, 2))

\* The spec agrees with the kernel's decision to refuse (or not) the call l.
Agrees(l) == ~l.ok /\ l.inModel => ~SpecEnables(l)

TraceInit ==
    /\ t \in TraceSet
    /\ i = 1
    /\ stuck = FALSE
    /\ IsLoggedState(Traces[t][1])

\* A trace that reached its end stays there.
Finished == i = Len(Traces[t]) /\ UNCHANGED <<vars, t, i, stuck>>

\* The next logged step, as a step of the spec with the logged successor state.
TraceStep ==
    /\ i < Len(Traces[t])
    /\ Agrees(Log(i + 1))
    /\ Logged(Log(i + 1))
    /\ IsEvent(Log(i + 1))
    /\ i' = i + 1
    /\ UNCHANGED <<t, stuck>>

\* The next logged step as the spec computes it (for diagnosis).
SpecStep ==
    /\ i < Len(Traces[t])
    /\ Agrees(Log(i + 1))
    /\ IsEvent(Log(i + 1))
    /\ i' = i + 1
    /\ UNCHANGED <<t, stuck>>

\* A trace that cannot go on is marked, so that TLC (with -continue) reports every
\* such trace as a violation of Conforms instead of stopping at the first deadlock.
\* (Agrees is tested outside ENABLED, as TLC does not evaluate ENABLED nested in ENABLED.)
Stuck(S) == /\ i < Len(Traces[t]) /\ ~stuck
            /\ ~Agrees(Log(i + 1)) \/ ~ENABLED S
            /\ stuck' = TRUE /\ UNCHANGED <<vars, t, i>>

TraceNext == TraceStep \/ Finished \/ Stuck(TraceStep)
DiagNext == SpecStep \/ Finished \/ Stuck(SpecStep)

\* Every trace can be followed step by step.
Conforms == ~stuck

\* The kernel's state after boot is the spec's initial state.
InitConforms == i = 1 => Init

SlotsAsLogged == slots = Log(i).slots
ParentAsLogged == parent = Log(i).parent
ObjectsAsLogged == objects = Log(i).objects
=============================================================================
