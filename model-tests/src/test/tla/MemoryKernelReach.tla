--------------------------- MODULE MemoryKernelReach ---------------------------
\* The small model of spec/Memory.tla without Map of a given frame (f # None), which
\* has no system call: the states the generated tests can reach, to count them.
EXTENDS MCMemory

KNext ==
    \E s \in Spaces, pg \in Pages :
        \/ \E w \in BOOLEAN : Map(s, pg, None, w)
        \/ Unmap(s, pg)
        \/ \E w \in BOOLEAN : Protect(s, pg, w)
        \/ PageFault(s, pg)
        \/ \E c \in Spaces : ForkSpace(s, c)
        \/ ReleaseSpace(s)
=============================================================================
