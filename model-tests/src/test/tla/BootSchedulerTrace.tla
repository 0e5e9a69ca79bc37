------------------------- MODULE BootSchedulerTrace -------------------------
(***************************************************************************)
(* Trace validation of the booted kernel's scheduler against               *)
(* spec/Scheduler.tla.  BootSchedulerTraceData (written by the tests from  *)
(* the kernel's COM2 trace) holds the constants (the threads the trace     *)
(* names, their priorities, one CPU, no real-time thread, the kernel's     *)
(* time slice) and Traces: each trace is a window of the booted run.  Its  *)
(* first record is the state it starts from; each later record is one      *)
(* kernel entry: the spec actions the kernel carried out (ops) and the     *)
(* state on the way out (after the kernel's reschedule).  The ops are      *)
(* taken one by one (phase "op"), then the spec's Replenish and Schedule   *)
(* steps while due (phase "settle"), and then the state must match the     *)
(* log.  A window that cannot be followed takes Stuck, which violates      *)
(* Conforms.                                                               *)
(*                                                                         *)
(* The kernel's trace does not show the time slices, so a window must      *)
(* start where they are known: at Init, where no thread is admitted yet    *)
(* (StartsAtInit); the tests check the booted run as one window.           *)
(***************************************************************************)
EXTENDS Scheduler, BootSchedulerTraceData, Sequences, TLC

VARIABLES t, i, j, phase, stuck

Log(n) == Traces[t][n]

\* Sequence q split by priority, as the kernel keeps it.
ByPriority(q) == [p \in {priority[u] : u \in Elems(q)} |-> SelectSeq(q, LAMBDA u : priority[u] = p)]

\* The spec's state agrees with logged record l.
Matches(l) ==
    /\ state = l.state
    /\ current = l.current
    /\ \A c \in CPUs : ByPriority(runQueue[c]) = l.rqp[c]

\* The spec's action for logged op o: <<name, thread or CPU>>.  Block and Retire
\* act on the current thread of a CPU, which must be the logged thread.
IsOp(o) ==
    CASE o[1] = "Admit" -> Admit(o[2])
      [] o[1] = "Unblock" -> Unblock(o[2])
      [] o[1] = "Block" -> \E c \in CPUs : current[c] = o[2] /\ Block(c)
      [] o[1] = "Retire" -> \E c \in CPUs : current[c] = o[2] /\ Retire(c)
      [] o[1] = "Yield" -> Yield(o[2])
      [] o[1] = "Tick" -> Tick(o[2])

\* A window starts in its first record's state (rq: the run queue, highest priority first).
FromLog(l) ==
    /\ state = l.state
    /\ priority = Priority
    /\ current = l.current
    /\ runQueue = l.rq
    /\ budget = [u \in RealTime |-> Budget]
    /\ elapsed = [u \in RealTime |-> 0]
    /\ slice = [u \in Threads |-> Slice]

\* A window starts where no thread is admitted yet, so every slice is full.
StartsAtInit(l) == \A u \in Threads : l.state[u] = "inactive"

\* Every window starts at Init (a later start would have to guess the slices).
WindowAtInit == StartsAtInit(Log(1))

Due(c) == current[c] = None /\ EligibleOn(c) # {}

TraceInit == t \in DOMAIN Traces /\ i = 1 /\ j = 0 /\ phase = "op" /\ stuck = FALSE /\ FromLog(Log(1))

OpStep ==
    /\ phase = "op" /\ i < Len(Traces[t]) /\ j < Len(Log(i + 1).args)
    /\ IsOp(Log(i + 1).args[j + 1])
    /\ j' = j + 1
    /\ UNCHANGED <<t, i, phase, stuck>>

EndOps ==
    /\ phase = "op" /\ i < Len(Traces[t]) /\ j = Len(Log(i + 1).args)
    /\ i' = i + 1 /\ j' = 0 /\ phase' = "settle"
    /\ UNCHANGED <<vars, t, stuck>>

SettleStep ==
    /\ phase = "settle"
    /\ IF \E u \in RealTime : state[u] # "inactive" /\ elapsed[u] = Period
       THEN \E u \in RealTime : Replenish(u) /\ UNCHANGED <<t, i, j, phase, stuck>>
       ELSE IF \E c \in CPUs : Due(c)
       THEN \E c \in CPUs : Due(c) /\ Schedule(c) /\ UNCHANGED <<t, i, j, phase, stuck>>
       ELSE Matches(Log(i)) /\ phase' = "op" /\ UNCHANGED <<vars, t, i, j, stuck>>

Finished == phase = "op" /\ i = Len(Traces[t]) /\ UNCHANGED <<vars, t, i, j, phase, stuck>>

Stuck == /\ ~stuck /\ ~ENABLED (OpStep \/ EndOps \/ SettleStep \/ Finished)
         /\ stuck' = TRUE /\ UNCHANGED <<vars, t, i, j, phase>>

TraceNext == OpStep \/ EndOps \/ SettleStep \/ Finished \/ Stuck

\* Every window can be followed to its end.
Conforms == ~stuck
=============================================================================
