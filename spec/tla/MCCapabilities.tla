--------------------------- MODULE MCCapabilities ---------------------------
(***************************************************************************)
(* Bounds for model-checking Capabilities: the small configuration runs in *)
(* every build, the deep one under the deep-models profile.                *)
(***************************************************************************)
EXTENDS Capabilities, FiniteSets

\* Object types for the model values of the configurations.
MCTypeOf == [o \in Objects |-> CASE o = Untyped -> "Memory" [] o = "irq" -> "Irq" [] OTHER -> "Port"]

\* Small bounds: two slots per space.
SmallSlots == 1..2

\* The number of full slots, bounded by the state constraint of a configuration.
FullSlots == Cardinality({x \in Refs : At(x) # Empty})

\* Small state constraint: at most three capabilities exist at once.
SmallConstraint == FullSlots <= 3

\* Deep state constraint: at most four capabilities exist at once.
DeepConstraint == FullSlots <= 4

\* Deep bounds: three slots per space.
DeepSlots == 1..3
=============================================================================
