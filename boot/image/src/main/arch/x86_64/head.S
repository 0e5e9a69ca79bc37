/*
 * head.S - from the bootloader to kmain.
 *
 * Entry (_start), set by either loader:
 *   Multiboot1 (qemu -kernel): EAX = 0x2BADB002, EBX = physical address of the information block.
 *   Multiboot2 (GRUB ISO):     EAX = 0x36D76289, EBX = physical address of the information tags.
 *   Both: 32-bit protected mode, paging off, interrupts off, flat 4 GiB CS and DS, ESP undefined,
 *   A20 on. The image is loaded at physical KERNEL_PHYS (1 MiB); its bss is zeroed.
 *
 * Exit (call to kmain): 64-bit long mode, paging on with the early tables below (physical
 * [0, 1 GiB) at 0 and at KERNEL_OFFSET), CS = GDT_KERNEL_CODE and DS = ES = SS = GDT_KERNEL_DATA
 * from the boot GDT, interrupts off, RSP = boot_stack_top (high address, 16-byte aligned),
 * RDI = loader magic, RSI = physical address of the loader's information, RDX = TSC at entry.
 * kmain does not return; if it did, the CPU would halt.
 *
 * Each step is a routine that either returns or calls boot_fail, which prints a fixed message
 * on COM1 and halts. The 32-bit routines keep EDI (magic) and ESI (information address).
 *
 * Linker symbols used here (kernel.ld): boot_* live in the low .boot section, linked at their
 * physical address; everything else is linked at KERNEL_OFFSET + physical, so 32-bit code
 * reaches it at (symbol - KERNEL_OFFSET) until paging is on.
 */
#include "boot.h"

#define PHYS(sym) ((sym) - KERNEL_OFFSET)

/* COM1 registers, relative to COM1_PORT. */
#define UART_DATA   0       /* transmit holding / divisor low when DLAB=1 */
#define UART_IER    1       /* interrupt enable / divisor high when DLAB=1 */
#define UART_FCR    2
#define UART_LCR    3
#define UART_MCR    4
#define UART_LSR    5
#define LCR_DLAB    0x80
#define LCR_8N1     0x03
#define FCR_ENABLE_CLEAR_14  0xC7   /* FIFO on, both cleared, 14-byte trigger */
#define MCR_DTR_RTS_OUT2     0x0B
#define LSR_THR_EMPTY        0x20
#define UART_DIVISOR_115200  1

/* ---- loader headers: Multiboot1 within the first 8 KiB, Multiboot2 within the first 32 KiB ---- */

.section .multiboot1, "a"
.balign 4
mb1_header:
    .long MB1_HEADER_MAGIC
    .long MB1_HEADER_FLAGS
    .long -(MB1_HEADER_MAGIC + MB1_HEADER_FLAGS)

.section .multiboot2, "a"
.balign 8
mb2_header:
    .long MB2_HEADER_MAGIC
    .long MB2_ARCH_I386
    .long mb2_header_end - mb2_header
    .long 0x100000000 - (MB2_HEADER_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))
    /* information request: command line (1), memory map (6) */
    .balign 8
    .word 1, 0
    .long 16
    .long 1, 6
    /* end tag */
    .balign 8
    .word 0, 0
    .long 8
mb2_header_end:

/* ---- 32-bit boot code ---- */

.section .boot.text, "ax"
.code32
.globl _start
_start:
    cli
    cld
    mov     %eax, %edi
    mov     %ebx, %esi
    mov     $PHYS(boot_stack_top), %esp
    call    record_entry_tsc
    call    serial_init32
    call    check_multiboot
    call    check_cpuid
    call    check_long_mode
    call    check_nx
    call    setup_page_tables
    call    enable_long_mode
    lgdt    boot_gdt_ptr
    ljmp    $GDT_KERNEL_CODE, $long_mode_low

/* record_entry_tsc: boot_tsc_entry = TSC, the start of the boot-time measurement. Clobbers EAX, EDX. */
record_entry_tsc:
    rdtsc
    mov     %eax, PHYS(boot_tsc_entry)
    mov     %edx, PHYS(boot_tsc_entry) + 4
    ret

