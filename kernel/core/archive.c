/* Finds a file in the image archive (format: os/fs/archive.ts) so the kernel can start the OS
 * bytecode before any TypeScript runs. Validates every bound it reads. */
#include <string.h>
#include "nephos/kernel.h"

const uint8_t *archive_find(const uint8_t *a, size_t size, const char *path, size_t *len)
{
    if (size < 16 || memcmp(a, "NPAR", 4)) return NULL;
    uint32_t count, table;
    memcpy(&count, a + 8, 4);
    memcpy(&table, a + 12, 4);
    if ((uint64_t)table + 16 > size) return NULL;
    size_t pos = 16, end = 16 + (size_t)table, plen = strlen(path);
    for (uint32_t i = 0; i < count && pos + 14 <= end; i++) {
        uint32_t off, n;
        uint16_t l;
        memcpy(&off, a + pos + 4, 4);
        memcpy(&n, a + pos + 8, 4);
        memcpy(&l, a + pos + 12, 2);
        if (pos + 14 + l > end) return NULL;
        if (a[pos] == 1 && l == plen && !memcmp(a + pos + 14, path, plen)) {
            if ((uint64_t)off + n > size) return NULL;
            *len = n;
            return a + off;
        }
        pos += 14 + (size_t)l;
    }
    return NULL;
}
