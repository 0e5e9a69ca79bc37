/*
 * kprintf.h - formatted output to the console (COM1).
 *
 * Conversions: %d %u %x %p %s %c %%, with an optional '0' flag, a width, and the length
 * modifiers l and ll (both 64-bit here). Numbers are right-justified in their width, strings
 * left-justified (a '-' flag is accepted and means the same). %p prints 0x and 16 hex digits. Nothing else: an
 * unknown conversion is printed as-is so a mistake shows in the log instead of being lost.
 */
#ifndef KEEL_KPRINTF_H
#define KEEL_KPRINTF_H

__attribute__((format(printf, 1, 2))) void kprintf(const char *fmt, ...);

#endif
