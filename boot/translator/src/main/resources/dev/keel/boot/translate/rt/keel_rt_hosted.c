/*
 * The hosted platform: a Linux process for differential tests. The console is stdout; a panic
 * exits with status 70 after printing; privileged hardware is simulated in memory, except hlt,
 * which panics because a process has nothing to wait for.
 */
#define _POSIX_C_SOURCE 200809L
#include "keel_rt.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char hosted_heap[256u << 20];

void keel_platform_default_heap(void) {
    keel_heap_init(hosted_heap, sizeof hosted_heap);
}

void keel_platform_halt(int code) {
    fflush(stdout);
    exit(code);
}

void keel_console_write(const char *bytes, size_t n) {
    fwrite(bytes, 1, n, stdout);
}

void keel_hosted_start(void) {
    static char buf[1 << 16];
    setvbuf(stdout, buf, _IOFBF, sizeof buf);
}

int keel_hosted_finish(void) {
    fflush(stdout);
    return 0;
}

int keel_usage(const char *prog) {
    fprintf(stderr, "usage: %s ENTRY [long ...]\n", prog);
    return 2;
}

int keel_streq(const char *a, const char *b) {
    return strcmp(a, b) == 0;
}

kobj *keel_argv_longs(const keel_class *long_array, int n, char **args) {
    kobj *a = keel_new_array(long_array, n, "main", 0);
    for (int i = 0; i < n; i++) {
        char *end;
        KEEL_ELEMS(a, jlong)[i] = (jlong)strtoll(args[i], &end, 0);
        if (*end != 0) {
            fprintf(stderr, "not a number: %s\n", args[i]);
            exit(2);
        }
    }
    return a;
}

/* ---- simulated hardware ---- */

static uint8_t ports[65536];
static uint64_t cr[5];
static struct { uint32_t msr; uint64_t value; } msrs[64];
static int interrupts_enabled;
#define SIM_PHYS_SIZE (16u << 20)
static uint8_t *sim_phys;

static uint8_t *phys(jlong pa, size_t width) {
    if (sim_phys == 0) {
        sim_phys = calloc(SIM_PHYS_SIZE, 1);
        if (sim_phys == 0) {
            keel_panic(KEEL_OUT_OF_MEMORY, "simulated physical memory", 0);
        }
    }
    if (pa < 0 || (uint64_t)pa + width > SIM_PHYS_SIZE) {
        keel_panic(KEEL_HOSTED_PRIVILEGED, "physical address outside the simulated 16 MiB", 0);
    }
    return sim_phys + pa;
}

jint keel_x86_inb(jint port) {
    if ((port & 0xffff) == 0x3fd) {
        return 0x60; /* COM1 line status: transmitter empty */
    }
    return ports[port & 0xffff];
}
jint keel_x86_inw(jint port) { return keel_x86_inb(port) | keel_x86_inb(port + 1) << 8; }
jint keel_x86_inl(jint port) { return keel_x86_inw(port) | (jint)((uint32_t)keel_x86_inw(port + 2) << 16); }
void keel_x86_outb(jint port, jint v) {
    if ((port & 0xffff) == 0x3f8) {
        char c = (char)v;
        keel_console_write(&c, 1); /* COM1 data */
        return;
    }
    ports[port & 0xffff] = (uint8_t)v;
}
void keel_x86_outw(jint port, jint v) { keel_x86_outb(port, v & 0xff); keel_x86_outb(port + 1, (v >> 8) & 0xff); }
void keel_x86_outl(jint port, jint v) { keel_x86_outw(port, v & 0xffff); keel_x86_outw(port + 2, (v >> 16) & 0xffff); }
jlong keel_x86_read_cr0(void) { return (jlong)cr[0]; }
void keel_x86_write_cr0(jlong v) { cr[0] = (uint64_t)v; }
jlong keel_x86_read_cr2(void) { return (jlong)cr[2]; }
jlong keel_x86_read_cr3(void) { return (jlong)cr[3]; }
void keel_x86_write_cr3(jlong v) { cr[3] = (uint64_t)v; }
jlong keel_x86_read_cr4(void) { return (jlong)cr[4]; }
void keel_x86_write_cr4(jlong v) { cr[4] = (uint64_t)v; }
void keel_x86_invlpg(jlong va) { (void)va; }
jlong keel_x86_rdmsr(jint msr) {
    for (int i = 0; i < 64; i++) {
        if (msrs[i].msr == (uint32_t)msr) return (jlong)msrs[i].value;
    }
    return 0;
}
void keel_x86_wrmsr(jint msr, jlong v) {
    for (int i = 0; i < 64; i++) {
        if (msrs[i].msr == (uint32_t)msr || msrs[i].msr == 0) {
            msrs[i].msr = (uint32_t)msr;
            msrs[i].value = (uint64_t)v;
            return;
        }
    }
    keel_panic(KEEL_HOSTED_PRIVILEGED, "too many simulated MSRs", 0);
}
void keel_x86_cli(void) { interrupts_enabled = 0; }
void keel_x86_sti(void) { interrupts_enabled = 1; }
void keel_x86_hlt(void) { keel_panic(KEEL_HOSTED_PRIVILEGED, "hlt in a hosted build", 0); }
jint keel_phys_load8(jlong pa) { return *phys(pa, 1); }
jint keel_phys_load16(jlong pa) { uint16_t v; memcpy(&v, phys(pa, 2), 2); return v; }
jint keel_phys_load32(jlong pa) { uint32_t v; memcpy(&v, phys(pa, 4), 4); return (jint)v; }
jlong keel_phys_load64(jlong pa) { uint64_t v; memcpy(&v, phys(pa, 8), 8); return (jlong)v; }
void keel_phys_store8(jlong pa, jint v) { *phys(pa, 1) = (uint8_t)v; }
void keel_phys_store16(jlong pa, jint v) { uint16_t x = (uint16_t)v; memcpy(phys(pa, 2), &x, 2); }
void keel_phys_store32(jlong pa, jint v) { uint32_t x = (uint32_t)v; memcpy(phys(pa, 4), &x, 4); }
void keel_phys_store64(jlong pa, jlong v) { uint64_t x = (uint64_t)v; memcpy(phys(pa, 8), &x, 8); }
