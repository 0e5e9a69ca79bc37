/*
 * bootinfo.c - reads the Multiboot1 information block or the Multiboot2 tag list.
 *
 * The loader's structures are in physical memory below EARLY_MAP_SIZE (both loaders put them
 * in low memory); they are read through the KERNEL_OFFSET alias of the early page tables, and
 * every address is range-checked first, so a bad pointer gives BOOTINFO_ERANGE, not a fault.
 */
#include <stddef.h>
#include "bootinfo.h"
#include "boot.h"

/* Multiboot1 information block: the fields used here. */
#define MB1_INFO_CMDLINE   (1u << 2)
#define MB1_INFO_MODS      (1u << 3)
#define MB1_INFO_MMAP      (1u << 6)
#define MB1_INFO_LOADER    (1u << 9)
struct mb1_info {
    uint32_t flags, mem_lower, mem_upper, boot_device, cmdline, mods_count, mods_addr;
    uint32_t syms[4];
    uint32_t mmap_length, mmap_addr;
    uint32_t drives_length, drives_addr, config_table, boot_loader_name;
} __attribute__((packed));
struct mb1_module {
    uint32_t mod_start, mod_end, string, reserved;
} __attribute__((packed));
struct mb1_mmap_entry {
    uint32_t size;                 /* of the rest of the entry, not counting this field */
    uint64_t base, length;
    uint32_t type;
} __attribute__((packed));

/* Multiboot2 tags. */
#define MB2_TAG_END        0
#define MB2_TAG_CMDLINE    1
#define MB2_TAG_LOADER     2
#define MB2_TAG_MODULE     3
#define MB2_TAG_MMAP       6
struct mb2_tag {
    uint32_t type, size;
};
struct mb2_module {
    uint32_t type, size, mod_start, mod_end;        /* then the NUL-terminated command line */
};
struct mb2_mmap_entry {
    uint64_t base, length;
    uint32_t type, reserved;
};

/* phys: a kernel pointer to [p, p + len), or NULL when that is not inside the early mapping. */
static const void *phys(uint64_t p, uint64_t len)
{
    if (p >= EARLY_MAP_SIZE || len > EARLY_MAP_SIZE - p)
        return NULL;
    return (const void *)(uintptr_t)(p + KERNEL_OFFSET);
}

static void copy_string(char *dst, size_t cap, uint64_t src_phys)
{
    dst[0] = '\0';
    const char *s = phys(src_phys, 1);
    if (!s)
        return;
    size_t i = 0;
    for (; i + 1 < cap && s[i] && phys(src_phys + i, 1); i++)
        dst[i] = s[i];
    dst[i] = '\0';
}

static void add_region(struct bootinfo *bi, uint64_t base, uint64_t length, uint32_t type)
{
    if (bi->region_count == BOOTINFO_MAX_REGIONS) {
        bi->regions_dropped++;
        return;
    }
    bi->regions[bi->region_count++] = (struct mem_region){ base, length, type };
}

/* The module name in a command line: its last word, without directories or a ".elf" ending. */
static void module_name(char *dst, const char *cmdline)
{
    size_t start = 0, end = 0, i = 0;
    for (; cmdline[i]; i++) {
        if (cmdline[i] == ' ')
            continue;
        if (i == 0 || cmdline[i - 1] == ' ')
            start = i;
        end = i + 1;
    }
    for (i = start; i < end; i++)
        if (cmdline[i] == '/')
            start = i + 1;
    if (end - start > 4 && cmdline[end - 4] == '.' && cmdline[end - 3] == 'e' && cmdline[end - 2] == 'l'
            && cmdline[end - 1] == 'f')
        end -= 4;
    size_t n = 0;
    for (i = start; i < end && n + 1 < BOOTINFO_MAX_NAME; i++)
        dst[n++] = cmdline[i];
    dst[n] = '\0';
}

static void add_module(struct bootinfo *bi, uint64_t start, uint64_t end, uint64_t cmdline_phys)
{
    if (bi->module_count == BOOTINFO_MAX_MODULES || end < start || !phys(start, end - start)) {
        bi->modules_dropped++;
        return;
    }
    char cmdline[BOOTINFO_MAX_CMDLINE];
    copy_string(cmdline, sizeof cmdline, cmdline_phys);
    struct boot_module_info *m = &bi->modules[bi->module_count++];
    m->base = start;
    m->length = end - start;
    module_name(m->name, cmdline);
}

