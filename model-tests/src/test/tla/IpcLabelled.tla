----------------------------- MODULE IpcLabelled -----------------------------
(***************************************************************************)
(* The small model of spec/Ipc.tla with one more variable, act: the action *)
(* of the last step and its arguments.  TLC's simulation of this module    *)
(* writes the traces that the conformance tests replay on the kernel's IPC *)
(* system calls.  LNext has one disjunct per disjunct of the spec's Next,  *)
(* and one for each failing call of the spec (TrySendFails,                *)
(* TryReceiveFails, CallFails): those change nothing but act, and the      *)
(* kernel must refuse them with FULL (WOULD_BLOCK), EMPTY (WOULD_BLOCK)    *)
(* and DEADLOCK.                                                           *)
(***************************************************************************)
EXTENDS MCIpc

VARIABLE act

LInit == Init /\ act = <<"Init">>

LNext ==
    \E t \in Threads :
        \/ Reply(t) /\ act' = <<"Reply", t>>
        \/ \E p \in Ports :
              \/ PortCreate(t, p) /\ act' = <<"PortCreate", t, p>>
              \/ Receive(t, p) /\ act' = <<"Receive", t, p>>
              \/ TryReceive(t, p) /\ act' = <<"TryReceive", t, p>>
              \/ \E c \in SendCaps(t, p) : \E x \in XfersFrom(t, c) :
                    \/ Send(t, p, c, x) /\ act' = <<"Send", t, p, c, x>>
                    \/ TrySend(t, p, c, x) /\ act' = <<"TrySend", t, p, c, x>>
                    \/ Call(t, p, c, x) /\ act' = <<"Call", t, p, c, x>>
              \/ TrySendFails(t, p) /\ act' = <<"TrySendFails", t, p>>
              \/ TryReceiveFails(t, p) /\ act' = <<"TryReceiveFails", t, p>>
              \/ CallFails(t, p) /\ act' = <<"CallFails", t, p>>
=============================================================================
