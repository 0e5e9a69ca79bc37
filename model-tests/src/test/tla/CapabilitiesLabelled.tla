------------------------- MODULE CapabilitiesLabelled -------------------------
(***************************************************************************)
(* The small model of spec/Capabilities.tla with one more variable, act:   *)
(* the action of the last step and its arguments.  TLC's simulation of     *)
(* this module writes traces from which the conformance tests read action  *)
(* sequences to replay on the Java kernel.  LNext has one disjunct per     *)
(* disjunct of the spec's Next, with the same quantifiers.                 *)
(*                                                                         *)
(* TLC writes a simulated state's values as it holds them, and a function  *)
(* built as [x \in S |-> e] may be held unevaluated (printed as           *)
(* "<expression ...>").  slotsV and parentV hold slots and parent as sets  *)
(* of tuples, which TLC evaluates at once, so the trace files carry them.  *)
(***************************************************************************)
EXTENDS MCCapabilities

VARIABLES act, slotsV, parentV

\* slots and parent as sets of tuples, in the state named by the primed or unprimed arguments.
SlotsView(sl) == {<<p, s, sl[p][s]>> : p \in Procs, s \in Slots}
ParentView(pa) == {<<x, pa[x]>> : x \in Refs}

LInit == Init /\ act = <<"Init">> /\ slotsV = SlotsView(slots) /\ parentV = ParentView(parent)

Labelled ==
    \E p, q \in Procs, a, b \in Slots :
        \/ \E o \in Objects : CreateObject(p, a, b, o) /\ act' = <<"CreateObject", p, a, b, o>>
        \/ \E r \in SUBSET Rights, bd \in Badges :
               p = q /\ Mint(p, a, b, r, bd) /\ act' = <<"Mint", p, a, b, r, bd>>
        \/ Copy(p, a, q, b) /\ act' = <<"Copy", p, a, q, b>>
        \/ Move(p, a, q, b) /\ act' = <<"Move", p, a, q, b>>
        \/ Delete(p, a) /\ act' = <<"Delete", p, a>>
        \/ Revoke(p, a) /\ act' = <<"Revoke", p, a>>
        \/ DestroyObject(p, a) /\ act' = <<"DestroyObject", p, a>>
        \/ CopySpace(p, q) /\ act' = <<"CopySpace", p, q>>
        \/ ClearSpace(p) /\ act' = <<"ClearSpace", p>>

LNext == Labelled /\ slotsV' = SlotsView(slots') /\ parentV' = ParentView(parent')

=============================================================================
