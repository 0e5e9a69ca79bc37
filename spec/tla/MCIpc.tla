------------------------------- MODULE MCIpc --------------------------------
(***************************************************************************)
(* Bounds for model-checking Ipc.  Thread a owns port pa at boot; b may    *)
(* send to it with grant and creates pb itself, so a reaches pb only       *)
(* through a transferred capability.  b's capabilities to pa are badged,  *)
(* so a tells b's messages from its own (unbadged) ones, and b holds a     *)
(* send-only one (badge 3) besides the one with grant (badge 2).           *)
(***************************************************************************)
EXTENDS Ipc

\* The capabilities at boot: a holds every right to pa, unbadged; b may send to
\* pa with grant through a capability badged 2, and without through one badged 3.
MCInitCaps ==
    [t \in Threads |-> [p \in Ports |->
        IF p = "pa" THEN (IF t = "a" THEN {[rights |-> Rights, badge |-> 0]}
                          ELSE {[rights |-> {"write", "grant"}, badge |-> 2],
                                [rights |-> {"write"}, badge |-> 3]})
        ELSE {}]]
=============================================================================
