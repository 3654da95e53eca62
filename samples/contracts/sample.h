/* Helpers for the sample contracts (samples/contracts): Val encoding, small symbols, i128
 * values and 128-bit arithmetic done in Wasm (no compiler runtime: -nostdlib), storage and
 * event shorthands. Built with clang for wasm32 against sdk/c/soroban.h by
 * src/Sample/SampleContracts.cs (the flags are pinned there). */
#ifndef SAMPLE_H
#define SAMPLE_H

#include "soroban.h"

#define EXPORT(name) __attribute__((export_name(#name)))

enum {
    TAG_FALSE = 0, TAG_TRUE = 1, TAG_VOID = 2, TAG_ERROR = 3, TAG_U32 = 4, TAG_I32 = 5,
    TAG_U64_SMALL = 6, TAG_I64_SMALL = 7, TAG_I128_SMALL = 11, TAG_SYMBOL_SMALL = 14,
    TAG_I128_OBJECT = 69, TAG_BYTES_OBJECT = 72, TAG_VEC_OBJECT = 75, TAG_MAP_OBJECT = 76,
    TAG_ADDRESS_OBJECT = 77,
};

enum { ERR_CONTRACT = 0, ERR_AUTH = 9 };
enum { STORAGE_TEMPORARY = 0, STORAGE_PERSISTENT = 1, STORAGE_INSTANCE = 2 };

#define VOID_VAL ((Val)TAG_VOID)
#define TRUE_VAL ((Val)TAG_TRUE)
#define FALSE_VAL ((Val)TAG_FALSE)

static inline uint32_t tag_of(Val v) { return (uint32_t)(v & 0xff); }
static inline uint32_t major_of(Val v) { return (uint32_t)(v >> 32); }
static inline uint32_t minor_of(Val v) { return (uint32_t)((v >> 8) & 0xffffff); }
static inline Val val_mm(uint32_t major, uint32_t minor, uint32_t tag) {
    return ((uint64_t)major << 32) | ((uint64_t)minor << 8) | tag;
}
static inline U32Val u32v(uint32_t x) { return val_mm(x, 0, TAG_U32); }
static inline uint32_t u32_of(Val v) { return major_of(v); }
static inline Val u64_small(uint64_t x) { return (x << 8) | TAG_U64_SMALL; }
static inline uint64_t u64_of(Val v) { return tag_of(v) == TAG_U64_SMALL ? v >> 8 : obj_to_u64(v); }
static inline Val u64v(uint64_t x) { return x < ((uint64_t)1 << 56) ? u64_small(x) : obj_from_u64(x); }
static inline Val boolv(int b) { return b ? TRUE_VAL : FALSE_VAL; }
static inline Error error_val(uint32_t type, uint32_t code) { return val_mm(code, type, TAG_ERROR); }

/* A small symbol (up to 9 characters of [_0-9A-Za-z]). */
static inline Symbol sym(const char *s) {
    uint64_t body = 0;
    for (; *s; s++) {
        char c = *s;
        uint64_t code = c == '_' ? 1
            : (c >= '0' && c <= '9') ? 2 + (uint64_t)(c - '0')
            : (c >= 'A' && c <= 'Z') ? 12 + (uint64_t)(c - 'A')
            : 38 + (uint64_t)(c - 'a');
        body = (body << 6) | code;
    }
    return (body << 8) | TAG_SYMBOL_SMALL;
}

/* Fails the contract with (Contract, code). */
static inline void fail(uint32_t code) { fail_with_error(error_val(ERR_CONTRACT, code)); }
#define REQUIRE(cond, code) do { if (!(cond)) fail(code); } while (0)

static inline VecObject vec1(Val a) { return vec_push_back(vec_new(), a); }
static inline VecObject vec2(Val a, Val b) { return vec_push_back(vec1(a), b); }
static inline VecObject vec3(Val a, Val b, Val c) { return vec_push_back(vec2(a, b), c); }
static inline VecObject vec4(Val a, Val b, Val c, Val d) { return vec_push_back(vec3(a, b, c), d); }

