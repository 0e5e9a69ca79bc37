/* handoff.c - fills the handoff for the translated kernel (see handoff.h). */
#include "handoff.h"
#include "paging.h"

extern const char _image_phys_start[], _image_phys_end[];   /* kernel.ld */

void handoff_build(struct handoff *h, const struct bootinfo *bi, uint64_t tsc_entry, uint64_t tsc_kmain)
{
    uint64_t *w = h->word;
    uint64_t len = 0;
    while (bi->cmdline[len])
        len++;
    w[HANDOFF_W_MAGIC] = HANDOFF_MAGIC;
    w[HANDOFF_W_VERSION] = HANDOFF_VERSION;
    w[HANDOFF_W_IMAGE_START] = (uint64_t)(uintptr_t)_image_phys_start;
    w[HANDOFF_W_IMAGE_END] = (uint64_t)(uintptr_t)_image_phys_end;
    w[HANDOFF_W_TSC_ENTRY] = tsc_entry;
    w[HANDOFF_W_TSC_KMAIN] = tsc_kmain;
    w[HANDOFF_W_CMDLINE] = virt_to_phys(bi->cmdline);
    w[HANDOFF_W_CMDLINE_LEN] = len;
    w[HANDOFF_W_REGION_COUNT] = (uint64_t)bi->region_count;
    for (int i = 0; i < bi->region_count; i++) {
        uint64_t *r = &w[HANDOFF_W_REGIONS + HANDOFF_REGION_WORDS * i];
        r[0] = bi->regions[i].base;
        r[1] = bi->regions[i].length;
        r[2] = bi->regions[i].type;
    }
}