static void parse_mb1_modules(const struct mb1_info *mi, struct bootinfo *bi)
{
    if (!(mi->flags & MB1_INFO_MODS) || !phys(mi->mods_addr, (uint64_t)mi->mods_count * sizeof(struct mb1_module)))
        return;
    const struct mb1_module *mods = phys(mi->mods_addr, sizeof *mods);
    for (uint32_t i = 0; i < mi->mods_count; i++) {
        if (i == BOOTINFO_MAX_MODULES) {
            bi->modules_dropped += (int)(mi->mods_count - i);
            break;
        }
        add_module(bi, mods[i].mod_start, mods[i].mod_end, mods[i].string);
    }
}

static int parse_mb1(uint64_t info_phys, struct bootinfo *bi)
{
    const struct mb1_info *mi = phys(info_phys, sizeof *mi);
    if (!mi)
        return BOOTINFO_ERANGE;
    if (mi->flags & MB1_INFO_CMDLINE)
        copy_string(bi->cmdline, sizeof bi->cmdline, mi->cmdline);
    if (mi->flags & MB1_INFO_LOADER)
        copy_string(bi->loader, sizeof bi->loader, mi->boot_loader_name);
    parse_mb1_modules(mi, bi);
    if (!(mi->flags & MB1_INFO_MMAP))
        return BOOTINFO_ENOMAP;
    if (!phys(mi->mmap_addr, mi->mmap_length))
        return BOOTINFO_ERANGE;
    uint64_t p = mi->mmap_addr, end = p + mi->mmap_length;
    while (p + sizeof(struct mb1_mmap_entry) <= end) {
        const struct mb1_mmap_entry *e = phys(p, sizeof *e);
        add_region(bi, e->base, e->length, e->type);
        p += e->size + sizeof e->size;
    }
    return BOOTINFO_OK;
}

static void parse_mb2_mmap(const struct mb2_tag *t, uint64_t tag_phys, struct bootinfo *bi)
{
    const uint32_t *hdr = (const uint32_t *)(t + 1);   /* entry_size, entry_version */
    uint32_t entry_size = hdr[0];
    if (entry_size < sizeof(struct mb2_mmap_entry))
        return;
    for (uint64_t off = 16; off + entry_size <= t->size; off += entry_size) {
        const struct mb2_mmap_entry *e = phys(tag_phys + off, sizeof *e);
        add_region(bi, e->base, e->length, e->type);
    }
}

static int parse_mb2(uint64_t info_phys, struct bootinfo *bi)
{
    const uint32_t *total = phys(info_phys, 8);
    if (!total || !phys(info_phys, *total))
        return BOOTINFO_ERANGE;
    int have_map = 0;
    uint64_t end = info_phys + *total;
    for (uint64_t p = info_phys + 8; p + sizeof(struct mb2_tag) <= end;) {
        const struct mb2_tag *t = phys(p, sizeof *t);
        if (t->type == MB2_TAG_END || t->size < sizeof *t || p + t->size > end)
            break;
        if (t->type == MB2_TAG_CMDLINE)
            copy_string(bi->cmdline, sizeof bi->cmdline, p + 8);
        else if (t->type == MB2_TAG_LOADER)
            copy_string(bi->loader, sizeof bi->loader, p + 8);
        else if (t->type == MB2_TAG_MODULE && t->size >= sizeof(struct mb2_module)) {
            const struct mb2_module *m = phys(p, sizeof *m);
            add_module(bi, m->mod_start, m->mod_end, p + sizeof *m);
        } else if (t->type == MB2_TAG_MMAP) {
            parse_mb2_mmap(t, p, bi);
            have_map = 1;
        }
        p += (t->size + 7) & ~7u;                    /* tags are 8-byte aligned */
    }
    return have_map ? BOOTINFO_OK : BOOTINFO_ENOMAP;
}

int bootinfo_parse(uint32_t magic, uint64_t info_phys, struct bootinfo *out)
{
    *out = (struct bootinfo){ 0 };
    if (magic == MB1_LOADER_MAGIC) {
        out->protocol = 1;
        return parse_mb1(info_phys, out);
    }
    if (magic == MB2_LOADER_MAGIC) {
        out->protocol = 2;
        return parse_mb2(info_phys, out);
    }
    return BOOTINFO_EMAGIC;
}

uint64_t bootinfo_usable_bytes(const struct bootinfo *bi)
{
    uint64_t sum = 0;
    for (int i = 0; i < bi->region_count; i++)
        if (bi->regions[i].type == MEM_USABLE)
            sum += bi->regions[i].length;
    return sum;
}

const char *mem_type_name(uint32_t type)
{
    switch (type) {
    case MEM_USABLE:           return "usable";
    case MEM_RESERVED:         return "reserved";
    case MEM_ACPI_RECLAIMABLE: return "ACPI reclaimable";
    case MEM_ACPI_NVS:         return "ACPI NVS";
    case MEM_BAD:              return "bad";
    default:                   return "unknown";
    }
}
