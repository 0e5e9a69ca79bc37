------------------------- MODULE CapabilitiesLabelled -------------------------
(***************************************************************************)
(* The small model of spec/Capabilities.tla with one more variable, act:   *)
(* the action of the last step and its arguments.  TLC's simulation of     *)
(* this module writes traces from which the conformance tests read action  *)
(* sequences to replay on the Java kernel.  LNext has one disjunct per     *)
(* disjunct of the spec's Next, with the same quantifiers; LNextIsNext     *)
(* checks that every labelled step is a step of Next.                      *)
(***************************************************************************)
EXTENDS MCCapabilities

VARIABLE act

LInit == Init /\ act = <<"Init">>

LNext ==
    \E p, q \in Procs, a, b \in Slots :
        \/ \E o \in Objects : CreateObject(p, a, b, o) /\ act' = <<"CreateObject", p, a, b, o>>
        \/ \E r \in SUBSET Rights, bd \in Badges :
               p = q /\ Mint(p, a, b, r, bd) /\ act' = <<"Mint", p, a, b, r, bd>>
        \/ Copy(p, a, q, b) /\ act' = <<"Copy", p, a, q, b>>
        \/ Move(p, a, q, b) /\ act' = <<"Move", p, a, q, b>>
        \/ Delete(p, a) /\ act' = <<"Delete", p, a>>
        \/ Revoke(p, a) /\ act' = <<"Revoke", p, a>>
        \/ DestroyObject(p, a) /\ act' = <<"DestroyObject", p, a>>

\* Every labelled step is a step of the spec (checked on each simulated step).
LNextIsNext == [][Next]_vars

=============================================================================
