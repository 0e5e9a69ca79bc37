------------------------------ MODULE MemoryReach ------------------------------
\* The small model of spec/Memory.tla as it is, to count its reachable states.
EXTENDS MCMemory
=============================================================================
