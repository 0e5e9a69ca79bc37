------------------------------- MODULE MCIpc --------------------------------
(***************************************************************************)
(* Bounds for model-checking Ipc.  Thread a owns port pa at boot; b may    *)
(* send to it with grant and creates pb itself, so a reaches pb only       *)
(* through a transferred capability.                                       *)
(***************************************************************************)
EXTENDS Ipc

\* The rights at boot: a holds every right to pa, b may send to pa with grant.
MCInitCaps ==
    [t \in Threads |-> [p \in Ports |->
        IF p = "pa" THEN (IF t = "a" THEN Rights ELSE {"write", "grant"}) ELSE {}]]

\* One badge per thread.
MCBadge == [t \in Threads |-> IF t = "a" THEN 1 ELSE 2]
=============================================================================