/* serial_init32: COM1 at 115200 8N1, FIFOs on, interrupts off. Clobbers EAX, EDX. */
serial_init32:
    mov     $COM1_PORT + UART_IER, %dx
    xor     %al, %al
    outb    %al, %dx
    mov     $COM1_PORT + UART_LCR, %dx
    mov     $LCR_DLAB, %al
    outb    %al, %dx
    mov     $COM1_PORT + UART_DATA, %dx
    mov     $UART_DIVISOR_115200, %al
    outb    %al, %dx
    mov     $COM1_PORT + UART_IER, %dx
    xor     %al, %al
    outb    %al, %dx
    mov     $COM1_PORT + UART_LCR, %dx
    mov     $LCR_8N1, %al
    outb    %al, %dx
    mov     $COM1_PORT + UART_FCR, %dx
    mov     $FCR_ENABLE_CLEAR_14, %al
    outb    %al, %dx
    mov     $COM1_PORT + UART_MCR, %dx
    mov     $MCR_DTR_RTS_OUT2, %al
    outb    %al, %dx
    ret

/* check_multiboot: EDI must hold a Multiboot1 or Multiboot2 loader magic. */
check_multiboot:
    cmp     $MB1_LOADER_MAGIC, %edi
    je      1f
    cmp     $MB2_LOADER_MAGIC, %edi
    je      1f
    mov     $msg_no_multiboot, %ebx
    jmp     boot_fail
1:  ret

/* check_cpuid: CPUID exists iff software can flip EFLAGS.ID. Clobbers EAX, ECX. */
check_cpuid:
    pushfl
    pop     %eax
    mov     %eax, %ecx
    xor     $RFLAGS_ID, %eax
    push    %eax
    popfl
    pushfl
    pop     %eax
    push    %ecx
    popfl
    cmp     %eax, %ecx
    jne     1f
    mov     $msg_no_cpuid, %ebx
    jmp     boot_fail
1:  ret

/* check_long_mode: extended leaf 0x80000001 must exist and report LM. Clobbers EAX-EDX. */
check_long_mode:
    mov     $CPUID_EXT_MAX, %eax
    cpuid
    cmp     $CPUID_EXT_FEATURES, %eax
    jb      1f
    mov     $CPUID_EXT_FEATURES, %eax
    cpuid
    test    $CPUID_EXT_EDX_LM, %edx
    jz      1f
    ret
1:  mov     $msg_no_long_mode, %ebx
    jmp     boot_fail

/* check_nx: leaf 0x80000001 (present: check_long_mode ran) must report NX, which the kernel
 * needs to keep user data and stacks from being executed. Clobbers EAX-EDX. */
check_nx:
    mov     $CPUID_EXT_FEATURES, %eax
    cpuid
    test    $CPUID_EXT_EDX_NX, %edx
    jz      1f
    ret
1:  mov     $msg_no_nx, %ebx
    jmp     boot_fail

/*
 * setup_page_tables: one page directory of 2 MiB pages maps physical [0, 1 GiB); it is reached
 * from PML4[0] -> PDPT_low[0] (identity, needed while RIP is still low) and from
 * PML4[511] -> PDPT_high[510] (KERNEL_OFFSET = 0xffffffff80000000). The tables are in .bss,
 * which the loader zeroed, so only the present entries are written. Clobbers EAX, ECX.
 */
setup_page_tables:
    mov     $PHYS(early_pdpt_low) + (PTE_P | PTE_W), %eax
    mov     %eax, PHYS(early_pml4)
    mov     $PHYS(early_pdpt_high) + (PTE_P | PTE_W), %eax
    mov     %eax, PHYS(early_pml4) + 511 * 8
    mov     $PHYS(early_pd) + (PTE_P | PTE_W), %eax
    mov     %eax, PHYS(early_pdpt_low)
    mov     %eax, PHYS(early_pdpt_high) + 510 * 8
    xor     %ecx, %ecx
1:  mov     %ecx, %eax
    shl     $21, %eax                   /* entry i maps i * 2 MiB */
    or      $(PTE_P | PTE_W | PTE_PS), %eax
    mov     %eax, PHYS(early_pd)(, %ecx, 8)
    inc     %ecx
    cmp     $512, %ecx
    jb      1b
    ret

