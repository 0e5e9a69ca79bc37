------------------------------- MODULE Memory -------------------------------
(***************************************************************************)
(* Frames, address spaces, demand paging and copy-on-write fork.           *)
(*                                                                         *)
(* Physical memory is a set of frames; a frame is free, or held by the     *)
(* address spaces that hold a memory capability to it.  An address space   *)
(* maps pages: Map reserves a page (mmap), to be backed by a fresh frame   *)
(* on its first fault (demand paging), or maps at once a frame the space   *)
(* holds a capability to; a writable mapping of a frame that another       *)
(* space maps too makes the frame explicitly shared.  Unmap (munmap) and   *)
(* Protect (mprotect) undo and change mappings.  ForkSpace copies a space: *)
(* its writable pages become read-only copy-on-write pages in both copies, *)
(* and the first write fault on such a page gives the faulting space its   *)
(* own copy, unless no other space still maps the frame.  A frame no       *)
(* space holds returns to the free list.                                   *)
(*                                                                         *)
(* An entry keeps the permission the program asked for (perm, set by Map   *)
(* and Protect) apart from what the hardware allows (writable): a page is  *)
(* writable when it is permitted and not copy-on-write.  So mprotect of a  *)
(* copy-on-write page to writable leaves it read-only until its fault, and *)
(* a write fault on a page the program made read-only is refused.         *)
(*                                                                         *)
(* Implemented by dev.keel.kernel.mem.MemoryManager (with AddressSpace,    *)
(* FrameAllocator, PageTable); the mapping is in spec/README.md.           *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

CONSTANTS
    Spaces,     \* the address spaces
    Pages,      \* the virtual page numbers of every space
    Frames,     \* the physical frames
    None,       \* marks a page with no frame yet
    Mutant      \* "none", or the name of one weakened guard (vacuity check)

\* The names of the weakened guards used as vacuity mutants.
Mutants == {"none", "forkKeepsWritable", "cowNoCopy", "protectIgnoresCow", "faultIgnoresPerm",
            "mapWithoutCap", "unmapAlwaysFrees", "releaseLeaks"}

ASSUME /\ None \notin Frames
       /\ Mutant \in Mutants

\* A page table entry: reserved or not, its frame, the permission the program
\* gave it (perm, the region's), and the hardware bits.
Entries == [mapped : BOOLEAN, frame : Frames \cup {None}, perm : BOOLEAN, writable : BOOLEAN,
            present : BOOLEAN, cow : BOOLEAN]

\* The entry of a page that is not mapped.
Unmapped == [mapped |-> FALSE, frame |-> None, perm |-> FALSE, writable |-> FALSE,
             present |-> FALSE, cow |-> FALSE]

VARIABLES
    mapping,    \* mapping[s][pg] is the page table entry of page pg in space s
    free,       \* the set of free frames
    memCaps,    \* memCaps[s] is the set of frames space s holds a memory capability to
    shared      \* the frames explicitly shared, which may be writable in several spaces

\* All variables, for stuttering and UNCHANGED.
vars == <<mapping, free, memCaps, shared>>

\* The spaces in which frame f backs some present page.
MappersOf(f) == {s \in Spaces : \E pg \in Pages : mapping[s][pg].present /\ mapping[s][pg].frame = f}

\* The spaces in which frame f backs a present writable page.
WritersOf(f) == {s \in Spaces : \E pg \in Pages : LET e == mapping[s][pg] IN
                                                 e.present /\ e.writable /\ e.frame = f}

\* The frames backing present pages of space s, under page tables m.
FramesIn(m, s) == {m[s][pg].frame : pg \in {p \in Pages : m[s][p].present}}

\* The frames some space holds under capabilities c.
Held(c) == UNION {c[s] : s \in Spaces}

\* Commits page tables m and capabilities c: frames no space holds any more are
\* freed, and stop being shared.
Commit(m, c) ==
    /\ mapping' = m
    /\ memCaps' = c
    /\ free' = free \cup ((Held(memCaps) \ Held(c)))
    /\ shared' = shared \cap Held(c)

\* Space s gives up its capability to every frame it no longer maps under m.
Trim(m, s) == [memCaps EXCEPT ![s] = @ \cap FramesIn(m, s)]

-----------------------------------------------------------------------------
\* Page tables hold entries; free, held and shared frames are frames.
TypeOK ==
    /\ mapping \in [Spaces -> [Pages -> Entries]]
    /\ free \subseteq Frames
    /\ memCaps \in [Spaces -> SUBSET Frames]
    /\ shared \subseteq Frames

\* At boot every frame is free and every space is empty.
Init ==
    /\ mapping = [s \in Spaces |-> [pg \in Pages |-> Unmapped]]
    /\ free = Frames
    /\ memCaps = [s \in Spaces |-> {}]
    /\ shared = {}

-----------------------------------------------------------------------------
\* Space s maps page pg, writable or not: with f = None a reservation backed on
\* first fault; otherwise at once, by frame f, which s must hold a capability to
\* and which no space maps copy-on-write.
Map(s, pg, f, w) ==
    /\ ~mapping[s][pg].mapped
    /\ IF f = None
       THEN /\ mapping' = [mapping EXCEPT ![s][pg] =
                             [Unmapped EXCEPT !.mapped = TRUE, !.perm = w, !.writable = w]]
            /\ UNCHANGED <<free, memCaps, shared>>
       ELSE /\ Mutant # "mapWithoutCap" => f \in memCaps[s]
            /\ f \notin free
            /\ \A t \in Spaces, p \in Pages : mapping[t][p].frame = f => ~mapping[t][p].cow
            /\ mapping' = [mapping EXCEPT ![s][pg] =
                             [mapped |-> TRUE, frame |-> f, perm |-> w, writable |-> w,
                              present |-> TRUE, cow |-> FALSE]]
            /\ shared' = IF (MappersOf(f) \ {s} # {}) /\ (w \/ WritersOf(f) # {})
                         THEN shared \cup {f} ELSE shared
            /\ UNCHANGED <<free, memCaps>>

