------------------------------ MODULE MCKernel ------------------------------
(***************************************************************************)
(* Bounds for model-checking Kernel.  Processes other than init are        *)
(* interchangeable, so the configurations check them up to symmetry.       *)
(***************************************************************************)
EXTENDS Kernel, TLC

\* The permutations of the process entries other than init.
ProcSymmetry == Permutations(Procs \ {InitProc})
=============================================================================
