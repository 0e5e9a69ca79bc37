-------------------------------- MODULE Ipc ---------------------------------
(***************************************************************************)
(* Message passing through ports.                                          *)
(*                                                                         *)
(* A port is a bounded FIFO queue of messages.  The thread that creates a  *)
(* port holds every right to it: receive (read), send (write) and grant.   *)
(* Send blocks while the queue is full, Receive blocks while it is empty;  *)
(* TrySend and TryReceive return an error instead.  A message sent to a    *)
(* port with a blocked receiver is handed over at once.  A message         *)
(* carries the badge of the send capability it went through and may       *)
(* carry one capability to a port, as the sender holds it (rights and      *)
(* badge); that needs the grant right on the send capability.  Fewer       *)
(* rights are passed by minting a diminished copy first (Capabilities).    *)
(* The receive right travels like the others, so a port may have several  *)
(* receivers (fork gives a child its parent's too).                        *)
(*                                                                         *)
(* Call sends and blocks until the receiver answers with Reply, through a  *)
(* one-shot reply capability the receiver gets with the message.          *)
(*                                                                         *)
(* Deadlock: a Call that would close a cycle of threads blocked in call    *)
(* (with several receivers on a port, a set of callers each waiting only   *)
(* for others of the set) fails with DEADLOCK and changes nothing.  The kernel does not panic:    *)
(* such a cycle is built by user programs, and user input must never       *)
(* bring the kernel down; panics are kept for corrupted kernel state,      *)
(* hardware faults and security violations found inside the kernel.        *)
(*                                                                         *)
(* Implemented by dev.keel.kernel.ipc.Ipc (with Port, Message); the        *)
(* mapping is in spec/README.md.                                           *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets

CONSTANTS
    Threads,    \* the threads that send and receive
    Ports,      \* the ports that may come to exist
    InitPorts,  \* the ports created at boot
    InitCaps,   \* InitCaps[t][p] is the set of capabilities thread t holds to port p at boot
    QueueLen,   \* the capacity of every port's queue
    MaxSends,   \* bound on the messages one thread sends to one port (model bound)
    None,       \* marks "no thread", "no port"
    Mutant      \* "none", or the name of one weakened guard (vacuity check)

\* The rights a port capability may carry: read is the receive right.
Rights == {"read", "write", "grant"}

\* A capability to a port: its rights and its badge (0: unbadged).  Which
\* port it names is where it is held: caps[t][p] are thread t's capabilities
\* to port p.  Two capabilities with the same rights and badge are one here.
Caps == [rights : SUBSET Rights, badge : Nat]

\* The names of the weakened guards used as vacuity mutants.
Mutants == {"none", "trySendDrops", "receiveKeepsHead", "receiveAnySlot", "noReadCheck",
            "noGrantCheck", "replyKeepsCap", "noDeadlockCheck", "anonymous"}

ASSUME /\ InitPorts \subseteq Ports
       /\ InitCaps \in [Threads -> [Ports -> SUBSET Caps]]
       /\ QueueLen \in Nat \ {0} /\ MaxSends \in Nat \ {0}
       /\ None \notin Threads
       /\ Mutant \in Mutants

\* The capability a message may carry: a port, rights to it and a badge.
Xfers == [port : Ports, rights : SUBSET Rights, badge : Nat]

\* A message that carries no capability.
NoXfer == [port |-> None, rights |-> {}, badge |-> 0]

\* The blocking state of a thread that is not blocked in IPC.
NotBlocked == [op |-> "none", port |-> None]

VARIABLES
    queue,      \* queue[p] is the sequence of messages waiting in port p, oldest first
    blockedOn,  \* blockedOn[t] is NotBlocked, or [op |-> "recv" or "call", port |-> p]
    replyCap,   \* replyCap[t] is the caller thread t may answer with Reply, or None
    caps,       \* caps[t][p] is the set of capabilities thread t holds to port p
    ports,      \* the set of created ports
    sent,       \* sent[t][p] counts the messages t sent to p (numbers each message)
    delivered   \* delivered[p] is the sequence [from, seq, to] of messages received from p

\* All variables, for stuttering and UNCHANGED.
vars == <<queue, blockedOn, replyCap, caps, ports, sent, delivered>>

\* The elements of sequence s, as a set.
Elems(s) == {s[i] : i \in 1..Len(s)}

\* Sequence s without its i-th element.
Drop(s, i) == SubSeq(s, 1, i - 1) \o SubSeq(s, i + 1, Len(s))

\* The rights thread t holds to port p, through any of its capabilities.
Held(t, p) == UNION {c.rights : c \in caps[t][p]}

\* Thread t's capabilities to port p that it may send through.
SendCaps(t, p) == {c \in caps[t][p] : "write" \in c.rights}

\* The threads that hold the receive right to port p.
Receivers(p) == {u \in Threads : "read" \in Held(u, p)}

\* True if thread t is running, so that it can make a system call.
Running(t) == blockedOn[t] = NotBlocked

\* The threads a thread blocked in call waits for: the holder of its reply
\* capability once its message is received, until then the port's receivers.
WaitsFor(t) ==
    IF blockedOn[t].op # "call" THEN {}
    ELSE LET holders == {u \in Threads : replyCap[u] = t}
         IN  IF holders # {} THEN holders ELSE Receivers(blockedOn[t].port)

\* WaitsFor as a function.
WaitsForFn == [u \in Threads |-> WaitsFor(u)]

\* The threads blocked in call.
CallBlocked == {u \in Threads : blockedOn[u].op = "call"}

\* The largest subset of the threads D blocked in call, under the waits-for
\* function W, each of which waits only for threads of the subset: none of them
\* can ever be answered.  With one receiver per port this is a cycle of calls
\* and the threads whose calls lead into it.
RECURSIVE Stuck(_, _)
Stuck(D, W) ==
    LET E == {u \in D : W[u] \subseteq D}
    IN  IF E = D THEN D ELSE Stuck(E, W)

\* True if thread t calling port p would close a cycle: every receiver of p is
\* t itself or waits, through threads blocked in call, only for t and threads
\* that wait in turn.
WouldDeadlock(t, p) ==
    /\ Receivers(p) # {}
    /\ t \in Stuck({u \in CallBlocked : WaitsFor(u) # {}} \cup {t},
                  [WaitsForFn EXCEPT ![t] = Receivers(p)])

\* The capabilities to port q that thread t may pass on: each of its own with
\* some right, as it is.
XfersOf(t, q) ==
    {[port |-> q, rights |-> d.rights, badge |-> d.badge] : d \in {e \in caps[t][q] : e.rights # {}}}

\* The capabilities thread t may put into a message it sends through its send
\* capability c: none, or, if c has grant, one it holds to some port (one with
\* the receive right too).
XfersFrom(t, c) ==
    {NoXfer} \cup
    IF Mutant # "noGrantCheck" /\ "grant" \notin c.rights THEN {}
    ELSE UNION {XfersOf(t, q) : q \in ports}

\* The message thread t sends to p next through its send capability c,
\* carrying capability x; call marks a Call.
NewMsg(t, p, c, x, call) ==
    [from |-> t, seq |-> sent[t][p] + 1,
     badge |-> IF Mutant = "anonymous" THEN 0 ELSE c.badge, call |-> call, xfer |-> x]

\* The capabilities thread r holds after receiving message m.
Gain(r, m) ==
    IF m.xfer = NoXfer THEN caps[r]
    ELSE [caps[r] EXCEPT ![m.xfer.port] = @ \cup {[rights |-> m.xfer.rights, badge |-> m.xfer.badge]}]

\* The caller whose call fails when thread r receives message m: a call handed
\* to a thread that still holds a reply capability replaces it, and the
\* unanswered caller wakes with an error (DEAD_OBJECT in the kernel).
Dropped(r, m) == IF m.call /\ replyCap[r] # None THEN {replyCap[r]} ELSE {}

\* Blocking states b, with the caller dropped by r's receipt of m no longer blocked.
Release(b, r, m) == [u \in Threads |-> IF u \in Dropped(r, m) THEN NotBlocked ELSE b[u]]

\* Message m from port p reaches thread r: r records it, gains its capability
\* and, for a call, the reply capability to the caller (see Dropped).
Deliver(r, p, m) ==
    /\ delivered' = [delivered EXCEPT ![p] = Append(@, [from |-> m.from, seq |-> m.seq, to |-> r])]
    /\ caps' = [caps EXCEPT ![r] = Gain(r, m)]
    /\ replyCap' = IF m.call THEN [replyCap EXCEPT ![r] = m.from] ELSE replyCap

\* The threads blocked receiving on port p; a message goes to any one of them.
Waiting(p) == {u \in Threads : blockedOn[u] = [op |-> "recv", port |-> p]}

\* Thread t's message m enters port p: handed to a blocked receiver, or queued.
\* The sender's own blocking state is set by the caller of Post.
Post(t, p, m, senderBlock) ==
    /\ sent' = [sent EXCEPT ![t][p] = @ + 1]
    /\ IF Waiting(p) # {}
       THEN LET r == CHOOSE u \in Waiting(p) : TRUE IN
            /\ Deliver(r, p, m)
            /\ blockedOn' = Release([blockedOn EXCEPT ![r] = NotBlocked, ![t] = senderBlock], r, m)
            /\ UNCHANGED queue
       ELSE /\ Len(queue[p]) < QueueLen
            /\ queue' = [queue EXCEPT ![p] = Append(@, m)]
            /\ blockedOn' = [blockedOn EXCEPT ![t] = senderBlock]
            /\ UNCHANGED <<caps, replyCap, delivered>>

\* True if thread t may send to port p: it runs, holds write, and is within the model bound.
CanSend(t, p) ==
    /\ Running(t) /\ p \in ports
    /\ SendCaps(t, p) # {}
    /\ sent[t][p] < MaxSends

-----------------------------------------------------------------------------
\* Queues hold messages, blocked threads name ports, rights are sets.
TypeOK ==
    /\ ports \subseteq Ports
    /\ queue \in [Ports -> Seq([from : Threads, seq : 1..MaxSends, badge : Nat,
                                call : BOOLEAN, xfer : Xfers \cup {NoXfer}])]
    /\ \A p \in Ports : Len(queue[p]) <= QueueLen
    /\ blockedOn \in [Threads -> {NotBlocked} \cup [op : {"recv", "call"}, port : Ports]]
    /\ replyCap \in [Threads -> Threads \cup {None}]
    /\ caps \in [Threads -> [Ports -> SUBSET Caps]]
    /\ sent \in [Threads -> [Ports -> 0..MaxSends]]

\* At boot the initial ports exist, empty, and threads hold their initial rights.
Init ==
    /\ ports = InitPorts
    /\ queue = [p \in Ports |-> <<>>]
    /\ blockedOn = [t \in Threads |-> NotBlocked]
    /\ replyCap = [t \in Threads |-> None]
    /\ caps = InitCaps
    /\ sent = [t \in Threads |-> [p \in Ports |-> 0]]
    /\ delivered = [p \in Ports |-> <<>>]

-----------------------------------------------------------------------------
\* Thread t creates port p and receives an unbadged capability with every right to it.
PortCreate(t, p) ==
    /\ Running(t) /\ p \notin ports
    /\ ports' = ports \cup {p}
    /\ caps' = [caps EXCEPT ![t][p] = {[rights |-> Rights, badge |-> 0]}]
    /\ UNCHANGED <<queue, blockedOn, replyCap, sent, delivered>>

\* Thread t sends to port p through its send capability c, carrying capability
\* x; it waits while the queue is full.
Send(t, p, c, x) ==
    /\ CanSend(t, p) /\ c \in SendCaps(t, p) /\ x \in XfersFrom(t, c)
    /\ Post(t, p, NewMsg(t, p, c, x, FALSE), NotBlocked)
    /\ UNCHANGED ports

\* Thread t sends to port p without waiting; on a full queue the call fails with
\* FULL and changes nothing (see TrySendFails).
TrySend(t, p, c, x) ==
    /\ CanSend(t, p) /\ c \in SendCaps(t, p) /\ x \in XfersFrom(t, c)
    /\ IF Len(queue[p]) = QueueLen /\ Waiting(p) = {}
       THEN /\ Mutant = "trySendDrops"
            /\ sent' = [sent EXCEPT ![t][p] = @ + 1]
            /\ UNCHANGED <<queue, blockedOn, replyCap, caps, delivered>>
       ELSE Post(t, p, NewMsg(t, p, c, x, FALSE), NotBlocked)
    /\ UNCHANGED ports

\* TrySend on a full queue: the error FULL, no change.
TrySendFails(t, p) ==
    /\ CanSend(t, p) /\ Len(queue[p]) = QueueLen /\ Waiting(p) = {}
    /\ UNCHANGED vars

\* Thread t takes the oldest message of port p, or blocks until one comes.  A
\* server may receive again before it replies (see Dropped).
Receive(t, p) ==
    /\ Running(t) /\ p \in ports
    /\ Mutant # "noReadCheck" => "read" \in Held(t, p)
    /\ IF queue[p] = <<>>
       THEN /\ blockedOn' = [blockedOn EXCEPT ![t] = [op |-> "recv", port |-> p]]
            /\ UNCHANGED <<queue, replyCap, caps, delivered>>
       ELSE /\ \E i \in 1..Len(queue[p]) :
                 /\ i = 1 \/ Mutant = "receiveAnySlot"
                 /\ Deliver(t, p, queue[p][i])
                 /\ blockedOn' = Release(blockedOn, t, queue[p][i])
                 /\ queue' = IF Mutant = "receiveKeepsHead" THEN queue
                             ELSE [queue EXCEPT ![p] = Drop(@, i)]
    /\ UNCHANGED <<ports, sent>>

\* Thread t takes the oldest message of port p; on an empty queue it fails with
\* EMPTY and changes nothing (see TryReceiveFails).
TryReceive(t, p) ==
    /\ queue[p] # <<>>
    /\ Receive(t, p)

\* TryReceive on an empty queue: the error EMPTY, no change.
TryReceiveFails(t, p) ==
    /\ Running(t) /\ p \in ports /\ "read" \in Held(t, p) /\ queue[p] = <<>>
    /\ UNCHANGED vars

\* Thread t sends a call to port p and blocks until the receiver replies; a call
\* that would close a cycle of callers is refused (see CallFails).
Call(t, p, c, x) ==
    /\ CanSend(t, p) /\ c \in SendCaps(t, p) /\ x \in XfersFrom(t, c)
    /\ Mutant # "noDeadlockCheck" => ~WouldDeadlock(t, p)
    /\ Post(t, p, NewMsg(t, p, c, x, TRUE), [op |-> "call", port |-> p])
    /\ UNCHANGED ports

\* A call that would close a cycle: the error DEADLOCK, no change.
CallFails(t, p) ==
    /\ CanSend(t, p) /\ WouldDeadlock(t, p)
    /\ UNCHANGED vars

\* Thread t answers the caller it holds a reply capability to; the caller runs
\* again and the reply capability is used up.
Reply(t) ==
    LET c == replyCap[t] IN
    /\ Running(t) /\ c # None
    /\ blockedOn' = [blockedOn EXCEPT ![c] = NotBlocked]
    /\ replyCap' = IF Mutant = "replyKeepsCap" THEN replyCap
                   ELSE [replyCap EXCEPT ![t] = None]
    /\ UNCHANGED <<queue, caps, ports, sent, delivered>>

-----------------------------------------------------------------------------
\* Every step is one IPC operation of one thread.
Next ==
    \E t \in Threads :
        \/ Reply(t)
        \/ \E p \in Ports :
              \/ PortCreate(t, p)
              \/ Receive(t, p) \/ TryReceive(t, p)
              \/ \E c \in SendCaps(t, p) : \E x \in XfersFrom(t, c) :
                    Send(t, p, c, x) \/ TrySend(t, p, c, x) \/ Call(t, p, c, x)

\* IPC: boot state, then any sequence of operations.
Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
\* The messages thread s sent to port p that are still queued.
QueuedFrom(s, p) == SelectSeq(queue[p], LAMBDA m : m.from = s)

\* The deliveries of messages thread s sent to port p.
DeliveredFrom(s, p) == SelectSeq(delivered[p], LAMBDA d : d.from = s)

\* The numbers of the messages from s through p, delivered first, then queued.
SeqsFrom(s, p) ==
    LET d == DeliveredFrom(s, p)
        q == QueuedFrom(s, p)
    IN  [i \in 1..Len(d) |-> d[i].seq] \o [i \in 1..Len(q) |-> q[i].seq]

\* No message is lost: every message sent is delivered or still queued.
NoLoss ==
    \A s \in Threads, p \in Ports : \A n \in 1..sent[s][p] : n \in Elems(SeqsFrom(s, p))

\* No message is duplicated: each is delivered or queued once.
NoDuplication ==
    \A s \in Threads, p \in Ports :
        LET ns == SeqsFrom(s, p) IN
        \A i, j \in 1..Len(ns) : i # j => ns[i] # ns[j]

\* FIFO per port and sender: messages from one sender arrive in the order sent.
FifoPerSender ==
    \A s \in Threads, p \in Ports :
        LET ns == SeqsFrom(s, p) IN
        \A i \in 1..(Len(ns) - 1) : ns[i] < ns[i + 1]

\* A thread receives only from ports it holds the receive right to.
ReceiverHoldsReadCap ==
    /\ \A p \in Ports : \A i \in 1..Len(delivered[p]) : "read" \in Held(delivered[p][i].to, p)
    /\ \A t \in Threads : blockedOn[t].op = "recv"
                              => "read" \in Held(t, blockedOn[t].port)

\* A transferred capability goes through a send capability with grant (the one
\* whose badge the message carries), and carries no more than one capability
\* the sender holds, with its badge.
TransferRespectsRights ==
    \A p \in Ports : \A m \in Elems(queue[p]) :
        m.xfer # NoXfer =>
            /\ \E c \in SendCaps(m.from, p) : "grant" \in c.rights /\ c.badge = m.badge
            /\ \E d \in caps[m.from][m.xfer.port] : m.xfer.rights \subseteq d.rights /\ d.badge = m.xfer.badge

\* A reply capability is held only for a caller still blocked in call, by one thread.
ReplyCapOneShot ==
    \A t \in Threads : replyCap[t] # None =>
        /\ blockedOn[replyCap[t]].op = "call"
        /\ \A u \in Threads \ {t} : replyCap[u] # replyCap[t]

\* No cycle of threads blocked in call: the kernel refuses the closing call.
NoCallCycle ==
    Stuck({u \in CallBlocked : WaitsFor(u) # {}}, WaitsForFn) = {}

\* Every message carries the badge of a send capability its sender holds to
\* the port: a receiver tells senders apart by the badges it handed out, and
\* no thread sends with a badge it was not given.
BadgeNamesSendCap ==
    \A p \in Ports : \A m \in Elems(queue[p]) : m.badge \in {c.badge : c \in SendCaps(m.from, p)}

\* The invariants, numbered so that TLC names the one that fails.
Inv1 == NoLoss
Inv2 == NoDuplication
Inv3 == FifoPerSender
Inv4 == ReceiverHoldsReadCap
Inv5 == BadgeNamesSendCap
Inv6 == ReplyCapOneShot
Inv7 == NoCallCycle
Inv8 == TransferRespectsRights
=============================================================================
