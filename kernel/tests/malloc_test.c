/*
 * Host test of the kernel heap (kernel/mm/malloc.c), built with the host compiler by
 * cli/toolchain/kernel-tests.ts (run from kernel/tests/malloc.test.ts). The allocator's symbols are
 * renamed k_* by macros so the test binary keeps glibc's malloc for itself.
 * Random malloc/free/realloc/aligned_alloc with content checks; after every step the heap's
 * invariants hold (heap_check) and `used` equals the sum of live blocks; at the end everything
 * freed coalesces back into one block.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nephos/heap.h"

void *k_malloc(size_t);
void k_free(void *);
void *k_realloc(void *, size_t);
void *k_aligned_alloc(size_t, size_t);
size_t k_malloc_usable_size(void *);

#define SLOTS 4096
static struct { uint8_t *p; size_t n; uint8_t tag; } slot[SLOTS];
static uint64_t rng = 88172645463325252ULL;
static uint64_t next(void) { rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; return rng; }

static size_t pick_size(void)
{
    uint64_t r = next() % 100;
    if (r < 60) return next() % 256 + 1;
    if (r < 90) return next() % 8192 + 1;
    if (r < 99) return next() % (256 * 1024) + 1;
    return next() % (4 * 1024 * 1024) + 1;
}

static int check_contents(int i)
{
    for (size_t k = 0; k < slot[i].n; k++) if (slot[i].p[k] != (uint8_t)(slot[i].tag + k)) return 0;
    return 1;
}

static void fill(int i)
{
    for (size_t k = 0; k < slot[i].n; k++) slot[i].p[k] = (uint8_t)(slot[i].tag + k);
}

int main(int argc, char **argv)
{
    size_t arena_size = 64u << 20;
    int steps = argc > 1 ? atoi(argv[1]) : 200000;
    uint8_t *arena = aligned_alloc(4096, arena_size);
    /* Two regions, like a memory map with a hole. */
    heap_add_region((uintptr_t)arena, (uintptr_t)arena + arena_size / 2 - 4096);
    heap_add_region((uintptr_t)arena + arena_size / 2, (uintptr_t)arena + arena_size);
    struct heap_stats st0;
    heap_get_stats(&st0);
    size_t failures = 0;
    for (int s = 0; s < steps; s++) {
        int i = (int)(next() % SLOTS);
        uint64_t op = next() % 10;
        if (slot[i].p) {
            if (!check_contents(i)) { printf("FAIL: contents of slot %d corrupted at step %d\n", i, s); return 1; }
            if (op < 6) {
                k_free(slot[i].p);
                slot[i].p = NULL;
            } else {
                size_t n = pick_size();
                uint8_t *q = k_realloc(slot[i].p, n);
                if (!q) { failures++; continue; }
                size_t keep = n < slot[i].n ? n : slot[i].n;
                for (size_t k = 0; k < keep; k++) if (q[k] != (uint8_t)(slot[i].tag + k)) { printf("FAIL: realloc lost data at step %d\n", s); return 1; }
                slot[i].p = q;
                slot[i].n = n;
                fill(i);
            }
        } else {
            size_t n = pick_size();
            size_t align = op < 2 ? ((size_t)16 << (next() % 9)) : 0;
            uint8_t *p = align ? k_aligned_alloc(align, n) : k_malloc(n);
            if (!p) { failures++; continue; }
            if (((uintptr_t)p & 15) || (align && ((uintptr_t)p & (align - 1)))) { printf("FAIL: misaligned %p (align %zu)\n", (void *)p, align); return 1; }
            if (k_malloc_usable_size(p) < n) { printf("FAIL: usable size %zu < %zu\n", k_malloc_usable_size(p), n); return 1; }
            slot[i].p = p;
            slot[i].n = n;
            slot[i].tag = (uint8_t)next();
            fill(i);
        }
        if ((s & 255) == 0) {
            int bad = heap_check();
            if (bad) { printf("FAIL: heap_check %d at step %d\n", bad, s); return 1; }
            size_t live = 0;
            for (int k = 0; k < SLOTS; k++) if (slot[k].p) live += k_malloc_usable_size(slot[k].p) + 16;
            struct heap_stats st;
            heap_get_stats(&st);
            if (st.used != live) { printf("FAIL: used %zu != live %zu at step %d\n", st.used, live, s); return 1; }
        }
    }
    for (int k = 0; k < SLOTS; k++) if (slot[k].p) k_free(slot[k].p);
    struct heap_stats st;
    heap_get_stats(&st);
    if (st.used != 0 || st.allocations != 0) { printf("FAIL: leak: used %zu allocations %zu\n", st.used, st.allocations); return 1; }
    if (heap_check()) { printf("FAIL: heap_check after free\n"); return 1; }
    /* Everything coalesced: the largest block is each region whole again. */
    void *big = k_malloc(arena_size / 2 - 4096 - 64);
    if (!big) { printf("FAIL: freed memory did not coalesce\n"); return 1; }
    k_free(big);
    printf("ok: %d steps, %zu allocation failures, total %zu\n", steps, failures, st0.total);
    return 0;
}
