/*
 * The heap: a two-level segregated fit allocator (TLSF, Masmano et al. 2004) over every RAM range
 * the memory map reports above the kernel image. O(1) malloc and free, immediate coalescing of
 * neighbours, so memory freed by the engine is reused for any later size.
 *
 * Layout of a block (16-byte aligned):
 *     [prev_phys: 8][size|flags: 8][payload: size bytes ...]
 * prev_phys is valid only when the previous physical block is free (PREV_FREE); free blocks keep
 * their free-list links in the first 16 bytes of the payload. Each pool ends with a zero-size used
 * sentinel so coalescing stops at pool ends.
 * Invariants (checked by heap_check in tests): no two free blocks are adjacent; a block's FREE
 * flag equals the next block's PREV_FREE flag; a free block is on exactly the list
 * mapping_insert(size) names; the bitmaps say exactly which lists are non-empty.
 * Single-threaded: only CPL3 code allocates; interrupt handlers never do.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "nephos/heap.h"

#define ALIGN_LOG2 4
#define ALIGN (1u << ALIGN_LOG2)
#define SL_LOG2 5
#define SL_COUNT (1u << SL_LOG2)
#define FL_SHIFT (SL_LOG2 + ALIGN_LOG2)
#define FL_COUNT 32          /* fl_bitmap is 32 bits: block sizes below 2^40 */
#define SMALL_BLOCK (1u << FL_SHIFT)
#define HEADER 16
#define MIN_BLOCK 16            /* payload: room for the two free-list links */

#define FLAG_FREE 1u
#define FLAG_PREV_FREE 2u
#define SIZE_MASK (~(size_t)3)

typedef struct block {
    struct block *prev_phys;
    size_t size;
    struct block *next_free;
    struct block *prev_free;
} block_t;

static uint32_t fl_bitmap;
static uint32_t sl_bitmap[FL_COUNT];
static block_t *lists[FL_COUNT][SL_COUNT];
static struct heap_stats stats;

static inline size_t bsize(const block_t *b) { return b->size & SIZE_MASK; }
static inline int is_free(const block_t *b) { return b->size & FLAG_FREE; }
static inline int prev_free(const block_t *b) { return b->size & FLAG_PREV_FREE; }
static inline void *payload(block_t *b) { return (char *)b + HEADER; }
static inline block_t *from_payload(void *p) { return (block_t *)((char *)p - HEADER); }
static inline block_t *next_phys(block_t *b) { return (block_t *)((char *)b + HEADER + bsize(b)); }

static inline int fls_size(size_t v) { return 63 - __builtin_clzll(v); }

static void mapping_insert(size_t size, int *fl, int *sl)
{
    if (size < SMALL_BLOCK) {
        *fl = 0;
        *sl = (int)(size >> ALIGN_LOG2);
    } else {
        int f = fls_size(size);
        *sl = (int)(size >> (f - SL_LOG2)) ^ (int)SL_COUNT;
        *fl = f - (FL_SHIFT - 1);
    }
}

/* Round a request up so any block on the list found is big enough. */
static void mapping_search(size_t size, int *fl, int *sl)
{
    if (size >= SMALL_BLOCK) size += ((size_t)1 << (fls_size(size) - SL_LOG2)) - 1;
    mapping_insert(size, fl, sl);
}

static void remove_free(block_t *b)
{
    int fl, sl;
    mapping_insert(bsize(b), &fl, &sl);
    if (b->prev_free) b->prev_free->next_free = b->next_free;
    else lists[fl][sl] = b->next_free;
    if (b->next_free) b->next_free->prev_free = b->prev_free;
    if (!lists[fl][sl]) {
        sl_bitmap[fl] &= ~(1u << sl);
        if (!sl_bitmap[fl]) fl_bitmap &= ~(1u << fl);
    }
}

static void insert_free(block_t *b)
{
    int fl, sl;
    mapping_insert(bsize(b), &fl, &sl);
    b->prev_free = NULL;
    b->next_free = lists[fl][sl];
    if (b->next_free) b->next_free->prev_free = b;
    lists[fl][sl] = b;
    sl_bitmap[fl] |= 1u << sl;
    fl_bitmap |= 1u << fl;
}

