/* Compute-heavy work done in Wasm: SHA-256 written in C over linear memory, iterated, and a
 * heap sort of pseudo-random numbers; plus the host's SHA-256 for comparison. */
#include "sample.h"

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static inline uint32_t rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

/* SHA-256 of one 32-byte message (a single padded block), in place. */
static void sha256_32(uint8_t digest[32]) {
    uint32_t w[64];
    for (int i = 0; i < 8; i++)
        w[i] = (uint32_t)digest[4 * i] << 24 | (uint32_t)digest[4 * i + 1] << 16 | (uint32_t)digest[4 * i + 2] << 8 | digest[4 * i + 3];
    w[8] = 0x80000000;
    for (int i = 9; i < 15; i++)
        w[i] = 0;
    w[15] = 256;
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t h[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
        uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        hh = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
    for (int i = 0; i < 8; i++) {
        digest[4 * i] = (uint8_t)(h[i] >> 24);
        digest[4 * i + 1] = (uint8_t)(h[i] >> 16);
        digest[4 * i + 2] = (uint8_t)(h[i] >> 8);
        digest[4 * i + 3] = (uint8_t)h[i];
    }
}

/* SHA-256 applied `rounds` times to a 32-byte seed, in Wasm; returns the final digest. */
EXPORT(hash_chain) Val hash_chain(BytesObject seed, U32Val rounds) {
    uint8_t buf[32];
    REQUIRE(u32_of(bytes_len(seed)) == 32, 1);
    bytes_copy_to_linear_memory(seed, u32v(0), u32v((uint32_t)(uintptr_t)buf), u32v(32));
    uint32_t n = u32_of(rounds);
    for (uint32_t i = 0; i < n; i++)
        sha256_32(buf);
    return bytes_new_from_linear_memory(u32v((uint32_t)(uintptr_t)buf), u32v(32));
}

/* The same chain through the host's compute_hash_sha256. */
EXPORT(host_chain) Val host_chain(BytesObject seed, U32Val rounds) {
    uint32_t n = u32_of(rounds);
    for (uint32_t i = 0; i < n; i++)
        seed = compute_hash_sha256(seed);
    return seed;
}

#define MAX_SORT 4096
static uint32_t items[MAX_SORT];

static void sift(uint32_t *a, uint32_t start, uint32_t end) {
    uint32_t root = start;
    while (2 * root + 1 < end) {
        uint32_t child = 2 * root + 1;
        if (child + 1 < end && a[child] < a[child + 1])
            child++;
        if (a[root] >= a[child])
            return;
        uint32_t t = a[root]; a[root] = a[child]; a[child] = t;
        root = child;
    }
}

/* Heap-sorts n xorshift numbers from `seed`; returns a checksum of the sorted order. */
EXPORT(sort) Val sort(U32Val n_val, U32Val seed) {
    uint32_t n = u32_of(n_val);
    REQUIRE(n > 0 && n <= MAX_SORT, 2);
    uint32_t x = u32_of(seed) | 1;
    for (uint32_t i = 0; i < n; i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        items[i] = x;
    }
    for (uint32_t i = n / 2; i-- > 0;)
        sift(items, i, n);
    for (uint32_t end = n - 1; end > 0; end--) {
        uint32_t t = items[0]; items[0] = items[end]; items[end] = t;
        sift(items, 0, end);
    }
    uint64_t check = 0;
    for (uint32_t i = 0; i < n; i++) {
        REQUIRE(i == 0 || items[i - 1] <= items[i], 3);
        check = check * 31 + items[i];
    }
    return u64v(check);
}
