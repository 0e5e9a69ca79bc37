/* paging.c - changes to the early page tables (see paging.h). */
#include "paging.h"
#include "cpu.h"

extern uint64_t early_pml4[512];   /* head.S */

void paging_drop_identity(void)
{
    early_pml4[0] = 0;
    write_cr3(read_cr3());          /* flush the TLB of the low entries */
}
