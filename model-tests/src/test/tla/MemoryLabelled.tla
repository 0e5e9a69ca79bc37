---------------------------- MODULE MemoryLabelled ----------------------------
(***************************************************************************)
(* The small model of spec/Memory.tla with one more variable, act: the     *)
(* action of the last step and its arguments.  TLC's simulation of this    *)
(* module writes the traces that the conformance tests replay on the       *)
(* kernel's memory manager.  LNext has one disjunct per disjunct of the    *)
(* spec's Next, with one restriction: Map takes f = None only.  Mapping a  *)
(* given frame (f # None) has no system call: mmap reserves pages that     *)
(* demand paging backs, and a space never names a frame.                   *)
(***************************************************************************)
EXTENDS MCMemory

VARIABLE act

LInit == Init /\ act = <<"Init">>

LNext ==
    \E s \in Spaces, pg \in Pages :
        \/ \E w \in BOOLEAN : Map(s, pg, None, w) /\ act' = <<"Map", s, pg, w>>
        \/ Unmap(s, pg) /\ act' = <<"Unmap", s, pg>>
        \/ \E w \in BOOLEAN : Protect(s, pg, w) /\ act' = <<"Protect", s, pg, w>>
        \/ PageFault(s, pg) /\ act' = <<"PageFault", s, pg>>
        \/ \E c \in Spaces : ForkSpace(s, c) /\ act' = <<"ForkSpace", s, c>>
        \/ ReleaseSpace(s) /\ act' = <<"ReleaseSpace", s>>
=============================================================================
