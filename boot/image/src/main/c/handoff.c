/* handoff.c - fills the handoff for the translated kernel (see handoff.h). */
#include "handoff.h"
#include "paging.h"

extern const char _image_phys_start[], _image_phys_end[];   /* kernel.ld */

static uint64_t *region(uint64_t *w, uint64_t i)
{
    return &w[HANDOFF_W_REGIONS + HANDOFF_REGION_WORDS * i];
}

/* Appends a region; false when every slot is taken. */
static int put_region(uint64_t *w, uint64_t base, uint64_t length, uint64_t type)
{
    uint64_t n = w[HANDOFF_W_REGION_COUNT];
    if (n == BOOTINFO_MAX_REGIONS)
        return 0;
    uint64_t *r = region(w, n);
    r[0] = base;
    r[1] = length;
    r[2] = type;
    w[HANDOFF_W_REGION_COUNT] = n + 1;
    return 1;
}

/*
 * Takes the module [start, end) out of every usable region, so the kernel never hands its
 * pages out as frames: a region that contains it keeps the part below and gets a new region
 * for the part above. With no slot left the smaller part is dropped (memory lost, never a
 * module overwritten).
 */
static void carve(uint64_t *w, uint64_t start, uint64_t end)
{
    uint64_t n = w[HANDOFF_W_REGION_COUNT];
    for (uint64_t i = 0; i < n; i++) {
        uint64_t *r = region(w, i);
        uint64_t rs = r[0], re = r[0] + r[1];
        if (r[2] != MEM_USABLE || end <= rs || start >= re)
            continue;
        uint64_t below = start > rs ? start - rs : 0;
        uint64_t above = re > end ? re - end : 0;
        if (above && below && !put_region(w, end, above, MEM_USABLE) && above > below) {
            below = 0;
        } else if (above && below) {
            above = 0;          /* the part above is its own region now */
        }
        r[0] = below ? rs : end;
        r[1] = below ? below : above;
    }
}

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
    w[HANDOFF_W_REGION_COUNT] = 0;
    for (int i = 0; i < bi->region_count; i++)
        put_region(w, bi->regions[i].base, bi->regions[i].length, bi->regions[i].type);
    for (int m = 0; m < bi->module_count; m++)
        carve(w, bi->modules[m].base, bi->modules[m].base + bi->modules[m].length);
    w[HANDOFF_W_MODULE_COUNT] = (uint64_t)bi->module_count;
    for (int i = 0; i < bi->module_count; i++) {
        const struct boot_module_info *bm = &bi->modules[i];
        uint64_t *m = &w[HANDOFF_W_MODULES + HANDOFF_MODULE_WORDS * i];
        uint64_t n = 0;
        while (bm->name[n])
            n++;
        m[0] = bm->base;
        m[1] = bm->length;
        m[2] = virt_to_phys(bm->name);
        m[3] = n;
    }
}
