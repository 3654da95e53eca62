/* Helpers for the test contracts: Val encoding (tags and layouts of the Soroban value
 * representation), small symbols, checks that fail the contract with the failing line.
 * Built by tests/Soroban.Tests (ContractBuilder) with clang for wasm32, against sdk/c/soroban.h. */
#ifndef CONTRACT_H
#define CONTRACT_H

#include "soroban.h"

#define EXPORT(name) __attribute__((export_name(#name)))

enum {
    TAG_FALSE = 0, TAG_TRUE = 1, TAG_VOID = 2, TAG_ERROR = 3, TAG_U32 = 4, TAG_I32 = 5,
    TAG_U64_SMALL = 6, TAG_I64_SMALL = 7, TAG_TIMEPOINT_SMALL = 8, TAG_DURATION_SMALL = 9,
    TAG_U128_SMALL = 10, TAG_I128_SMALL = 11, TAG_U256_SMALL = 12, TAG_I256_SMALL = 13,
    TAG_SYMBOL_SMALL = 14,
    TAG_U64_OBJECT = 64, TAG_I64_OBJECT = 65, TAG_TIMEPOINT_OBJECT = 66, TAG_DURATION_OBJECT = 67,
    TAG_U128_OBJECT = 68, TAG_I128_OBJECT = 69, TAG_U256_OBJECT = 70, TAG_I256_OBJECT = 71,
    TAG_BYTES_OBJECT = 72, TAG_STRING_OBJECT = 73, TAG_SYMBOL_OBJECT = 74, TAG_VEC_OBJECT = 75,
    TAG_MAP_OBJECT = 76, TAG_ADDRESS_OBJECT = 77,
};

/* Error types (ScErrorType) and codes (ScErrorCode). */
enum {
    ERR_CONTRACT = 0, ERR_WASM_VM = 1, ERR_CONTEXT = 2, ERR_STORAGE = 3, ERR_OBJECT = 4, ERR_CRYPTO = 5,
    ERR_EVENTS = 6, ERR_BUDGET = 7, ERR_VALUE = 8, ERR_AUTH = 9,
};
enum {
    CODE_ARITH_DOMAIN = 0, CODE_INDEX_BOUNDS = 1, CODE_INVALID_INPUT = 2, CODE_MISSING_VALUE = 3,
    CODE_EXISTING_VALUE = 4, CODE_EXCEEDED_LIMIT = 5, CODE_INVALID_ACTION = 6, CODE_INTERNAL_ERROR = 7,
    CODE_UNEXPECTED_TYPE = 8, CODE_UNEXPECTED_SIZE = 9,
};

/* Storage types (passed to the host as plain numbers). */
enum { STORAGE_TEMPORARY = 0, STORAGE_PERSISTENT = 1, STORAGE_INSTANCE = 2 };

#define VOID_VAL ((Val)TAG_VOID)
#define TRUE_VAL ((Val)TAG_TRUE)
#define FALSE_VAL ((Val)TAG_FALSE)

static inline Val val_body(uint64_t body, uint32_t tag) { return (body << 8) | tag; }
static inline Val val_mm(uint32_t major, uint32_t minor, uint32_t tag) {
    return ((uint64_t)major << 32) | ((uint64_t)minor << 8) | tag;
}
static inline uint32_t tag_of(Val v) { return (uint32_t)(v & 0xff); }
static inline uint32_t major_of(Val v) { return (uint32_t)(v >> 32); }
static inline uint32_t minor_of(Val v) { return (uint32_t)((v >> 8) & 0xffffff); }

static inline U32Val u32v(uint32_t x) { return val_mm(x, 0, TAG_U32); }
static inline Val i32v(int32_t x) { return val_mm((uint32_t)x, 0, TAG_I32); }
static inline uint32_t u32_of(Val v) { return major_of(v); }
static inline int32_t i32_of(Val v) { return (int32_t)major_of(v); }
static inline Val boolv(int b) { return b ? TRUE_VAL : FALSE_VAL; }
static inline Val u64_small(uint64_t x) { return val_body(x, TAG_U64_SMALL); }
static inline Val i64_small(int64_t x) { return ((uint64_t)x << 8) | TAG_I64_SMALL; }
static inline Val u256_small(uint64_t x) { return val_body(x, TAG_U256_SMALL); }
static inline Val i256_small(int64_t x) { return ((uint64_t)x << 8) | TAG_I256_SMALL; }
static inline uint64_t small_body(Val v) { return v >> 8; }
static inline int64_t small_signed(Val v) { return (int64_t)v >> 8; }
static inline Error error_val(uint32_t type, uint32_t code) { return val_mm(code, type, TAG_ERROR); }
static inline StorageType storage(uint32_t t) { return t; }

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
    return val_body(body, TAG_SYMBOL_SMALL);
}

/* A failed check fails the contract with error (Contract, line). */
#define CHECK(cond) do { if (!(cond)) fail_with_error(error_val(ERR_CONTRACT, __LINE__)); } while (0)
#define CHECK_EQ(a, b) CHECK((a) == (b))
/* Two values equal as the host compares them (obj_cmp needs an object on one side; two small
 * values are equal when their words are). */
static inline int same(Val a, Val b) {
    if (tag_of(a) < TAG_U64_OBJECT && tag_of(b) < TAG_U64_OBJECT)
        return a == b;
    return obj_cmp(a, b) == 0;
}
#define CHECK_SAME(a, b) CHECK(same((a), (b)))

static inline int is_error(Val v, uint32_t type, uint32_t code) {
    return tag_of(v) == TAG_ERROR && minor_of(v) == type && major_of(v) == code;
}

#endif