static block_t *find_free(size_t size)
{
    int fl, sl;
    mapping_search(size, &fl, &sl);
    if (fl >= FL_COUNT || !((fl_bitmap >> fl) & 1) || !(sl_bitmap[fl] & (~0u << sl))) {
        /* Nothing in the rounded-up classes: before failing, look through the request's own class
         * for a block that happens to be big enough (first fit), so a request close to the size of
         * the largest free block still succeeds. */
        int f0, s0;
        mapping_insert(size, &f0, &s0);
        if (f0 < FL_COUNT) {
            for (block_t *b = lists[f0][s0]; b; b = b->next_free)
                if (bsize(b) >= size) return b;
        }
    }
    if (fl >= FL_COUNT) return NULL;
    uint32_t sl_map = sl_bitmap[fl] & (~0u << sl);
    if (!sl_map) {
        uint32_t fl_map = fl + 1 < 32 ? fl_bitmap & (~0u << (fl + 1)) : 0;
        if (!fl_map) return NULL;
        fl = __builtin_ctz(fl_map);
        sl_map = sl_bitmap[fl];
    }
    sl = __builtin_ctz(sl_map);
    return lists[fl][sl];
}

static void mark_free(block_t *b)
{
    b->size |= FLAG_FREE;
    block_t *n = next_phys(b);
    n->prev_phys = b;
    n->size |= FLAG_PREV_FREE;
}

static void mark_used(block_t *b)
{
    b->size &= ~(size_t)FLAG_FREE;
    next_phys(b)->size &= ~(size_t)FLAG_PREV_FREE;
}

/* Split b (free, off-list) so it holds `size`; the remainder goes back on a list. */
static void trim(block_t *b, size_t size)
{
    if (bsize(b) >= size + HEADER + MIN_BLOCK) {
        block_t *rest = (block_t *)((char *)b + HEADER + size);
        rest->size = (bsize(b) - size - HEADER) | FLAG_FREE;
        b->size = size | (b->size & ~SIZE_MASK);
        next_phys(rest)->prev_phys = rest;
        next_phys(rest)->size |= FLAG_PREV_FREE;
        rest->size &= ~(size_t)FLAG_PREV_FREE;  /* b is about to be used */
        insert_free(rest);
    }
}

static block_t *merge_prev(block_t *b)
{
    if (prev_free(b)) {
        block_t *p = b->prev_phys;
        remove_free(p);
        p->size = (bsize(p) + HEADER + bsize(b)) | (p->size & FLAG_PREV_FREE) | FLAG_FREE;
        b = p;
    }
    return b;
}

static block_t *merge_next(block_t *b)
{
    block_t *n = next_phys(b);
    if (is_free(n)) {
        remove_free(n);
        b->size = (bsize(b) + HEADER + bsize(n)) | (b->size & ~SIZE_MASK);
    }
    return b;
}

static size_t adjust(size_t size)
{
    if (size < MIN_BLOCK) return MIN_BLOCK;
    return (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
}

void heap_add_region(uintptr_t start, uintptr_t end)
{
    start = (start + ALIGN - 1) & ~(uintptr_t)(ALIGN - 1);
    end &= ~(uintptr_t)(ALIGN - 1);
    if (end <= start || end - start < 2 * HEADER + MIN_BLOCK + 64) return;
    block_t *b = (block_t *)start;
    b->prev_phys = NULL;
    b->size = (end - start - 2 * HEADER) | FLAG_FREE;
    block_t *sentinel = next_phys(b);
    sentinel->prev_phys = b;
    sentinel->size = FLAG_PREV_FREE;        /* size 0, used */
    insert_free(b);
    stats.total += bsize(b);
    stats.regions++;
}

void *malloc(size_t size)
{
    if (size > ((size_t)1 << (FL_COUNT + FL_SHIFT - 2))) return NULL;   /* 2^39: mapping stays in range */
    size = adjust(size);
    block_t *b = find_free(size);
    if (!b) {
        stats.failures++;
        return NULL;
    }
    remove_free(b);
    trim(b, size);
    mark_used(b);
    stats.used += bsize(b) + HEADER;
    stats.allocations++;
    if (stats.used > stats.peak) stats.peak = stats.used;
    return payload(b);
}

void free(void *p)
{
    if (!p) return;
    block_t *b = from_payload(p);
    stats.used -= bsize(b) + HEADER;
    stats.allocations--;
    mark_free(b);
    b = merge_prev(b);
    b = merge_next(b);
    next_phys(b)->prev_phys = b;
    next_phys(b)->size |= FLAG_PREV_FREE;
    insert_free(b);
}

void *calloc(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size) return NULL;
    void *p = malloc(n * size);
    if (p) memset(p, 0, n * size);
    return p;
}

size_t malloc_usable_size(void *p)
{
    return p ? bsize(from_payload(p)) : 0;
}

