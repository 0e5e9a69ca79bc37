/* kprintf.c - the console's printf subset (see kprintf.h). */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include "kprintf.h"
#include "serial.h"

struct spec {
    bool zero_pad;
    int width;
    bool is_long;
};

/* print_number: v in base 10 or 16, negative only when is_signed and the top bit is set. */
static void print_number(uint64_t v, unsigned base, bool is_signed, struct spec sp)
{
    char buf[24];
    int n = 0;
    bool neg = is_signed && (int64_t)v < 0;
    if (neg)
        v = -v;
    do {
        buf[n++] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v);
    int len = n + (neg ? 1 : 0);
    if (neg && sp.zero_pad)
        serial_putc('-');
    for (; len < sp.width; len++)
        serial_putc(sp.zero_pad ? '0' : ' ');
    if (neg && !sp.zero_pad)
        serial_putc('-');
    while (n)
        serial_putc(buf[--n]);
}

static const char *parse_spec(const char *f, struct spec *sp)
{
    *sp = (struct spec){ false, 0, false };
    if (*f == '-')          /* strings are always left-justified, so '-' changes nothing */
        f++;
    if (*f == '0') {
        sp->zero_pad = true;
        f++;
    }
    while (*f >= '0' && *f <= '9')
        sp->width = sp->width * 10 + (*f++ - '0');
    while (*f == 'l') {
        sp->is_long = true;
        f++;
    }
    return f;
}

static void print_string(const char *s, struct spec sp)
{
    int len = 0;
    if (!s)
        s = "(null)";
    for (const char *p = s; *p; p++)
        len++;
    serial_write(s);
    for (; len < sp.width; len++)
        serial_putc(' ');
}

void kprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    for (const char *f = fmt; *f; f++) {
        if (*f != '%') {
            serial_putc(*f);
            continue;
        }
        struct spec sp;
        f = parse_spec(f + 1, &sp);
        switch (*f) {
        case 'd':
            print_number(sp.is_long ? (uint64_t)va_arg(ap, long) : (uint64_t)(int64_t)va_arg(ap, int), 10, true, sp);
            break;
        case 'u':
            print_number(sp.is_long ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 10, false, sp);
            break;
        case 'x':
            print_number(sp.is_long ? va_arg(ap, unsigned long) : va_arg(ap, unsigned), 16, false, sp);
            break;
        case 'p':
            serial_write("0x");
            print_number((uint64_t)(uintptr_t)va_arg(ap, void *), 16, false, (struct spec){ true, 16, true });
            break;
        case 's':
            print_string(va_arg(ap, const char *), sp);
            break;
        case 'c':
            serial_putc((char)va_arg(ap, int));
            break;
        case '%':
            serial_putc('%');
            break;
        case '\0':
            f--;
            break;
        default:
            serial_putc('%');
            serial_putc(*f);
            break;
        }
    }
    va_end(ap);
}