static inline void event(VecObject topics, Val data) { contract_event(topics, data); }
static inline Val load(Val key, uint32_t type, Val fallback) {
    return has_contract_data(key, type) == TRUE_VAL ? get_contract_data(key, type) : fallback;
}
static inline void store(Val key, uint32_t type, Val value) { put_contract_data(key, value, type); }

/* Two values equal as the host compares them. */
static inline int same(Val a, Val b) { return obj_cmp(a, b) == 0; }

/* ---- 128-bit integers, computed in Wasm ---- */
typedef struct { uint64_t lo; uint64_t hi; } u128;

static inline u128 u128_of64(uint64_t x) { u128 r = { x, 0 }; return r; }
static inline int u128_is_neg(u128 a) { return (int64_t)a.hi < 0; }
static inline u128 u128_add(u128 a, u128 b) {
    u128 r; r.lo = a.lo + b.lo; r.hi = a.hi + b.hi + (r.lo < a.lo); return r;
}
static inline u128 u128_sub(u128 a, u128 b) {
    u128 r; r.lo = a.lo - b.lo; r.hi = a.hi - b.hi - (a.lo < b.lo); return r;
}
static inline u128 u128_neg(u128 a) { return u128_sub(u128_of64(0), a); }
static inline int u128_lt(u128 a, u128 b) { return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo); }
static inline int i128_lt(u128 a, u128 b) {
    return (int64_t)a.hi < (int64_t)b.hi || (a.hi == b.hi && a.lo < b.lo);
}
static inline int u128_is_zero(u128 a) { return a.hi == 0 && a.lo == 0; }
/* 64 x 64 -> 128 by 32-bit halves. */
static inline u128 mul64(uint64_t a, uint64_t b) {
    uint64_t a0 = (uint32_t)a, a1 = a >> 32, b0 = (uint32_t)b, b1 = b >> 32;
    uint64_t p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
    uint64_t mid = (p00 >> 32) + (uint32_t)p01 + (uint32_t)p10;
    u128 r;
    r.lo = (mid << 32) | (uint32_t)p00;
    r.hi = p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
    return r;
}
/* The low 128 bits of a product (two's complement, so also right for signed values). */
static inline u128 u128_mul(u128 a, u128 b) {
    u128 r = mul64(a.lo, b.lo);
    r.hi += a.lo * b.hi + a.hi * b.lo;
    return r;
}
/* Unsigned division by shift and subtract; division by zero fails the contract. */
static inline u128 u128_div(u128 n, u128 d, u128 *rem) {
    REQUIRE(!u128_is_zero(d), 90);
    u128 q = { 0, 0 }, r = { 0, 0 };
    for (int i = 127; i >= 0; i--) {
        r.hi = (r.hi << 1) | (r.lo >> 63);
        r.lo = (r.lo << 1) | ((i >= 64 ? n.hi >> (i - 64) : n.lo >> i) & 1);
        if (!u128_lt(r, d)) {
            r = u128_sub(r, d);
            if (i >= 64) q.hi |= (uint64_t)1 << (i - 64); else q.lo |= (uint64_t)1 << i;
        }
    }
    if (rem) *rem = r;
    return q;
}

/* An i128 Val (small or object) as two's-complement 128 bits. */
static inline u128 i128_of(Val v) {
    u128 r;
    if (tag_of(v) == TAG_I128_SMALL) {
        int64_t s = (int64_t)v >> 8;
        r.lo = (uint64_t)s;
        r.hi = s < 0 ? ~(uint64_t)0 : 0;
    } else {
        REQUIRE(tag_of(v) == TAG_I128_OBJECT, 91);
        r.lo = obj_to_i128_lo64(v);
        r.hi = (uint64_t)obj_to_i128_hi64(v);
    }
    return r;
}
/* The i128 Val of a value: small when it fits 56 signed bits, as the Rust SDK does. */
static inline Val i128_val(u128 x) {
    int64_t lo = (int64_t)x.lo;
    int fits = (x.hi == 0 && x.lo < ((uint64_t)1 << 55)) || (x.hi == ~(uint64_t)0 && lo >= -((int64_t)1 << 55));
    if (fits)
        return ((uint64_t)lo << 8) | TAG_I128_SMALL;
    return obj_from_i128_pieces((int64_t)x.hi, x.lo);
}

#endif
