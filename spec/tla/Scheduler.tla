----------------------------- MODULE Scheduler ------------------------------
(***************************************************************************)
(* Fixed-priority preemptive scheduling with per-CPU run queues and        *)
(* budgets for real-time threads.                                          *)
(*                                                                         *)
(* Each thread is bound to one CPU and is inactive (not yet admitted, or   *)
(* retired), ready (in its CPU's run queue), running (current on its CPU)  *)
(* or blocked (waiting in IPC).  A CPU runs the first thread of the        *)
(* highest priority in its queue; a thread that becomes ready with a       *)
(* higher priority than the current one preempts it at once.  Each thread *)
(* has a time slice of Slice ticks; when the current thread's slice runs   *)
(* out at a tick it goes behind its equals (round robin) with a new slice. *)
(* A thread keeps what is left of its slice when it is preempted or        *)
(* blocks, and gives it up when it yields.                                 *)
(*                                                                         *)
(* A real-time thread has a budget of ticks per period.  Each tick it runs *)
(* costs one unit; with the budget spent it is put back in the queue and   *)
(* not chosen again until its period ends and Replenish refills it.  Each  *)
(* real-time thread has a period of its own, which starts when the thread  *)
(* is admitted with a full budget: a thread admitted in the middle of      *)
(* another thread's period gets no partial refill.                         *)
(*                                                                         *)
(* A reservation's bandwidth stays spent until the end of its period, as   *)
(* for the budgeted servers of CBS: a thread that retires keeps its period *)
(* running, and admitted again before that period ends it gets back only   *)
(* the budget it had left.  Otherwise retiring and coming back would buy a *)
(* fresh budget each time and starve the ordinary threads below it.        *)
(*                                                                         *)
(* Implemented by dev.keel.kernel.sched.Scheduler (with RunQueue, Tcb);    *)
(* the mapping is in spec/README.md.                                       *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets

CONSTANTS
    Threads,    \* the threads
    CPUs,       \* the processors, each with its own run queue
    Affinity,   \* Affinity[t] is the CPU thread t runs on
    Priority,   \* Priority[t] is the priority of thread t; larger runs first
    RealTime,   \* the real-time threads, which run under a budget
    Budget,     \* the ticks a real-time thread may run per period
    Period,     \* the length of a period, in ticks
    Slice,      \* the time slice: ticks a thread runs before its equals get their turn
    Initial,    \* the threads admitted at boot
    None,       \* marks a CPU with no current thread
    Mutant      \* "none", or the name of one weakened guard (vacuity check)

\* The names of the weakened guards used as vacuity mutants.
Mutants == {"none", "anyPriority", "noPreempt", "unblockAny", "blockKeepsRunning",
            "noBudgetCheck", "noRotate", "noReplenish", "readmitRefills"}

ASSUME /\ Affinity \in [Threads -> CPUs]
       /\ Priority \in [Threads -> Nat]
       /\ RealTime \subseteq Threads /\ Initial \subseteq Threads
       /\ Budget \in Nat \ {0} /\ Period \in Nat \ {0} /\ Budget <= Period
       /\ Slice \in Nat \ {0}
       /\ None \notin Threads
       /\ Mutant \in Mutants

\* The states a thread may be in.
States == {"inactive", "ready", "running", "blocked"}

VARIABLES
    state,      \* state[t] is the scheduling state of thread t
    priority,   \* priority[t] is the priority of thread t (fixed here)
    runQueue,   \* runQueue[c] is the sequence of ready threads of CPU c, oldest first
    current,    \* current[c] is the thread running on CPU c, or None
    budget,     \* budget[t] is what remains of real-time thread t's budget this period
    elapsed,    \* elapsed[t] is the number of ticks of real-time thread t's current period
    slice       \* slice[t] is what remains of thread t's time slice, in ticks

\* All variables, for stuttering and UNCHANGED.
vars == <<state, priority, runQueue, current, budget, elapsed, slice>>

\* The elements of sequence s, as a set.
Elems(s) == {s[i] : i \in 1..Len(s)}

\* Sequence s without thread t.
Without(s, t) == SelectSeq(s, LAMBDA x : x # t)

\* True if thread u may be chosen under states st and budgets bu: ready, with budget left if real-time.
EligibleIn(u, st, bu) == st[u] = "ready" /\ (u \in RealTime => bu[u] > 0)

\* True if thread u may be chosen now.
Eligible(u) == EligibleIn(u, state, budget)

\* The threads of CPU c that may be chosen now.
EligibleOn(c) == {u \in Elems(runQueue[c]) : Eligible(u)}

\* The highest priority among a non-empty set of threads.
MaxPrio(S) == CHOOSE p \in {priority[u] : u \in S} : \A u \in S : priority[u] <= p

\* The thread Schedule picks on CPU c: the oldest eligible thread of the highest priority.
Pick(c) ==
    LET q == runQueue[c]
        top == MaxPrio(EligibleOn(c))
        i == CHOOSE i \in 1..Len(q) :
                /\ Eligible(q[i]) /\ priority[q[i]] = top
                /\ \A j \in 1..(i - 1) : ~(Eligible(q[j]) /\ priority[q[j]] = top)
    IN  q[i]

\* Commits new thread states st, queue q for CPU c and budgets bu; if an eligible
\* thread in q now outranks the current thread, the current thread is preempted
\* to the head of the queue so that Schedule runs the better one.
Settle(c, st, q, bu) ==
    LET cur == current[c]
        outranked == /\ cur # None
                     /\ \E u \in Elems(q) : EligibleIn(u, st, bu) /\ priority[u] > priority[cur]
    IN  IF outranked /\ Mutant # "noPreempt"
        THEN /\ state' = [st EXCEPT ![cur] = "ready"]
             /\ runQueue' = [runQueue EXCEPT ![c] = <<cur>> \o q]
             /\ current' = [current EXCEPT ![c] = None]
             /\ budget' = bu
        ELSE /\ state' = st
             /\ runQueue' = [runQueue EXCEPT ![c] = q]
             /\ budget' = bu
             /\ UNCHANGED current

\* Puts the current thread of CPU c at the back of its queue and leaves the CPU free.
Requeue(c) ==
    LET cur == current[c] IN
    /\ state' = [state EXCEPT ![cur] = "ready"]
    /\ runQueue' = [runQueue EXCEPT ![c] = Append(runQueue[c], cur)]
    /\ current' = [current EXCEPT ![c] = None]

-----------------------------------------------------------------------------
\* Every thread has a valid state, each queue holds threads, each CPU at most one current thread.
TypeOK ==
    /\ state \in [Threads -> States]
    /\ priority = Priority
    /\ runQueue \in [CPUs -> Seq(Threads)]
    /\ current \in [CPUs -> Threads \cup {None}]
    /\ budget \in [RealTime -> 0..Budget]
    /\ elapsed \in [RealTime -> 0..Period]
    /\ slice \in [Threads -> 1..Slice]

\* The sequences that hold every element of finite set S once.
Orderings(S) == {q \in [1..Cardinality(S) -> S] : Elems(q) = S}

\* At boot the initial threads are ready in their queues, in a fixed order, with
\* full budgets, full slices and their first period starting; no CPU runs anything
\* yet.  The other real-time threads have no period running (elapsed is a whole
\* period).
Init ==
    /\ state = [t \in Threads |-> IF t \in Initial THEN "ready" ELSE "inactive"]
    /\ priority = Priority
    /\ runQueue = [c \in CPUs |->
                     CHOOSE q \in Orderings({t \in Initial : Affinity[t] = c}) : TRUE]
    /\ current = [c \in CPUs |-> None]
    /\ budget = [t \in RealTime |-> Budget]
    /\ elapsed = [t \in RealTime |-> IF t \in Initial THEN 0 ELSE Period]
    /\ slice = [t \in Threads |-> Slice]

-----------------------------------------------------------------------------
\* True if real-time thread t has no period running: its last one has ended.
PeriodOver(t) == elapsed[t] = Period

\* The kernel admits inactive thread t: it becomes ready with a full slice.  A
\* real-time thread whose last period has ended starts a new one now, with its
\* full budget; one retired within its period resumes that period with the
\* budget it had left.
Admit(t) ==
    LET c == Affinity[t]
        fresh == t \in RealTime /\ (PeriodOver(t) \/ Mutant = "readmitRefills")
    IN
    /\ state[t] = "inactive"
    /\ Settle(c, [state EXCEPT ![t] = "ready"], Append(runQueue[c], t),
              IF fresh THEN [budget EXCEPT ![t] = Budget] ELSE budget)
    /\ elapsed' = IF fresh THEN [elapsed EXCEPT ![t] = 0] ELSE elapsed
    /\ slice' = [slice EXCEPT ![t] = Slice]
    /\ UNCHANGED priority

\* The thread running on CPU c ends; it leaves the scheduler, and its slice is
\* full again, as an inactive thread's always is.  A real-time thread's period
\* keeps running to its end, and its budget stays as spent: the bandwidth it
\* reserved is not free again before that.
Retire(c) ==
    LET cur == current[c] IN
    /\ cur # None
    /\ state' = [state EXCEPT ![cur] = "inactive"]
    /\ current' = [current EXCEPT ![c] = None]
    /\ slice' = [slice EXCEPT ![cur] = Slice]
    /\ UNCHANGED <<priority, runQueue, budget, elapsed>>

\* The real-time threads of CPU c whose periods run on its clock: the admitted
\* ones, and the retired ones until their period ends.
Clocked(c) == {t \in RealTime : Affinity[t] = c /\ (state[t] # "inactive" \/ ~PeriodOver(t))}

\* The timer of CPU c ticks: the current thread spends one tick of its slice,
\* and a real-time one a unit of its budget; it is requeued when its budget is
\* gone, or when its slice runs out and an eligible equal waits in the queue
\* (round robin); a slice that runs out starts again full (the kernel requeues
\* the thread and, with no equal waiting, runs it again at once).  Every
\* clocked real-time thread of the CPU (admitted, or retired within its period)
\* is one tick further into its period.
\* The kernel schedules before it returns to user mode, so no tick finds the
\* CPU idle while a thread could run, and refills a budget in the tick that
\* ends its period.
Tick(c) ==
    LET cur == current[c]
        spent == cur \in RealTime /\ budget[cur] = 1 /\ Mutant # "noBudgetCheck"
        expired == cur # None /\ slice[cur] = 1
        peer == \E u \in EligibleOn(c) : priority[u] = priority[cur]
    IN
    /\ \A t \in Clocked(c) : elapsed[t] < Period
    /\ cur = None => EligibleOn(c) = {}
    /\ elapsed' = [t \in RealTime |-> IF t \in Clocked(c) THEN elapsed[t] + 1 ELSE elapsed[t]]
    /\ budget' = IF cur \in RealTime /\ budget[cur] > 0
                 THEN [budget EXCEPT ![cur] = budget[cur] - 1] ELSE budget
    /\ slice' = IF cur = None THEN slice
                ELSE [slice EXCEPT ![cur] = IF expired THEN Slice ELSE @ - 1]
    /\ IF cur # None /\ (spent \/ (expired /\ peer /\ Mutant # "noRotate"))
       THEN Requeue(c)
       ELSE UNCHANGED <<state, runQueue, current>>
    /\ UNCHANGED priority

\* The current thread of CPU c gives up the processor and the rest of its slice,
\* and goes behind its equals with a new slice.
Yield(c) ==
    /\ current[c] # None
    /\ Requeue(c)
    /\ slice' = [slice EXCEPT ![current[c]] = Slice]
    /\ UNCHANGED <<priority, budget, elapsed>>

\* The current thread of CPU c blocks in IPC and stops running.
Block(c) ==
    LET cur == current[c] IN
    /\ cur # None
    /\ state' = [state EXCEPT ![cur] = "blocked"]
    /\ current' = IF Mutant = "blockKeepsRunning" THEN current
                  ELSE [current EXCEPT ![c] = None]
    /\ UNCHANGED <<priority, runQueue, budget, elapsed, slice>>

\* IPC wakes blocked thread t: it joins the back of its queue and preempts a
\* lower-priority current thread.
Unblock(t) ==
    LET c == Affinity[t] IN
    /\ \/ state[t] = "blocked"
       \/ Mutant = "unblockAny" /\ state[t] = "ready"
    /\ Settle(c, [state EXCEPT ![t] = "ready"], Append(runQueue[c], t), budget)
    /\ UNCHANGED <<priority, elapsed, slice>>

\* CPU c has no current thread and runs the oldest eligible thread of the highest priority.
Schedule(c) ==
    /\ current[c] = None
    /\ EligibleOn(c) # {}
    /\ \E t \in EligibleOn(c) :
          /\ IF Mutant = "anyPriority" THEN TRUE ELSE t = Pick(c)
          /\ state' = [state EXCEPT ![t] = "running"]
          /\ runQueue' = [runQueue EXCEPT ![c] = Without(runQueue[c], t)]
          /\ current' = [current EXCEPT ![c] = t]
    /\ UNCHANGED <<priority, budget, elapsed, slice>>

\* The period of admitted real-time thread t ends: it gets its budget back and its
\* next period starts; if it now outranks the current thread of its CPU, it
\* preempts it.  A retired thread's period just ends (Tick stops its clock);
\* Admit gives it its next one.
Replenish(t) ==
    LET refilled == IF Mutant = "noReplenish" THEN budget ELSE [budget EXCEPT ![t] = Budget]
    IN
    /\ t \in RealTime /\ state[t] # "inactive"
    /\ elapsed[t] = Period
    /\ elapsed' = [elapsed EXCEPT ![t] = 0]
    /\ Settle(Affinity[t], state, runQueue[Affinity[t]], refilled)
    /\ UNCHANGED <<priority, slice>>

-----------------------------------------------------------------------------
\* Every step is a scheduler operation on some thread or CPU.
Next ==
    \/ \E t \in Threads : Admit(t) \/ Unblock(t) \/ Replenish(t)
    \/ \E c \in CPUs : Retire(c) \/ Tick(c) \/ Yield(c) \/ Block(c) \/ Schedule(c)

\* The scheduler's safety part: boot state, then any sequence of operations.
SafetySpec == Init /\ [][Next]_vars

\* The kernel always schedules a free CPU and periods always end.  Time always
\* advances: threads cannot make infinitely many calls between two ticks, so a
\* tick enabled again and again eventually happens (strong fairness).
Fairness == /\ \A c \in CPUs : WF_vars(Schedule(c)) /\ SF_vars(Tick(c))
            /\ \A t \in RealTime : WF_vars(Replenish(t))

\* The scheduler, with the fairness the kernel provides.
Spec == SafetySpec /\ Fairness

-----------------------------------------------------------------------------
\* The thread running on a CPU has the highest priority among the threads it could run instead.
RunningIsHighest ==
    \A c \in CPUs : current[c] # None =>
        \A u \in EligibleOn(c) : priority[u] <= priority[current[c]]

\* A thread is in at most one queue, at most once, on its own CPU, and not while it runs.
InAtMostOneQueue ==
    \A c \in CPUs :
        /\ \A i, j \in 1..Len(runQueue[c]) : i # j => runQueue[c][i] # runQueue[c][j]
        /\ \A i \in 1..Len(runQueue[c]) : Affinity[runQueue[c][i]] = c
        /\ current[c] \notin Elems(runQueue[c])

\* A blocked thread never runs: the current threads are exactly the running ones.
BlockedNeverRuns ==
    /\ \A c \in CPUs : current[c] # None => state[current[c]] = "running"
    /\ \A t \in Threads : state[t] = "running" => current[Affinity[t]] = t

\* A real-time thread with its budget spent never runs.
BudgetEnforced ==
    \A c \in CPUs : current[c] \in RealTime => budget[current[c]] > 0

\* The queues hold exactly the ready threads.
QueuesHoldReady ==
    \A t \in Threads : state[t] = "ready" <=> t \in Elems(runQueue[Affinity[t]])

\* The invariants, numbered so that TLC names the one that fails.
Inv1 == RunningIsHighest
Inv2 == InAtMostOneQueue
Inv3 == BlockedNeverRuns
Inv4 == BudgetEnforced
Inv5 == QueuesHoldReady

\* The highest priority of the ordinary (not real-time) threads of CPU c.
TopPriority(c) == MaxPrio({u \in Threads \ RealTime : Affinity[u] = c})

\* Round robin: every ready ordinary thread at the top priority eventually runs.
\* This holds however often real-time threads retire and are admitted again,
\* because a re-admitted thread gets no budget its period has not earned.
RoundRobin ==
    \A t \in Threads \ RealTime :
        priority[t] = TopPriority(Affinity[t]) => (state[t] = "ready" ~> state[t] = "running")

\* Every ready real-time thread eventually runs: budgets come back each period.
RealTimeServed ==
    \A t \in RealTime : state[t] = "ready" ~> state[t] = "running"
=============================================================================
