/*
 * bootinfo.h - what the bootloader told us, in one loader-independent form.
 *
 * Both Multiboot1 (qemu -kernel) and Multiboot2 (GRUB) describe physical memory as a list of
 * (base, length, type) regions; bootinfo_parse copies that list and the command line out of
 * the loader's structures so nothing later depends on which protocol booted us.
 */
#ifndef KEEL_BOOTINFO_H
#define KEEL_BOOTINFO_H

#include <stdint.h>

/* Region types, as both Multiboot versions number them. */
#define MEM_USABLE            1
#define MEM_RESERVED          2
#define MEM_ACPI_RECLAIMABLE  3
#define MEM_ACPI_NVS          4
#define MEM_BAD               5

#define BOOTINFO_MAX_REGIONS  32
#define BOOTINFO_MAX_CMDLINE  128
#define BOOTINFO_MAX_LOADER   48
#define BOOTINFO_MAX_MODULES  8
#define BOOTINFO_MAX_NAME     32

/* bootinfo_parse results. */
#define BOOTINFO_OK           0
#define BOOTINFO_EMAGIC       1   /* the magic is neither Multiboot1 nor Multiboot2 */
#define BOOTINFO_ERANGE       2   /* a loader structure lies outside the early mapping */
#define BOOTINFO_ENOMAP       3   /* the loader gave no memory map */

struct mem_region {
    uint64_t base;
    uint64_t length;
    uint32_t type;
};

/* A boot module: a file the loader placed in physical memory (Multiboot1 modules from
 * qemu -initrd, Multiboot2 module tags from GRUB's module2). Its name is the last word of its
 * command line without directories or ".elf": "init" for "/boot/user/init.elf init",
 * "target/user/init.elf" or "init". Names are copied, since the loader's strings lie in memory
 * the kernel later hands out. */
struct boot_module_info {
    uint64_t base;
    uint64_t length;
    char name[BOOTINFO_MAX_NAME];
};

struct bootinfo {
    int protocol;                                   /* 1 or 2 */
    char cmdline[BOOTINFO_MAX_CMDLINE];             /* "" when none; cut at the limit */
    char loader[BOOTINFO_MAX_LOADER];               /* "" when the loader did not say */
    int region_count;
    int regions_dropped;                            /* regions beyond BOOTINFO_MAX_REGIONS */
    struct mem_region regions[BOOTINFO_MAX_REGIONS];
    int module_count;
    int modules_dropped;                            /* beyond BOOTINFO_MAX_MODULES, or unreadable */
    struct boot_module_info modules[BOOTINFO_MAX_MODULES];
};

int bootinfo_parse(uint32_t magic, uint64_t info_phys, struct bootinfo *out);
uint64_t bootinfo_usable_bytes(const struct bootinfo *bi);
const char *mem_type_name(uint32_t type);

#endif
