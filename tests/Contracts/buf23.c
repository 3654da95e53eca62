/* Module "b", protocol 23 on: strings to bytes and back. */
#include "contract.h"

static const char world[] = "world";

static uint32_t ptr(const void *p) { return (uint32_t)(uintptr_t)p; }
static uint32_t byte_at(BytesObject b, uint32_t i) { return u32_of(bytes_get(b, u32v(i))); }

/* Protocol 23 on: strings to bytes and back. */
EXPORT(string_bytes) Val string_bytes(void) {
    StringObject s = string_new_from_linear_memory(u32v(ptr(world)), u32v(5));
    BytesObject b = string_to_bytes(s);
    CHECK_EQ(tag_of(b), TAG_BYTES_OBJECT);
    CHECK_EQ(byte_at(b, 0), 'w');
    StringObject t = bytes_to_string(b);
    CHECK_SAME(t, s);
    return t;
}
