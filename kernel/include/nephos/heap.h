#ifndef NEPHOS_HEAP_H
#define NEPHOS_HEAP_H
#include <stddef.h>
#include <stdint.h>

struct heap_stats {
    size_t total;          /* bytes under management (payload capacity) */
    size_t used;           /* bytes in allocated blocks */
    size_t peak;
    size_t allocations;    /* live allocations */
    size_t failures;       /* malloc calls that found no block */
    size_t regions;
    size_t largest_free;
};

void heap_add_region(uintptr_t start, uintptr_t end);
void heap_get_stats(struct heap_stats *out);
int heap_check(void);

#endif
