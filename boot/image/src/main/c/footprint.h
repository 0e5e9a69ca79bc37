/* footprint.h - prints the kernel image's size by section (see footprint.c). */
#ifndef KEEL_FOOTPRINT_H
#define KEEL_FOOTPRINT_H

void footprint_print(void);

#endif
