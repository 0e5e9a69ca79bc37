------------------------------ MODULE IpcTrace ------------------------------
(***************************************************************************)
(* Trace validation of the Java kernel's IPC against spec/Ipc.tla.         *)
(* IpcTraceData (written by the tests) holds the model's constants and     *)
(* Traces: each trace is a sequence of records, one per kernel transition, *)
(* with the action name, its arguments in the spec's terms, whether the    *)
(* kernel carried it out, and the kernel's state mapped to ports, queue,   *)
(* blockedOn, replyCap and caps.  sent and delivered are history           *)
(* variables with no kernel counterpart: the spec computes them along the  *)
(* trace, which also numbers the messages (the kernel logs the number as   *)
(* the message label, and the two must agree).                             *)
(*                                                                         *)
(* TraceNext is the spec's Next constrained to the logged states, as in    *)
(* CapabilitiesTrace: a refused call leaves every variable unchanged and,  *)
(* with its arguments inside the model, must not be enabled in the spec.   *)
(* The failing actions of the spec (TrySendFails, TryReceiveFails,         *)
(* CallFails) are exactly those refusals.  A trace that cannot be followed *)
(* violates Conforms; DiagNext lets the spec compute the successor, and    *)
(* QueueAsLogged... name the variable that differs.                        *)
(***************************************************************************)
EXTENDS Ipc, IpcTraceData, TLC

CONSTANT Only       \* {}: every trace; else the traces to follow (diagnosis)

VARIABLES t, i,     \* the trace being followed, and the position in it
          stuck     \* TRUE once the trace cannot be followed further

TraceSet == IF Only = {} THEN DOMAIN Traces ELSE Only

Log(n) == Traces[t][n]

\* The state the kernel logged, as the spec's variables.
IsLoggedState(l) ==
    ports = l.ports /\ queue = l.queue /\ blockedOn = l.blockedOn /\ replyCap = l.replyCap /\ caps = l.caps
Logged(l) ==
    ports' = l.ports /\ queue' = l.queue /\ blockedOn' = l.blockedOn /\ replyCap' = l.replyCap /\ caps' = l.caps

A(l, n) == l.args[n]

\* A call the kernel refused changes nothing.
Refused(l) == ~l.ok /\ UNCHANGED vars

IsPortCreate(l) == l.ev = "PortCreate" /\ IF l.ok THEN PortCreate(A(l, 1), A(l, 2)) ELSE Refused(l)
IsSend(l) == l.ev = "Send" /\ IF l.ok THEN Send(A(l, 1), A(l, 2), A(l, 3), A(l, 4)) ELSE Refused(l)
IsTrySend(l) == l.ev = "TrySend" /\ IF l.ok THEN TrySend(A(l, 1), A(l, 2), A(l, 3), A(l, 4)) ELSE Refused(l)
IsCall(l) == l.ev = "Call" /\ IF l.ok THEN Call(A(l, 1), A(l, 2), A(l, 3), A(l, 4)) ELSE Refused(l)
IsReceive(l) == l.ev = "Receive" /\ IF l.ok THEN Receive(A(l, 1), A(l, 2)) ELSE Refused(l)
IsTryReceive(l) == l.ev = "TryReceive" /\ IF l.ok THEN TryReceive(A(l, 1), A(l, 2)) ELSE Refused(l)
IsReply(l) == l.ev = "Reply" /\ IF l.ok THEN Reply(A(l, 1)) ELSE Refused(l)

\* The logged event, read as an action of the spec's Next.
IsEvent(l) ==
    \/ IsPortCreate(l) \/ IsSend(l) \/ IsTrySend(l) \/ IsCall(l)
    \/ IsReceive(l) \/ IsTryReceive(l) \/ IsReply(l)

\* For a call the kernel refused: whether the spec would have allowed it.  The
\* kernel picks the port of a create, so any port.
SpecEnables(l) ==
    CASE l.ev = "PortCreate" -> ENABLED \E p \in Ports : PortCreate(A(l, 1), p)
      [] l.ev = "Send" -> ENABLED Send(A(l, 1), A(l, 2), A(l, 3), A(l, 4))
      [] l.ev = "TrySend" -> ENABLED TrySend(A(l, 1), A(l, 2), A(l, 3), A(l, 4))
      [] l.ev = "Call" -> ENABLED Call(A(l, 1), A(l, 2), A(l, 3), A(l, 4))
      [] l.ev = "Receive" -> ENABLED Receive(A(l, 1), A(l, 2))
      [] l.ev = "TryReceive" -> ENABLED TryReceive(A(l, 1), A(l, 2))
      [] l.ev = "Reply" -> ENABLED Reply(A(l, 1))

\* The spec agrees with the kernel's decision to refuse (or not) the call l.
Agrees(l) == ~l.ok /\ l.inModel => ~SpecEnables(l)

TraceInit ==
    /\ t \in TraceSet
    /\ i = 1
    /\ stuck = FALSE
    /\ IsLoggedState(Traces[t][1])
    /\ sent = [u \in Threads |-> [p \in Ports |-> 0]]
    /\ delivered = [p \in Ports |-> <<>>]

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

\* A trace that cannot go on is marked, so that TLC (with -continue) reports each.
CannotFollow(S) ==
    /\ i < Len(Traces[t]) /\ ~stuck
    /\ ~Agrees(Log(i + 1)) \/ ~ENABLED S
    /\ stuck' = TRUE /\ UNCHANGED <<vars, t, i>>

TraceNext == TraceStep \/ Finished \/ CannotFollow(TraceStep)
DiagNext == SpecStep \/ Finished \/ CannotFollow(SpecStep)

\* Every trace can be followed step by step.
Conforms == ~stuck

\* The kernel's state after boot is the spec's initial state.
InitConforms == i = 1 => Init

PortsAsLogged == ports = Log(i).ports
QueueAsLogged == queue = Log(i).queue
BlockedOnAsLogged == blockedOn = Log(i).blockedOn
ReplyCapAsLogged == replyCap = Log(i).replyCap
CapsAsLogged == caps = Log(i).caps
=============================================================================
