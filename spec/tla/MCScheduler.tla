---------------------------- MODULE MCScheduler -----------------------------
(***************************************************************************)
(* Bounds for model-checking Scheduler.  Small: one CPU, a real-time       *)
(* thread above two ordinary equals.  Deep: two CPUs, five threads.        *)
(***************************************************************************)
EXTENDS Scheduler

\* Small: one CPU.
SmallCPUs == {"c1"}

\* Small: three threads.
SmallThreads == {"rt", "a", "b"}

\* Small: everything on c1.
SmallAffinity == [t \in SmallThreads |-> "c1"]

\* Small: the real-time thread above the two ordinary ones.
SmallPriority == [t \in SmallThreads |-> IF t = "rt" THEN 2 ELSE 1]

\* Deep: two CPUs.
DeepCPUs == {"c1", "c2"}

\* Deep: five threads.
DeepThreads == {"rt", "a", "b", "x", "y"}

\* Deep: rt, a, b on c1; x, y on c2.
DeepAffinity == [t \in DeepThreads |-> IF t \in {"x", "y"} THEN "c2" ELSE "c1"]

\* Deep: rt highest; x above y on c2.
DeepPriority == [t \in DeepThreads |-> CASE t = "rt" -> 3 [] t = "x" -> 2 [] OTHER -> 1]
=============================================================================
