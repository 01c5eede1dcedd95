#ifndef NEPHOS_HEAP_H
#define NEPHOS_HEAP_H
#include <stddef.h>
#include <stdint.h>

struct heap_stats {
    size_t total;          /* bytes under management */
    size_t used;           /* bytes of allocated blocks, headers included */
    size_t peak;
    size_t allocations;    /* live allocations */
    size_t failures;       /* malloc calls that found no block */
    size_t regions;
};

void heap_add_region(uintptr_t start, uintptr_t end);
void heap_get_stats(struct heap_stats *out);
int heap_check(void);
void heap_free_summary(size_t *free_bytes, size_t *largest, size_t *blocks);

#endif
