--------------------------- MODULE SchedulerReach ---------------------------
\* The small model of spec/Scheduler.tla as it is, to count its reachable states.
EXTENDS MCScheduler
=============================================================================
