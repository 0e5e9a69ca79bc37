---------------------------- MODULE Capabilities ----------------------------
(***************************************************************************)
(* Capability spaces and the derivation tree.                              *)
(*                                                                         *)
(* Every process owns a capability space: a fixed array of slots, each     *)
(* empty or holding a capability.  A capability names a kernel object,     *)
(* the object's type, a set of rights (read, write, grant) and a badge.    *)
(* Authority is nothing but the capabilities a process holds: the kernel   *)
(* grants no right that is not carried by a capability in a slot.          *)
(*                                                                         *)
(* Capabilities are created when an object is created from the untyped     *)
(* memory capability, copied and minted (minting may drop rights and set   *)
(* a badge on an unbadged capability), moved, deleted and revoked.  Every  *)
(* copy or mint records the slot it came from; these links form the        *)
(* derivation tree, and revoking a capability deletes every capability     *)
(* derived from it.  Destroying an object deletes every capability to it;  *)
(* deleting the last capability to a port destroys the port.  A new        *)
(* process created by fork starts with a copy of its parent's space, and   *)
(* an exiting process's space is cleared.                                  *)
(* Putting a capability into another process's space is a transfer of     *)
(* authority and needs the grant right on the capability passed on.       *)
(*                                                                         *)
(* Implemented by dev.keel.kernel.cap.CapabilitySpace (with Capability,    *)
(* Rights, CapType); variables are its fields and actions its methods, as  *)
(* mapped in spec/README.md.                                               *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

CONSTANTS
    Procs,      \* the processes, each owning one capability space
    Slots,      \* the slot numbers of every capability space
    Objects,    \* the kernel objects that may come to exist
    TypeOf,     \* TypeOf[o] is the type of object o
    Untyped,    \* the memory object from which every other object is created
    Root,       \* the process that holds the untyped capability at boot
    Badges,     \* the badge values; 0 means unbadged
    Rights,     \* the rights a capability may carry: some of read, write, grant
    Mutant      \* "none", or the name of one weakened guard (vacuity check)

\* The types of kernel object a capability may name.
CapTypes == {"Memory", "IoPort", "Port", "Process", "Irq"}

\* The capabilities: an object with its type, rights and badge.
Caps == [type : CapTypes, obj : Objects, rights : SUBSET Rights, badge : Badges]

\* The contents of an empty slot (same shape as a capability, so slots compare).
Empty == [type |-> "None", obj |-> "None", rights |-> {}, badge |-> 0]

\* A slot reference: a process and a slot number in its space.
Refs == Procs \X Slots

\* The parent of a capability that was not derived from another one.
NoRef == <<"none", 0>>

\* The names of the weakened guards used as vacuity mutants.
Mutants == {"none", "noGrantCheck", "mintAnyRights", "shallowRevoke",
            "destroyKeepsCaps", "rebadge", "deleteOrphans", "deleteKeepsPort"}

\* The types of object that die with their last capability (the kernel's Reclaimer
\* destroys a port then); other objects live until DestroyObject.
Reclaimable == {"Port"}

ASSUME /\ TypeOf \in [Objects -> CapTypes]
       /\ Untyped \in Objects /\ TypeOf[Untyped] = "Memory"
       /\ Root \in Procs
       /\ 0 \in Badges
       /\ {"write", "grant"} \subseteq Rights /\ Rights \subseteq {"read", "write", "grant"}
       /\ Mutant \in Mutants

VARIABLES
    slots,      \* slots[p][s] is the capability in slot s of process p, or Empty
    parent,     \* parent[r] is the slot the capability in r was derived from, or NoRef
    objects     \* the set of live objects

\* All variables, for stuttering and UNCHANGED.
vars == <<slots, parent, objects>>

\* The capability held in slot reference r.
At(r) == slots[r[1]][r[2]]

\* The slots whose capabilities were derived directly from the one in r.
Children(r) == {x \in Refs : parent[x] = r}

\* The set S together with everything derived from its members.
RECURSIVE Closure(_)
Closure(S) ==
    LET More == S \cup UNION {Children(x) : x \in S}
    IN  IF More = S THEN S ELSE Closure(More)

\* The slots whose capabilities were derived from r, directly or through others.
Descendants(r) == Closure(Children(r))

\* The slots whose capabilities name object o.
HoldersOf(o) == {x \in Refs : At(x) # Empty /\ At(x).obj = o}

\* True if capability c carries right x; the check a mutant may drop.
Allows(c, x, m) == Mutant # m => x \in c.rights

\* The reclaimable objects that lose their last capability when the slots in S
\* are emptied.
Orphaned(S) == {o \in objects : TypeOf[o] \in Reclaimable /\ HoldersOf(o) # {}
                               /\ HoldersOf(o) \subseteq S}

\* The nearest ancestor of the capability in x outside S, or NoRef.
RECURSIVE Above(_, _)
Above(x, S) == IF parent[x] \in S THEN Above(parent[x], S) ELSE parent[x]

\* Empties the slots in S; survivors derived from S are re-linked to their nearest
\* ancestor that survives, as deleting the slots one after another does.
RemoveAll(S) ==
    /\ slots' = [p \in Procs |-> [s \in Slots |->
                    IF <<p, s>> \in S THEN Empty ELSE slots[p][s]]]
    /\ parent' = [x \in Refs |->
                    IF x \in S THEN NoRef
                    ELSE IF parent[x] \in S /\ Mutant # "deleteOrphans"
                         THEN Above(x, S)
                         ELSE parent[x]]

-----------------------------------------------------------------------------
\* Every slot holds a capability or is empty; derivation links name slots.
TypeOK ==
    /\ slots \in [Procs -> [Slots -> Caps \cup {Empty}]]
    /\ parent \in [Refs -> Refs \cup {NoRef}]
    /\ objects \subseteq Objects

\* At boot only the untyped memory object exists, and Root holds its capability in slot 1.
Init ==
    /\ objects = {Untyped}
    /\ slots = [p \in Procs |-> [s \in Slots |->
                  IF p = Root /\ s = 1
                  THEN [type |-> "Memory", obj |-> Untyped, rights |-> Rights, badge |-> 0]
                  ELSE Empty]]
    /\ parent = [x \in Refs |-> NoRef]

-----------------------------------------------------------------------------
\* Process p uses the untyped capability in slot a to create object o, receiving
\* a capability with every right in its empty slot s.
CreateObject(p, a, s, o) ==
    LET c == slots[p][a] IN
    /\ c # Empty /\ c.obj = Untyped /\ "write" \in c.rights
    /\ o \notin objects
    /\ slots[p][s] = Empty
    /\ objects' = objects \cup {o}
    /\ slots' = [slots EXCEPT ![p][s] =
                   [type |-> TypeOf[o], obj |-> o, rights |-> Rights, badge |-> 0]]
    /\ UNCHANGED parent

\* Process p mints the capability in its slot a into its empty slot b with
\* rights r, no more than the source has, and badge bd, which may differ from
\* the source's only if the source is unbadged.  A minted capability leaves
\* the space only by Copy or Move.
Mint(p, a, b, r, bd) ==
    LET c == slots[p][a]
        q == p
    IN
    /\ c # Empty
    /\ slots[q][b] = Empty
    /\ Mutant # "mintAnyRights" => r \subseteq c.rights
    /\ Mutant # "rebadge" => (c.badge = 0 \/ bd = c.badge)
    /\ slots' = [slots EXCEPT ![q][b] = [c EXCEPT !.rights = r, !.badge = bd]]
    /\ parent' = [parent EXCEPT ![<<q, b>>] = <<p, a>>]
    /\ UNCHANGED objects

\* Process p copies the capability in its slot a, unchanged, into slot b of process q.
Copy(p, a, q, b) ==
    LET c == slots[p][a] IN
    /\ c # Empty
    /\ q # p => Allows(c, "grant", "noGrantCheck")
    /\ slots[q][b] = Empty
    /\ slots' = [slots EXCEPT ![q][b] = c]
    /\ parent' = [parent EXCEPT ![<<q, b>>] = <<p, a>>]
    /\ UNCHANGED objects

\* Process p moves the capability in its slot a to slot b of process q; it keeps
\* its place in the derivation tree.
Move(p, a, q, b) ==
    LET c == slots[p][a]
        from == <<p, a>>
        to == <<q, b>>
    IN
    /\ c # Empty
    /\ q # p => Allows(c, "grant", "noGrantCheck")
    /\ slots[q][b] = Empty
    /\ slots' = [slots EXCEPT ![p][a] = Empty, ![q][b] = c]
    /\ parent' = [x \in Refs |->
                    IF x = to THEN parent[from]
                    ELSE IF x = from THEN NoRef
                    ELSE IF parent[x] = from THEN to
                    ELSE parent[x]]
    /\ UNCHANGED objects

\* Process p deletes the capability in its slot a; capabilities derived from it
\* stay, linked to its parent.  If it was the last capability to a port, the
\* port dies with it.
Delete(p, a) ==
    /\ slots[p][a] # Empty
    /\ RemoveAll({<<p, a>>})
    /\ objects' = IF Mutant = "deleteKeepsPort" THEN objects
                  ELSE objects \ Orphaned({<<p, a>>})

\* Process p revokes the capability in its slot a: every capability derived from
\* it, directly or not, is deleted; the capability itself stays.
Revoke(p, a) ==
    LET r == <<p, a>> IN
    /\ slots[p][a] # Empty
    /\ RemoveAll(IF Mutant = "shallowRevoke" THEN Children(r) ELSE Descendants(r))
    /\ UNCHANGED objects

\* Process p destroys the object named by the original capability in its slot a,
\* which must carry write; every capability to the object is deleted with it.
DestroyObject(p, a) ==
    LET c == slots[p][a] IN
    /\ c # Empty /\ c.obj # Untyped /\ parent[<<p, a>>] = NoRef
    /\ "write" \in c.rights
    /\ objects' = objects \ {c.obj}
    /\ RemoveAll(IF Mutant = "destroyKeepsCaps" THEN {<<p, a>>} ELSE HoldersOf(c.obj))

\* The empty space of new process c becomes a copy of process p's space (fork):
\* each capability is derived from the parent's in the same slot.  No grant is
\* needed: the child is a copy of the parent, not a third party.
CopySpace(p, c) ==
    /\ c # p
    /\ \A s \in Slots : slots[c][s] = Empty
    /\ \E s \in Slots : slots[p][s] # Empty
    /\ slots' = [slots EXCEPT ![c] = slots[p]]
    /\ parent' = [x \in Refs |->
                    IF x[1] = c /\ slots[p][x[2]] # Empty THEN <<p, x[2]>> ELSE parent[x]]
    /\ UNCHANGED objects

\* The space of exiting process p is cleared: every capability in it is deleted,
\* as by Delete one slot after another, and ports left without a capability die.
ClearSpace(p) ==
    LET S == {x \in Refs : x[1] = p /\ At(x) # Empty} IN
    /\ S # {}
    /\ RemoveAll(S)
    /\ objects' = IF Mutant = "deleteKeepsPort" THEN objects ELSE objects \ Orphaned(S)

-----------------------------------------------------------------------------
\* Some process performs one capability operation.
Next ==
    \E p, q \in Procs, a, b \in Slots :
        \/ \E o \in Objects : CreateObject(p, a, b, o)
        \/ \E r \in SUBSET Rights, bd \in Badges : p = q /\ Mint(p, a, b, r, bd)
        \/ Copy(p, a, q, b)
        \/ Move(p, a, q, b)
        \/ Delete(p, a)
        \/ Revoke(p, a)
        \/ DestroyObject(p, a)
        \/ CopySpace(p, q)
        \/ ClearSpace(p)

\* The capability system: boot state, then any sequence of operations.
Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
\* A capability never carries a right the capability it was derived from lacks.
RightsOnlyDiminish ==
    \A x \in Refs : parent[x] # NoRef /\ At(parent[x]) # Empty
                        => At(x).rights \subseteq At(parent[x]).rights

\* Every capability names a live object: destroying an object leaves no dangling capability.
NoDanglingCaps ==
    \A x \in Refs : At(x) # Empty => At(x).obj \in objects

\* A capability derived from a badged capability carries the same badge.
BadgesPreserved ==
    \A x \in Refs : parent[x] # NoRef /\ At(parent[x]).badge # 0
                        => At(x).badge = At(parent[x]).badge

\* Derivation links join full slots holding capabilities to the same object.
DerivationTreeWellFormed ==
    \A x \in Refs :
        /\ At(x) = Empty => parent[x] = NoRef
        /\ parent[x] # NoRef => At(parent[x]) # Empty /\ At(parent[x]).obj = At(x).obj
        /\ x \notin Descendants(x)

\* A live port is named by some capability: a port nobody can reach is reclaimed.
NoUnreachablePort ==
    \A o \in objects : TypeOf[o] \in Reclaimable => HoldersOf(o) # {}

\* The invariants, numbered so that TLC names the one that fails.
Inv1 == RightsOnlyDiminish
Inv2 == NoDanglingCaps
Inv3 == BadgesPreserved
Inv4 == DerivationTreeWellFormed
Inv5 == NoUnreachablePort

\* A capability that appears in a space is backed by a capability to the same
\* object held before the step: by the same process, or by another one with
\* grant, or, for the empty space of a fork child, by the parent whose whole
\* space it copies; or its object has just been created from untyped memory
\* held by it.
Backed(q, b) ==
    LET n == slots'[q][b] IN
    \/ /\ \A a \in Slots : slots[q][a] = Empty
       /\ \E p \in Procs \ {q} : slots[p] = slots'[q] /\ \A a \in Slots : slots'[p][a] = slots[p][a]
    \/ \E a \in Slots : slots[q][a] # Empty /\ slots[q][a].obj = n.obj
    \/ \E p \in Procs \ {q}, a \in Slots :
           slots[p][a] # Empty /\ slots[p][a].obj = n.obj /\ "grant" \in slots[p][a].rights
    \/ n.obj \notin objects /\ \E a \in Slots : slots[q][a].obj = Untyped

\* No ambient authority: every capability a step puts into a slot is backed.
NoAmbientAuthority ==
    [][\A q \in Procs, b \in Slots :
          slots'[q][b] # Empty /\ slots'[q][b] # slots[q][b] => Backed(q, b)]_vars

\* After a revoke no capability derived from the revoked one remains.  (A revoke
\* with descendants empties a child, so the cheap first test only skips steps
\* for which the claim holds anyway.)
RevokeLeavesNoDescendant ==
    [][\A p \in Procs, a \in Slots :
          (\E x \in Children(<<p, a>>) : slots'[x[1]][x[2]] = Empty) /\ Revoke(p, a)
              => \A x \in Descendants(<<p, a>>) : slots'[x[1]][x[2]] = Empty]_vars
=============================================================================