/* enable_long_mode: PAE, CR3 = early PML4, EFER.LME and EFER.NXE (PTE bit 63 means no-execute
 * instead of a reserved bit), then paging. Still 32-bit code afterwards
 * (compatibility mode) until the far jump loads a 64-bit CS. Clobbers EAX, ECX, EDX. */
enable_long_mode:
    mov     %cr4, %eax
    or      $(CR4_PAE | CR4_PGE), %eax
    mov     %eax, %cr4
    mov     $PHYS(early_pml4), %eax
    mov     %eax, %cr3
    mov     $MSR_EFER, %ecx
    rdmsr
    or      $(EFER_LME | EFER_NXE), %eax
    wrmsr
    mov     %cr0, %eax
    or      $(CR0_PG | CR0_WP | CR0_PE), %eax
    mov     %eax, %cr0
    ret

/* boot_fail: EBX = NUL-terminated message. Prints it on COM1 and halts forever. */
boot_fail:
    mov     $msg_boot_failed, %ecx
    call    serial_puts32
    mov     %ebx, %ecx
    call    serial_puts32
1:  cli
    hlt
    jmp     1b

/* serial_puts32: ECX = NUL-terminated string, polled output. Clobbers EAX, ECX, EDX. */
serial_puts32:
    movb    (%ecx), %ah
    test    %ah, %ah
    jz      3f
    mov     $COM1_PORT + UART_LSR, %dx
2:  inb     %dx, %al
    test    $LSR_THR_EMPTY, %al
    jz      2b
    mov     %ah, %al
    mov     $COM1_PORT + UART_DATA, %dx
    outb    %al, %dx
    inc     %ecx
    jmp     serial_puts32
3:  ret

/* ---- first 64-bit instructions, still at the low (identity) address ---- */

.code64
long_mode_low:
    mov     $GDT_KERNEL_DATA, %eax
    mov     %eax, %ds
    mov     %eax, %es
    mov     %eax, %ss
    xor     %eax, %eax
    mov     %eax, %fs
    mov     %eax, %gs
    movabs  $start64, %rax
    jmp     *%rax

/* ---- boot data: the GDT that gets us into long mode; gdt.c replaces it ---- */

.section .boot.data, "a"
.balign 16
boot_gdt:
    .quad 0                                 /* null */
    .quad 0x00AF9B000000FFFF                /* GDT_KERNEL_CODE: 64-bit, DPL 0, present, accessed */
    .quad 0x00CF93000000FFFF                /* GDT_KERNEL_DATA: writable, DPL 0, present, accessed */
boot_gdt_end:
boot_gdt_ptr:
    .word boot_gdt_end - boot_gdt - 1
    .long boot_gdt

msg_boot_failed:  .asciz "keel: boot failed: "
msg_no_multiboot: .asciz "not loaded by a Multiboot loader (bad EAX magic)\n"
msg_no_cpuid:     .asciz "CPUID not supported\n"
msg_no_long_mode: .asciz "CPU lacks long mode (x86-64)\n"
msg_no_nx:        .asciz "CPU lacks no-execute (NX) page protection\n"

/* ---- high half ---- */

.section .text
.code64
/* start64: switch to the high stack and call kmain(magic, info, entry TSC). */
start64:
    movabs  $boot_stack_top, %rsp
    xor     %ebp, %ebp
    mov     %edi, %edi                      /* the upper halves are undefined after the mode switch */
    mov     %esi, %esi
    movabs  $boot_tsc_entry, %rax
    mov     (%rax), %rdx
    call    kmain
1:  cli
    hlt
    jmp     1b

.section .data
.balign 8
.globl boot_tsc_entry
boot_tsc_entry:
    .quad 0

.section .bss
.balign 4096
.globl early_pml4
early_pml4:      .skip 4096
early_pdpt_low:  .skip 4096
early_pdpt_high: .skip 4096
early_pd:        .skip 4096
.balign 16
.globl boot_stack_bottom, boot_stack_top
boot_stack_bottom:
    .skip BOOT_STACK_SIZE
boot_stack_top:
