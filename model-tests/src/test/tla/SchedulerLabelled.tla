-------------------------- MODULE SchedulerLabelled --------------------------
(***************************************************************************)
(* The small model of spec/Scheduler.tla with one more variable, act: the  *)
(* action of the last step and its argument.  TLC's simulation of this     *)
(* module writes the traces that the conformance tests replay on the       *)
(* kernel's scheduler.  LNext has one disjunct per disjunct of Next, and   *)
(* follows the kernel's order on one CPU: the kernel refills a budget in   *)
(* the tick that ends the thread's own period and reschedules before it    *)
(* returns to user mode, so while a period end or a reschedule is pending  *)
(* only Replenish, then Schedule, may happen (KernelOrder).                *)
(***************************************************************************)
EXTENDS MCScheduler

VARIABLE act

LInit == Init /\ act = <<"Init">>

\* A thread's period end, or an idle CPU with an eligible thread, waits for the kernel.
PeriodEnd == \E t \in RealTime : state[t] # "inactive" /\ elapsed[t] = Period
Pending == \E c \in CPUs : current[c] = None /\ EligibleOn(c) # {}

AnyStep ==
    \/ \E t \in Threads :
          \/ Admit(t) /\ act' = <<"Admit", t>>
          \/ Unblock(t) /\ act' = <<"Unblock", t>>
          \/ Replenish(t) /\ act' = <<"Replenish", t>>
    \/ \E c \in CPUs :
          \/ Retire(c) /\ act' = <<"Retire", c>>
          \/ Tick(c) /\ act' = <<"Tick", c>>
          \/ Yield(c) /\ act' = <<"Yield", c>>
          \/ Block(c) /\ act' = <<"Block", c>>
          \/ Schedule(c) /\ act' = <<"Schedule", c>>

KernelOrder ==
    IF PeriodEnd THEN \E t \in RealTime : Replenish(t) /\ act' = <<"Replenish", t>>
    ELSE IF Pending THEN \E c \in CPUs : Schedule(c) /\ act' = <<"Schedule", c>>
    ELSE AnyStep

LNext == KernelOrder
=============================================================================
