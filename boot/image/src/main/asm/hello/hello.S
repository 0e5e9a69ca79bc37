/*
 * hello.S - the smallest Multiboot1 image: proves the QEMU harness end to end.
 *
 * Entry (Multiboot1, 32-bit protected mode): EAX = 0x2BADB002, EBX = physical address of the
 * Multiboot information, paging off, interrupts off, flat CS/DS, ESP undefined.
 * Exit: never returns. Prints one line on COM1, then writes an exit value to the
 * isa-debug-exit port, which ends QEMU with status (value << 1) | 1:
 *   HELLO_EXIT_OK  (0x21, QEMU status 67) when EAX held the Multiboot1 magic,
 *   HELLO_EXIT_BAD (0x02, QEMU status 5)  otherwise, after printing a fixed complaint.
 * If no debug-exit device is attached the CPU halts forever.
 */

.set MB1_HEADER_MAGIC,  0x1BADB002      /* what a Multiboot1 loader searches for */
.set MB1_HEADER_FLAGS,  0               /* ELF image: no alignment, memory or video requests */
.set MB1_LOADER_MAGIC,  0x2BADB002      /* what the loader leaves in EAX */

.set COM1,              0x3F8           /* first serial port; THR is at offset 0 */
.set COM1_LSR,          COM1 + 5        /* line status register */
.set LSR_THR_EMPTY,     0x20            /* transmit holding register empty */

.set DEBUG_EXIT_PORT,   0xF4            /* -device isa-debug-exit,iobase=0xf4,iosize=0x04 */
.set HELLO_EXIT_OK,     0x21
.set HELLO_EXIT_BAD,    0x02

.section .multiboot, "a"
.balign 4
mb1_header:
    .long MB1_HEADER_MAGIC
    .long MB1_HEADER_FLAGS
    .long -(MB1_HEADER_MAGIC + MB1_HEADER_FLAGS)

.section .text
.code32
.globl _start
_start:
    cli
    mov     $stack_top, %esp
    cmp     $MB1_LOADER_MAGIC, %eax
    jne     bad_magic
    mov     $msg_ok, %esi
    call    serial_puts
    mov     $HELLO_EXIT_OK, %al
    jmp     debug_exit

bad_magic:
    mov     $msg_bad, %esi
    call    serial_puts
    mov     $HELLO_EXIT_BAD, %al

/* debug_exit: AL = exit value. Does not return. */
debug_exit:
    mov     $DEBUG_EXIT_PORT, %dx
    outb    %al, %dx
1:  hlt
    jmp     1b

/* serial_puts: ESI = NUL-terminated string. Polls LSR before each byte. Clobbers EAX, EDX, ESI. */
serial_puts:
    lodsb
    test    %al, %al
    jz      2f
    mov     %al, %ah
    mov     $COM1_LSR, %dx
1:  inb     %dx, %al
    test    $LSR_THR_EMPTY, %al
    jz      1b
    mov     %ah, %al
    mov     $COM1, %dx
    outb    %al, %dx
    jmp     serial_puts
2:  ret

.section .rodata
msg_ok:  .asciz "keel-hello: multiboot1 entry ok\n"
msg_bad: .asciz "keel-hello: not loaded by a Multiboot1 loader\n"

.section .bss
.balign 16
    .skip 4096
stack_top:
