------------------------------- MODULE IpcReach -------------------------------
\* The small model of spec/Ipc.tla as it is, to count its reachable states.
EXTENDS MCIpc
=============================================================================
