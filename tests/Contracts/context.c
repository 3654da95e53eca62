/* Modules "x" (context), "p" (PRNG) and the hashes of "c". */
#include "contract.h"

static uint32_t ptr(const void *p) { return (uint32_t)(uintptr_t)p; }
static const char msg[] = "logged";
static const char abc[] = "abc";
static Val vals[2];

static const uint8_t sha256_abc[32] = {
    0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23,
    0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad,
};
static const uint8_t keccak256_abc[32] = {
    0x4e, 0x03, 0x65, 0x7a, 0xea, 0x45, 0xa9, 0x4f, 0xc7, 0xd4, 0x7b, 0xa8, 0x26, 0xc8, 0xd6, 0x67,
    0xc0, 0xd1, 0xe6, 0xe3, 0x3a, 0x64, 0xa0, 0x36, 0xec, 0x44, 0xf5, 0x8f, 0xa1, 0x2d, 0x6c, 0x45,
};

EXPORT(ledger_info) Val ledger_info(U32Val protocol) {
    CHECK_EQ(get_ledger_version(), protocol);
    CHECK_EQ(u32_of(get_ledger_sequence()), 1000);
    CHECK_EQ(get_ledger_timestamp(), u64_small(1700000000));
    BytesObject id = get_ledger_network_id();
    CHECK_EQ(u32_of(bytes_len(id)), 32);
    CHECK_EQ(u32_of(bytes_get(id, u32v(31))), 7);
    /* sequence + max entry TTL - 1 */
    CHECK_EQ(u32_of(get_max_live_until_ledger()), 100999);
    return VOID_VAL;
}

EXPORT(compare) Val compare(void) {
    /* An object against a small value of the same type compares values. */
    CHECK_EQ(obj_cmp(obj_from_u64(1), u64_small(2)), -1);
    CHECK_EQ(obj_cmp(u64_small(2), obj_from_u64(2)), 0);
    /* Different types order by type: a u32 before a vector. */
    CHECK_EQ(obj_cmp(u32v(9), vec_new()), -1);
    CHECK_EQ(obj_cmp(vec_new(), u32v(9)), 1);
    VecObject a = vec_push_back(vec_new(), u32v(1));
    VecObject b = vec_push_back(vec_new(), u32v(2));
    CHECK_EQ(obj_cmp(a, b), -1);
    CHECK_EQ(obj_cmp(a, vec_push_back(vec_new(), u32v(1))), 0);
    return VOID_VAL;
}

EXPORT(address) Val address(void) {
    AddressObject self = get_current_contract_address();
    CHECK_EQ(tag_of(self), TAG_ADDRESS_OBJECT);
    return self;
}

/* One contract event: topics [sym("topic"), 7], data "abc" as bytes. */
EXPORT(event) Val event(void) {
    VecObject topics = vec_push_back(vec_push_back(vec_new(), sym("topic")), u32v(7));
    contract_event(topics, bytes_new_from_linear_memory(u32v(ptr(abc)), u32v(3)));
    return VOID_VAL;
}

/* A diagnostic log with two values (recorded only with diagnostics on). */
EXPORT(log) Val log(void) {
    vals[0] = u32v(1);
    vals[1] = sym("two");
    log_from_linear_memory(u32v(ptr(msg)), u32v(6), u32v(ptr(vals)), u32v(2));
    return VOID_VAL;
}

EXPORT(hashes) Val hashes(void) {
    BytesObject input = bytes_new_from_linear_memory(u32v(ptr(abc)), u32v(3));
    CHECK_SAME(compute_hash_sha256(input), bytes_new_from_linear_memory(u32v(ptr(sha256_abc)), u32v(32)));
    CHECK_SAME(compute_hash_keccak256(input), bytes_new_from_linear_memory(u32v(ptr(keccak256_abc)), u32v(32)));
    return VOID_VAL;
}

/* PRNG draws, returned for the test to compare across engines: [bytes(8), u64 in [10, 20], shuffle of 0..4]. */
EXPORT(prng) Val prng(void) {
    BytesObject first = prng_bytes_new(u32v(8));
    CHECK_EQ(u32_of(bytes_len(first)), 8);
    uint64_t n = prng_u64_in_inclusive_range(10, 20);
    CHECK(n >= 10 && n <= 20);
    VecObject v = vec_new();
    for (uint32_t i = 0; i < 5; i++)
        v = vec_push_back(v, u32v(i));
    VecObject shuffled = prng_vec_shuffle(v);
    CHECK_EQ(u32_of(vec_len(shuffled)), 5);
    /* Reseeding makes the draws repeat. */
    BytesObject seed = prng_bytes_new(u32v(32));
    prng_reseed(seed);
    BytesObject a = prng_bytes_new(u32v(16));
    prng_reseed(seed);
    CHECK_SAME(prng_bytes_new(u32v(16)), a);
    VecObject out = vec_push_back(vec_new(), first);
    out = vec_push_back(out, u64_small(n));
    return vec_push_back(out, shuffled);
}

/* Fails with (Contract, 42). */
EXPORT(fail) Val fail(void) {
    fail_with_error(error_val(ERR_CONTRACT, 42));
    return VOID_VAL;
}

/* Fails: obj_cmp of two small values is (Value, UnexpectedType). */
EXPORT(compare_small) Val compare_small(void) {
    return i64_small(obj_cmp(u32v(1), u32v(2)));
}

/* Fails: a contract may not fail with a non-contract error: (Context, UnexpectedType). */
EXPORT(fail_system) Val fail_system(void) {
    fail_with_error(error_val(ERR_STORAGE, CODE_MISSING_VALUE));
    return VOID_VAL;
}

/* Traps: unreachable. */
EXPORT(trap) Val trap(void) {
    __builtin_trap();
}
