/* Module "m": every map host function implemented. */
#include "contract.h"

static Val vals[4];
static const char k_a[] = "a";
static const char k_b[] = "b";
static const char k_c[] = "c";
static uint32_t slices[6];

static void set_slices(void) {
    slices[0] = (uint32_t)(uintptr_t)k_a; slices[1] = 1;
    slices[2] = (uint32_t)(uintptr_t)k_b; slices[3] = 1;
    slices[4] = (uint32_t)(uintptr_t)k_c; slices[5] = 1;
}

EXPORT(basics) Val basics(void) {
    MapObject m = map_new();
    CHECK_EQ(tag_of(m), TAG_MAP_OBJECT);
    m = map_put(m, sym("b"), u32v(2));
    m = map_put(m, sym("a"), u32v(1));
    m = map_put(m, sym("c"), u32v(3));
    CHECK_EQ(u32_of(map_len(m)), 3);
    CHECK_EQ(u32_of(map_get(m, sym("b"))), 2);
    CHECK_EQ(map_has(m, sym("a")), TRUE_VAL);
    CHECK_EQ(map_has(m, sym("z")), FALSE_VAL);
    CHECK_EQ(map_key_by_pos(m, u32v(0)), sym("a"));
    CHECK_EQ(u32_of(map_val_by_pos(m, u32v(2))), 3);
    VecObject keys = map_keys(m);
    CHECK_EQ(u32_of(vec_len(keys)), 3);
    CHECK_EQ(vec_get(keys, u32v(1)), sym("b"));
    VecObject values = map_values(m);
    CHECK_EQ(u32_of(vec_get(values, u32v(2))), 3);
    MapObject smaller = map_del(m, sym("b"));
    CHECK_EQ(u32_of(map_len(smaller)), 2);
    CHECK_EQ(u32_of(map_len(m)), 3);
    CHECK_EQ(map_has(smaller, sym("b")), FALSE_VAL);
    return m;
}

EXPORT(linear) Val linear(void) {
    set_slices();
    vals[0] = u32v(1);
    vals[1] = u32v(2);
    vals[2] = u32v(3);
    MapObject m = map_new_from_linear_memory(u32v((uint32_t)(uintptr_t)slices), u32v((uint32_t)(uintptr_t)vals), u32v(3));
    CHECK_EQ(u32_of(map_len(m)), 3);
    CHECK_EQ(u32_of(map_get(m, sym("c"))), 3);
    vals[0] = vals[1] = vals[2] = 0;
    map_unpack_to_linear_memory(map_put(m, sym("b"), u32v(20)), u32v((uint32_t)(uintptr_t)slices), u32v((uint32_t)(uintptr_t)vals), u32v(3));
    CHECK_EQ(u32_of(vals[0]), 1);
    CHECK_EQ(u32_of(vals[1]), 20);
    CHECK_EQ(u32_of(vals[2]), 3);
    return m;
}

/* Fails: a missing key is (Object, MissingValue). */
EXPORT(missing_key) Val missing_key(void) {
    return map_get(map_new(), sym("a"));
}

/* Fails: unsorted keys in linear memory are (Object, InvalidInput). */
EXPORT(unsorted) Val unsorted(void) {
    set_slices();
    uint32_t t0 = slices[0], t1 = slices[1];
    slices[0] = slices[2]; slices[1] = slices[3];
    slices[2] = t0; slices[3] = t1;
    vals[0] = vals[1] = u32v(0);
    return map_new_from_linear_memory(u32v((uint32_t)(uintptr_t)slices), u32v((uint32_t)(uintptr_t)vals), u32v(2));
}
