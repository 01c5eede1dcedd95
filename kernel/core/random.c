/*
 * The kernel's CSPRNG: a ChaCha20 (RFC 8439) generator with fast key erasure. Entropy comes from
 * RDSEED/RDRAND when the CPU has them (CPUID) and from virtio-rng (the OS absorbs its bytes through
 * op_random_seed). Output is refused until 32 bytes of credited entropy were absorbed: never
 * seeded from a constant or the clock.
 *
 * absorb: key = ChaCha20_block(key XOR chunk, counter++)[0..32) for each 32-byte chunk.
 * fill:   keystream from (key, counter); then the key is replaced by fresh keystream, so a later
 *         compromise of the state does not reveal earlier output.
 */
#include <string.h>
#include "../arch/x86/cpu.h"
#include "nephos/kernel.h"
#include "nephos/boot.h"

static uint32_t key[8];
static uint64_t counter;
static size_t credited;
static int have_rdrand, have_rdseed;
static char sources[64];

#define ROTL(a, b) (((a) << (b)) | ((a) >> (32 - (b))))
#define QR(a, b, c, d) (a += b, d ^= a, d = ROTL(d, 16), c += d, b ^= c, b = ROTL(b, 12), \
                        a += b, d ^= a, d = ROTL(d, 8), c += d, b ^= c, b = ROTL(b, 7))

static void chacha_block(const uint32_t k[8], uint64_t ctr, uint32_t out[16])
{
    uint32_t s[16] = {
        0x61707865, 0x3320646e, 0x79622d32, 0x6b206574,
        k[0], k[1], k[2], k[3], k[4], k[5], k[6], k[7],
        (uint32_t)ctr, (uint32_t)(ctr >> 32), 0x6e657068, 0x6f730000,
    };
    uint32_t x[16];
    memcpy(x, s, sizeof x);
    for (int i = 0; i < 10; i++) {
        QR(x[0], x[4], x[8], x[12]); QR(x[1], x[5], x[9], x[13]);
        QR(x[2], x[6], x[10], x[14]); QR(x[3], x[7], x[11], x[15]);
        QR(x[0], x[5], x[10], x[15]); QR(x[1], x[6], x[11], x[12]);
        QR(x[2], x[7], x[8], x[13]); QR(x[3], x[4], x[9], x[14]);
    }
    for (int i = 0; i < 16; i++) out[i] = x[i] + s[i];
}

void random_absorb(const uint8_t *data, size_t n, int credit_bytes)
{
    uint32_t block[16];
    while (n) {
        uint8_t chunk[32] = {0};
        size_t take = n < 32 ? n : 32;
        memcpy(chunk, data, take);
        for (int i = 0; i < 8; i++) {
            uint32_t w;
            memcpy(&w, chunk + 4 * i, 4);
            key[i] ^= w;
        }
        chacha_block(key, counter++, block);
        memcpy(key, block, sizeof key);
        data += take;
        n -= take;
    }
    memset(block, 0, sizeof block);
    credited += (size_t)credit_bytes;
}

int random_seeded(void)
{
    return credited >= 32;
}

int random_fill(uint8_t *out, size_t n)
{
    if (!random_seeded()) return 0;
    uint32_t block[16];
    while (n) {
        chacha_block(key, counter++, block);
        size_t take = n < 64 ? n : 64;
        memcpy(out, block, take);
        out += take;
        n -= take;
    }
    chacha_block(key, counter++, block);
    memcpy(key, block, sizeof key);
    memset(block, 0, sizeof block);
    return 1;
}

static int rdseed64(uint64_t *v)
{
    unsigned char ok;
    for (int i = 0; i < 64; i++) {
        __asm__ volatile("rdseed %0; setc %1" : "=r"(*v), "=qm"(ok));
        if (ok) return 1;
        cpu_relax();
    }
    return 0;
}

static int rdrand64(uint64_t *v)
{
    unsigned char ok;
    for (int i = 0; i < 16; i++) {
        __asm__ volatile("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok));
        if (ok) return 1;
    }
    return 0;
}

void random_init(void)
{
    /* The VM's CPUID as read at CPL0 (boot.h): trust it over what CPL3 could see. */
    have_rdrand = (boot_cpl0.cpuid1[2] >> 30) & 1;
    have_rdseed = (boot_cpl0.cpuid7[1] >> 18) & 1;
    uint64_t words[8];
    int got = 0;
    if (have_rdseed) {
        for (got = 0; got < 8 && rdseed64(&words[got]); got++) { }
        if (got == 8) {
            random_absorb((const uint8_t *)words, sizeof words, 32);
            strcat(sources, "rdseed");
        }
    }
    if (!random_seeded() && have_rdrand) {
        /* RDRAND output is conditioned DRBG output: absorb generously. */
        uint64_t many[32];
        for (got = 0; got < 32 && rdrand64(&many[got]); got++) { }
        if (got == 32) {
            random_absorb((const uint8_t *)many, sizeof many, 32);
            strcat(sources, sources[0] ? "+rdrand" : "rdrand");
        }
        memset(many, 0, sizeof many);
    }
    memset(words, 0, sizeof words);
}

void random_note_source(const char *name)
{
    if (strstr(sources, name)) return;
    if (sources[0]) strncat(sources, "+", sizeof sources - strlen(sources) - 1);
    strncat(sources, name, sizeof sources - strlen(sources) - 1);
}

const char *random_sources(void)
{
    return sources;
}
