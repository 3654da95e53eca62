/* Module "v": every vector host function. */
#include "contract.h"

static Val buf[8];

static VecObject vec3(uint32_t a, uint32_t b, uint32_t c) {
    VecObject v = vec_new();
    v = vec_push_back(v, u32v(a));
    v = vec_push_back(v, u32v(b));
    return vec_push_back(v, u32v(c));
}

static uint32_t at(VecObject v, uint32_t i) { return u32_of(vec_get(v, u32v(i))); }

EXPORT(basics) Val basics(void) {
    VecObject v = vec3(1, 2, 3);
    CHECK_EQ(tag_of(v), TAG_VEC_OBJECT);
    CHECK_EQ(u32_of(vec_len(v)), 3);
    CHECK_EQ(at(v, 1), 2);
    VecObject w = vec_put(v, u32v(1), u32v(20));
    CHECK_EQ(at(w, 1), 20);
    CHECK_EQ(at(v, 1), 2); /* vectors are immutable: v is unchanged */
    w = vec_del(w, u32v(0));
    CHECK_EQ(u32_of(vec_len(w)), 2);
    CHECK_EQ(at(w, 0), 20);
    w = vec_push_front(w, u32v(9));
    CHECK_EQ(u32_of(vec_front(w)), 9);
    CHECK_EQ(u32_of(vec_back(w)), 3);
    w = vec_pop_front(w);
    CHECK_EQ(u32_of(vec_front(w)), 20);
    w = vec_pop_back(w);
    CHECK_EQ(u32_of(vec_len(w)), 1);
    w = vec_insert(w, u32v(1), u32v(7));
    CHECK_EQ(at(w, 1), 7);
    VecObject all = vec_append(w, v);
    CHECK_EQ(u32_of(vec_len(all)), 5);
    CHECK_EQ(at(all, 4), 3);
    VecObject s = vec_slice(all, u32v(1), u32v(3));
    CHECK_EQ(u32_of(vec_len(s)), 2);
    CHECK_EQ(at(s, 0), 7);
    CHECK_EQ(at(s, 1), 1);
    return all;
}

EXPORT(search) Val search(void) {
    VecObject v = vec_push_back(vec3(1, 2, 2), u32v(5));
    CHECK_EQ(u32_of(vec_first_index_of(v, u32v(2))), 1);
    CHECK_EQ(u32_of(vec_last_index_of(v, u32v(2))), 2);
    CHECK_EQ(vec_first_index_of(v, u32v(4)), VOID_VAL);
    CHECK_EQ(vec_last_index_of(v, u32v(4)), VOID_VAL);
    uint64_t found = vec_binary_search(v, u32v(5));
    CHECK_EQ(found >> 32, 1);
    CHECK_EQ((uint32_t)found, 3);
    uint64_t missing = vec_binary_search(v, u32v(4));
    CHECK_EQ(missing >> 32, 0);
    CHECK_EQ((uint32_t)missing, 3);
    return VOID_VAL;
}

EXPORT(linear) Val linear(void) {
    buf[0] = u32v(10);
    buf[1] = sym("hello");
    buf[2] = TRUE_VAL;
    VecObject v = vec_new_from_linear_memory(u32v((uint32_t)(uintptr_t)buf), u32v(3));
    CHECK_EQ(u32_of(vec_len(v)), 3);
    CHECK_EQ(vec_get(v, u32v(1)), sym("hello"));
    buf[0] = buf[1] = buf[2] = 0;
    vec_unpack_to_linear_memory(vec3(4, 5, 6), u32v((uint32_t)(uintptr_t)(buf + 4)), u32v(3));
    CHECK_EQ(u32_of(buf[4]), 4);
    CHECK_EQ(u32_of(buf[6]), 6);
    return v;
}

/* Fails: an index past the end is (Object, IndexBounds). */
EXPORT(out_of_bounds) Val out_of_bounds(void) {
    return vec_get(vec3(1, 2, 3), u32v(3));
}

/* Fails: unpacking into a length that is not the vector's is (Object, UnexpectedSize). */
EXPORT(unpack_wrong_length) Val unpack_wrong_length(void) {
    vec_unpack_to_linear_memory(vec3(1, 2, 3), u32v((uint32_t)(uintptr_t)buf), u32v(2));
    return VOID_VAL;
}