\* Space s unmaps page pg; a frame the space no longer maps is given up, and freed
\* if no space holds it any more.
Unmap(s, pg) ==
    LET m == [mapping EXCEPT ![s][pg] = Unmapped]
        f == mapping[s][pg].frame
    IN
    /\ mapping[s][pg].mapped
    /\ IF Mutant = "unmapAlwaysFrees" /\ f # None
       THEN /\ mapping' = m /\ memCaps' = Trim(m, s)
            /\ free' = free \cup {f} /\ shared' = shared \ {f}
       ELSE Commit(m, Trim(m, s))

\* Space s permits writes to page pg or forbids them; a copy-on-write page
\* stays read-only until its fault, which the new permission then allows or
\* refuses.
Protect(s, pg, w) ==
    LET e == mapping[s][pg]
        wr == IF Mutant = "protectIgnoresCow" THEN w ELSE w /\ ~e.cow
    IN
    /\ e.mapped
    /\ mapping' = [mapping EXCEPT ![s][pg] = [e EXCEPT !.perm = w, !.writable = wr]]
    /\ shared' = IF wr /\ e.present /\ MappersOf(e.frame) \ {s} # {}
                 THEN shared \cup {e.frame} ELSE shared
    /\ UNCHANGED <<free, memCaps>>

\* Space s faults on page pg: a reserved page gets a free frame; a write to a
\* copy-on-write page the program may write gets a private copy in a free
\* frame, or the frame itself if no other space maps it.  Which free frame is
\* the allocator's choice: no claim depends on it.
PageFault(s, pg) ==
    LET e == mapping[s][pg] IN
    /\ e.mapped
    /\ \/ /\ ~e.present
          /\ \E f \in free :
             /\ mapping' = [mapping EXCEPT ![s][pg] = [e EXCEPT !.frame = f, !.present = TRUE]]
             /\ memCaps' = [memCaps EXCEPT ![s] = @ \cup {f}]
             /\ free' = free \ {f}
             /\ UNCHANGED shared
       \/ /\ e.present /\ e.cow
          /\ Mutant # "faultIgnoresPerm" => e.perm
          /\ IF MappersOf(e.frame) = {s} \/ Mutant = "cowNoCopy"
             THEN /\ mapping' = [mapping EXCEPT ![s][pg] = [e EXCEPT !.writable = TRUE, !.cow = FALSE]]
                  /\ UNCHANGED <<free, memCaps, shared>>
             ELSE \E f \in free :
                  LET m == [mapping EXCEPT ![s][pg] = [e EXCEPT !.frame = f, !.writable = TRUE,
                                                                !.cow = FALSE]]
                  IN  /\ mapping' = m
                      /\ memCaps' = [memCaps EXCEPT ![s] = (@ \cup {f}) \cap FramesIn(m, s)]
                      /\ free' = free \ {f}
                      /\ UNCHANGED shared

