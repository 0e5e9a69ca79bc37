--------------------------- MODULE CapabilitiesReach ---------------------------
\* The small model of spec/Capabilities.tla as it is, to count its reachable states.
EXTENDS MCCapabilities
=============================================================================
