--------------------------- MODULE SchedulerTrace ---------------------------
(***************************************************************************)
(* Trace validation of the kernel's scheduler against spec/Scheduler.tla   *)
(* (small model).  SchedulerTraceData, written by the tests, holds Traces: *)
(* one record per scheduler event (a thread created or exiting, a tick, a  *)
(* yield, a block or wake-up in IPC), with the state the kernel shows      *)
(* after it has rescheduled: state, current, the run queue per priority    *)
(* (rqp), the budgets of admitted real-time threads, the ticks of each     *)
(* real-time thread's own period (elapsed) and each thread's time slice    *)
(* left (slice; the kernel runs with the model's Slice).                   *)
(*                                                                         *)
(* The kernel refills a budget inside the tick that ends the thread's own  *)
(* period and reschedules before it returns to user mode; the spec makes   *)
(* Replenish and Schedule steps of their own.  So one logged event is the  *)
(* spec's action (phase "op"), then the spec's Replenish and Schedule      *)
(* steps while they are due (phase "settle"), and then the state must      *)
(* match the log.                                                          *)
(* A trace that cannot be followed takes the Stuck step; with -continue    *)
(* TLC reports each such trace as a violation of Conforms, and the last    *)
(* state of the report is the spec's state where it stopped.               *)
(***************************************************************************)
EXTENDS MCScheduler, SchedulerTraceData, Sequences, TLC

VARIABLES t, i, phase, stuck

TraceSet == DOMAIN Traces
Log(n) == Traces[t][n]

\* Sequence q split by priority, as the kernel keeps it.
ByPriority(q) == [p \in {priority[u] : u \in Elems(q)} |-> SelectSeq(q, LAMBDA u : priority[u] = p)]

\* The spec's state agrees with logged record l.
Matches(l) ==
    /\ state = l.state
    /\ current = l.current
    /\ \A c \in CPUs : ByPriority(runQueue[c]) = l.rqp[c]
    /\ \A u \in DOMAIN l.budget : budget[u] = l.budget[u]
    /\ elapsed = l.elapsed
    /\ slice = l.slice

\* The spec's action for logged event l.
IsEvent(l) ==
    CASE l.ev = "Admit" -> Admit(l.args[1])
      [] l.ev = "Unblock" -> Unblock(l.args[1])
      [] l.ev = "Retire" -> Retire(l.args[1])
      [] l.ev = "Tick" -> Tick(l.args[1])
      [] l.ev = "Yield" -> Yield(l.args[1])
      [] l.ev = "Block" -> Block(l.args[1])

Due(c) == current[c] = None /\ EligibleOn(c) # {}

TraceInit == t \in TraceSet /\ i = 1 /\ Init /\ phase = "settle" /\ stuck = FALSE

OpStep ==
    /\ phase = "op" /\ i < Len(Traces[t])
    /\ IsEvent(Log(i + 1))
    /\ i' = i + 1 /\ phase' = "settle"
    /\ UNCHANGED <<t, stuck>>

SettleStep ==
    /\ phase = "settle"
    /\ IF \E u \in RealTime : state[u] # "inactive" /\ elapsed[u] = Period
       THEN \E u \in RealTime : Replenish(u) /\ UNCHANGED <<t, i, phase, stuck>>
       ELSE IF \E c \in CPUs : Due(c)
       THEN \E c \in CPUs : Due(c) /\ Schedule(c) /\ UNCHANGED <<t, i, phase, stuck>>
       ELSE Matches(Log(i)) /\ phase' = "op" /\ UNCHANGED <<vars, t, i, stuck>>

Finished == phase = "op" /\ i = Len(Traces[t]) /\ UNCHANGED <<vars, t, i, phase, stuck>>

Stuck == /\ ~stuck /\ ~ENABLED (OpStep \/ SettleStep \/ Finished)
         /\ stuck' = TRUE /\ UNCHANGED <<vars, t, i, phase>>

TraceNext == OpStep \/ SettleStep \/ Finished \/ Stuck

\* Every trace can be followed to its end.
Conforms == ~stuck
=============================================================================