\* Empty space c becomes a copy of space s, permissions included; writable
\* pages of both become read-only copy-on-write pages, and c holds
\* capabilities to the frames it maps.
ForkSpace(s, c) ==
    LET cowed(e) == IF e.present /\ e.writable /\ Mutant # "forkKeepsWritable"
                    THEN [e EXCEPT !.writable = FALSE, !.cow = TRUE] ELSE e
        m == [mapping EXCEPT ![s] = [pg \in Pages |-> cowed(mapping[s][pg])],
                             ![c] = [pg \in Pages |-> cowed(mapping[s][pg])]]
    IN
    /\ c # s
    /\ \A pg \in Pages : ~mapping[c][pg].mapped
    /\ memCaps[c] = {}
    /\ mapping' = m
    /\ memCaps' = [memCaps EXCEPT ![c] = FramesIn(m, c)]
    /\ UNCHANGED <<free, shared>>

\* Space s is torn down (exit, exec): every page is unmapped and every frame no
\* other space holds is freed.
ReleaseSpace(s) ==
    LET m == [mapping EXCEPT ![s] = [pg \in Pages |-> Unmapped]]
        c == [memCaps EXCEPT ![s] = {}]
    IN
    /\ IF Mutant = "releaseLeaks"
       THEN mapping' = m /\ memCaps' = c /\ UNCHANGED <<free, shared>>
       ELSE Commit(m, c)

-----------------------------------------------------------------------------
\* Every step is one memory operation on one space.
Next ==
    \E s \in Spaces, pg \in Pages :
        \/ \E f \in Frames \cup {None}, w \in BOOLEAN : Map(s, pg, f, w)
        \/ Unmap(s, pg)
        \/ \E w \in BOOLEAN : Protect(s, pg, w)
        \/ PageFault(s, pg)
        \/ \E c \in Spaces : ForkSpace(s, c)
        \/ ReleaseSpace(s)

\* The memory system: boot state, then any sequence of operations.
Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
\* A frame is writable in at most one address space unless explicitly shared.
WritableInOneSpace ==
    \A f \in Frames : Cardinality(WritersOf(f)) <= 1 \/ f \in shared

\* A copy-on-write page is read-only until its fault, and a page is writable
\* only with the program's permission.
CowReadOnly ==
    \A s \in Spaces, pg \in Pages :
        /\ mapping[s][pg].cow => ~mapping[s][pg].writable
        /\ mapping[s][pg].writable => mapping[s][pg].perm

\* A space maps only frames it holds a memory capability to.
MapsOnlyHeldFrames ==
    \A s \in Spaces : FramesIn(mapping, s) \subseteq memCaps[s]

\* No frame is both free and mapped (or held).
NoFrameFreeAndMapped ==
    \A f \in free : MappersOf(f) = {} /\ \A s \in Spaces : f \notin memCaps[s]

\* No frame leaks: a frame that is not free is held by some space.
NoFrameLeak ==
    \A f \in Frames \ free : \E s \in Spaces : f \in memCaps[s]

\* The invariants, numbered so that TLC names the one that fails.
Inv1 == WritableInOneSpace
Inv2 == CowReadOnly
Inv3 == MapsOnlyHeldFrames
Inv4 == NoFrameFreeAndMapped
Inv5 == NoFrameLeak
=============================================================================
