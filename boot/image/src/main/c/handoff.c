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
    uint64_t n = &keel_boot_module_count ? keel_boot_module_count : 0;
    if (n > HANDOFF_MAX_MODULES)
        n = HANDOFF_MAX_MODULES;
    w[HANDOFF_W_MODULE_COUNT] = n;
    for (uint64_t i = 0; i < n; i++) {
        uint64_t *m = &w[HANDOFF_W_MODULES + HANDOFF_MODULE_WORDS * i];
        m[0] = virt_to_phys(keel_boot_modules[i].image);
        m[1] = keel_boot_modules[i].length;
        m[2] = virt_to_phys(keel_boot_modules[i].name);
        m[3] = keel_boot_modules[i].name_length;
    }
}
