/* A storage-heavy workload: maps and vectors in persistent, temporary and instance storage,
 * read back, extended and deleted. */
#include "sample.h"

static Val pkey(U32Val id) { return vec2(sym("P"), id); }
static Val tkey(U32Val id) { return vec2(sym("T"), id); }

static uint64_t mix(uint64_t x) {
    x ^= x >> 33; x *= 0xff51afd7ed558ccdULL; x ^= x >> 33; x *= 0xc4ceb9fe1a85ec53ULL; x ^= x >> 33;
    return x;
}

/* Writes a map of n entries (persistent), a vector of n values (temporary) and an index entry in
 * instance storage. */
EXPORT(put) Val put(U32Val id, U32Val n) {
    uint32_t count = u32_of(n);
    REQUIRE(count <= 200, 1);
    MapObject m = map_new();
    VecObject v = vec_new();
    for (uint32_t i = 0; i < count; i++) {
        uint64_t x = mix(((uint64_t)u32_of(id) << 32) | i);
        m = map_put(m, u32v(i), u64v(x));
        v = vec_push_back(v, u32v((uint32_t)x));
    }
    store(pkey(id), STORAGE_PERSISTENT, m);
    store(tkey(id), STORAGE_TEMPORARY, v);
    MapObject index = load(sym("index"), STORAGE_INSTANCE, map_new());
    store(sym("index"), STORAGE_INSTANCE, map_put(index, id, n));
    return u32v(count);
}

/* The sum (mod 2^64) of the map's values, plus the vector's length when it is still live. */
EXPORT(sum) Val sum(U32Val id) {
    REQUIRE(has_contract_data(pkey(id), STORAGE_PERSISTENT) == TRUE_VAL, 2);
    MapObject m = get_contract_data(pkey(id), STORAGE_PERSISTENT);
    uint32_t len = u32_of(map_len(m));
    uint64_t total = 0;
    for (uint32_t i = 0; i < len; i++)
        total += u64_of(map_val_by_pos(m, u32v(i)));
    if (has_contract_data(tkey(id), STORAGE_TEMPORARY) == TRUE_VAL)
        total += u32_of(vec_len(get_contract_data(tkey(id), STORAGE_TEMPORARY)));
    return u64v(total);
}

/* Appends to the vector (recreating it when it expired). */
EXPORT(append) Val append(U32Val id, U32Val x) {
    VecObject v = load(tkey(id), STORAGE_TEMPORARY, vec_new());
    v = vec_push_back(v, x);
    store(tkey(id), STORAGE_TEMPORARY, v);
    return vec_len(v);
}

EXPORT(extend) Val extend(U32Val id, U32Val threshold, U32Val to) {
    extend_contract_data_ttl(pkey(id), STORAGE_PERSISTENT, threshold, to);
    if (has_contract_data(tkey(id), STORAGE_TEMPORARY) == TRUE_VAL)
        extend_contract_data_ttl(tkey(id), STORAGE_TEMPORARY, threshold, to);
    extend_current_contract_instance_and_code_ttl(threshold, to);
    return VOID_VAL;
}

EXPORT(remove) Val remove(U32Val id) {
    del_contract_data(pkey(id), STORAGE_PERSISTENT);
    del_contract_data(tkey(id), STORAGE_TEMPORARY);
    MapObject index = load(sym("index"), STORAGE_INSTANCE, map_new());
    if (map_has(index, id) == TRUE_VAL)
        store(sym("index"), STORAGE_INSTANCE, map_del(index, id));
    return VOID_VAL;
}

EXPORT(index) Val index(void) { return load(sym("index"), STORAGE_INSTANCE, map_new()); }
