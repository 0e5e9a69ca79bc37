/*
 * footprint.c - the image's size by part, from the linker script's symbols (kernel.ld).
 *
 * The symbols are addresses, not variables: only their addresses are used.
 */
#include <stdint.h>
#include "footprint.h"
#include "kprintf.h"

extern const char _boot_start[], _boot_end[];
extern const char _text_start[], _text_end[];
extern const char _rodata_start[], _rodata_end[];
extern const char _data_start[], _data_end[];
extern const char _bss_start[], _bss_end[];
extern const char _image_phys_start[], _image_phys_end[];

static uint64_t span(const char *start, const char *end)
{
    return (uint64_t)(end - start);
}

void footprint_print(void)
{
    uint64_t image = span(_image_phys_start, _image_phys_end);
    kprintf("footprint: boot %lu, text %lu, rodata %lu, data %lu, bss %lu bytes\n",
            span(_boot_start, _boot_end), span(_text_start, _text_end),
            span(_rodata_start, _rodata_end), span(_data_start, _data_end), span(_bss_start, _bss_end));
    kprintf("footprint: image %lu KiB in memory at phys [%p, %p)\n", (image + 1023) / 1024,
            (void *)_image_phys_start, (void *)_image_phys_end);
}
