/* Runs the CapTable corpus program with capability objects in a typed pool of argv[1] bytes. */
#include "keel_rt.h"
#include <stdio.h>
#include <stdlib.h>

extern const keel_class CapTable_Cap__class;
extern const keel_class keel_array_class_AJ;
void corpus_CapTable(kobj *in);

static char pool[1 << 20] __attribute__((aligned(16)));

int main(int argc, char **argv) {
    size_t size = argc > 1 ? (size_t)strtoul(argv[1], 0, 0) : sizeof pool;
    if (size > sizeof pool) {
        return 2;
    }
    keel_hosted_start();
    keel_pool_init(&CapTable_Cap__class, pool, size);
    size_t heap_before = keel_heap_used();
    corpus_CapTable(keel_argv_longs(&keel_array_class_AJ, 0, argv));
    printf("pool %zu heap %zu\n", keel_pool_used(&CapTable_Cap__class), keel_heap_used() - heap_before);
    return keel_hosted_finish();
}