void *realloc(void *p, size_t size)
{
    if (!p) return malloc(size);
    if (!size) {
        free(p);
        return NULL;
    }
    block_t *b = from_payload(p);
    size_t want = adjust(size);
    size_t have = bsize(b);
    if (want <= have) {
        /* Shrink in place; give back a tail big enough to be a block. */
        if (have >= want + HEADER + MIN_BLOCK) {
            stats.used -= have + HEADER;
            block_t *n = next_phys(b);
            b->size = want | (b->size & ~SIZE_MASK);
            block_t *rest = next_phys(b);
            rest->size = have - want - HEADER;      /* flags: prev (b) used */
            rest->prev_phys = b;
            n->prev_phys = rest;
            stats.used += want + HEADER + bsize(rest) + HEADER;   /* free() below subtracts rest */
            stats.allocations++;
            free(payload(rest));
        }
        return p;
    }
    block_t *n = next_phys(b);
    if (is_free(n) && have + HEADER + bsize(n) >= want) {
        remove_free(n);
        stats.used -= have;
        b->size = (have + HEADER + bsize(n)) | (b->size & ~SIZE_MASK);
        next_phys(b)->size &= ~(size_t)FLAG_PREV_FREE;
        /* trim expects a block whose successor's PREV_FREE reflects b: b is used. */
        if (bsize(b) >= want + HEADER + MIN_BLOCK) {
            block_t *rest = (block_t *)((char *)b + HEADER + want);
            rest->size = (bsize(b) - want - HEADER) | FLAG_FREE;
            b->size = want | (b->size & ~SIZE_MASK);
            next_phys(rest)->prev_phys = rest;
            next_phys(rest)->size |= FLAG_PREV_FREE;
            insert_free(rest);
        }
        stats.used += bsize(b);
        if (stats.used > stats.peak) stats.peak = stats.used;
        return p;
    }
    void *q = malloc(size);
    if (!q) return NULL;
    memcpy(q, p, have);
    free(p);
    return q;
}

void *aligned_alloc(size_t align, size_t size)
{
    if (align <= ALIGN) return malloc(size);
    if (align & (align - 1)) return NULL;
    /* Over-allocate, then free the misaligned head as its own block. */
    size_t want = adjust(size);
    void *p = malloc(want + align + HEADER + MIN_BLOCK);
    if (!p) return NULL;
    uintptr_t addr = (uintptr_t)p;
    if ((addr & (align - 1)) == 0) return p;
    uintptr_t aligned = (addr + HEADER + MIN_BLOCK + align - 1) & ~(uintptr_t)(align - 1);
    block_t *b = from_payload(p);
    block_t *nb = from_payload((void *)aligned);
    size_t head = (uintptr_t)nb - (uintptr_t)b - HEADER;   /* payload size of the head block */
    size_t total = bsize(b);
    stats.used -= total + HEADER;
    nb->size = (total - head - HEADER);                     /* used; prev (head) will be used now */
    b->size = head | (b->size & ~SIZE_MASK);
    nb->prev_phys = b;
    next_phys(nb)->prev_phys = nb;
    stats.used += head + HEADER + bsize(nb) + HEADER;
    stats.allocations++;
    free(payload(b));
    return (void *)aligned;
}

void *memalign(size_t align, size_t size) { return aligned_alloc(align, size); }

int posix_memalign(void **out, size_t align, size_t size)
{
    void *p = aligned_alloc(align, size);
    if (!p) return 12; /* ENOMEM */
    *out = p;
    return 0;
}

void heap_get_stats(struct heap_stats *out)
{
    *out = stats;
}

/* For reports (slow: walks the free lists). */
void heap_free_summary(size_t *free_bytes, size_t *largest, size_t *blocks)
{
    *free_bytes = *largest = *blocks = 0;
    for (int fl = 0; fl < FL_COUNT; fl++) {
        for (int sl = 0; sl < (int)SL_COUNT; sl++) {
            for (block_t *b = lists[fl][sl]; b; b = b->next_free) {
                *free_bytes += bsize(b);
                (*blocks)++;
                if (bsize(b) > *largest) *largest = bsize(b);
            }
        }
    }
}

/* Walks every list and checks the invariants above; returns 0 when the heap is consistent. */
int heap_check(void)
{
    for (int fl = 0; fl < FL_COUNT; fl++) {
        for (int sl = 0; sl < (int)SL_COUNT; sl++) {
            int has = (sl_bitmap[fl] >> sl) & 1;
            if (has != (lists[fl][sl] != NULL)) return 1;
            for (block_t *b = lists[fl][sl]; b; b = b->next_free) {
                int f, s;
                mapping_insert(bsize(b), &f, &s);
                if (f != fl || s != sl || !is_free(b)) return 2;
                block_t *n = next_phys(b);
                if (!prev_free(n) || n->prev_phys != b || is_free(n)) return 3;
            }
        }
        if (((fl_bitmap >> fl) & 1) != (sl_bitmap[fl] != 0)) return 4;
    }
    return 0;
}
