/* Module "b": bytes, strings, symbols and (de)serialization. */
#include "contract.h"

static uint8_t mem[64];
static const char hello[] = "hello";
static const char world[] = "world";
static const char long_name[] = "a_symbol_longer_than_9";
static uint32_t slices[4];

static uint32_t ptr(const void *p) { return (uint32_t)(uintptr_t)p; }
static uint32_t byte_at(BytesObject b, uint32_t i) { return u32_of(bytes_get(b, u32v(i))); }

EXPORT(bytes) Val bytes(void) {
    BytesObject b = bytes_new();
    CHECK_EQ(tag_of(b), TAG_BYTES_OBJECT);
    b = bytes_push(b, u32v(1));
    b = bytes_push(b, u32v(2));
    b = bytes_push(b, u32v(3));
    CHECK_EQ(u32_of(bytes_len(b)), 3);
    CHECK_EQ(byte_at(b, 1), 2);
    BytesObject c = bytes_put(b, u32v(1), u32v(0xaa));
    CHECK_EQ(byte_at(c, 1), 0xaa);
    CHECK_EQ(byte_at(b, 1), 2);
    c = bytes_del(c, u32v(0));
    CHECK_EQ(u32_of(bytes_front(c)), 0xaa);
    CHECK_EQ(u32_of(bytes_back(c)), 3);
    c = bytes_pop(c);
    CHECK_EQ(u32_of(bytes_len(c)), 1);
    c = bytes_insert(c, u32v(0), u32v(9));
    CHECK_EQ(byte_at(c, 0), 9);
    BytesObject d = bytes_append(c, b);
    CHECK_EQ(u32_of(bytes_len(d)), 5);
    BytesObject s = bytes_slice(d, u32v(2), u32v(4));
    CHECK_EQ(u32_of(bytes_len(s)), 2);
    CHECK_EQ(byte_at(s, 0), 1);
    CHECK_EQ(byte_at(s, 1), 2);
    return d;
}

EXPORT(bytes_memory) Val bytes_memory(void) {
    for (uint32_t i = 0; i < 8; i++)
        mem[i] = (uint8_t)(i + 1);
    BytesObject b = bytes_new_from_linear_memory(u32v(ptr(mem)), u32v(8));
    CHECK_EQ(u32_of(bytes_len(b)), 8);
    CHECK_EQ(byte_at(b, 7), 8);
    /* Overwrite bytes 2..4 from memory 0..2, growing nothing. */
    BytesObject c = bytes_copy_from_linear_memory(b, u32v(2), u32v(ptr(mem)), u32v(3));
    CHECK_EQ(byte_at(c, 2), 1);
    CHECK_EQ(byte_at(c, 4), 3);
    /* Copying past the end grows the object. */
    BytesObject g = bytes_copy_from_linear_memory(b, u32v(7), u32v(ptr(mem)), u32v(3));
    CHECK_EQ(u32_of(bytes_len(g)), 10);
    for (uint32_t i = 0; i < 8; i++)
        mem[32 + i] = 0;
    bytes_copy_to_linear_memory(c, u32v(1), u32v(ptr(mem + 32)), u32v(4));
    CHECK_EQ(mem[32], 2);
    CHECK_EQ(mem[33], 1);
    CHECK_EQ(mem[35], 3);
    return c;
}

EXPORT(strings) Val strings(void) {
    StringObject s = string_new_from_linear_memory(u32v(ptr(hello)), u32v(5));
    CHECK_EQ(tag_of(s), TAG_STRING_OBJECT);
    CHECK_EQ(u32_of(string_len(s)), 5);
    string_copy_to_linear_memory(s, u32v(1), u32v(ptr(mem)), u32v(3));
    CHECK_EQ(mem[0], 'e');
    CHECK_EQ(mem[2], 'l');
    return s;
}

EXPORT(symbols) Val symbols(void) {
    /* Always an object, even for a name that fits a small symbol. */
    SymbolObject small = symbol_new_from_linear_memory(u32v(ptr(hello)), u32v(5));
    CHECK_EQ(tag_of(small), TAG_SYMBOL_OBJECT);
    CHECK_SAME(small, sym("hello"));
    SymbolObject big = symbol_new_from_linear_memory(u32v(ptr(long_name)), u32v(22));
    CHECK_EQ(tag_of(big), TAG_SYMBOL_OBJECT);
    CHECK_EQ(u32_of(symbol_len(big)), 22);
    symbol_copy_to_linear_memory(big, u32v(2), u32v(ptr(mem)), u32v(6));
    CHECK_EQ(mem[0], 's');
    CHECK_EQ(mem[5], 'l');
    slices[0] = ptr(hello); slices[1] = 5;
    slices[2] = ptr(world); slices[3] = 5;
    CHECK_EQ(u32_of(symbol_index_in_linear_memory(sym("world"), u32v(ptr(slices)), u32v(2))), 1);
    return big;
}

EXPORT(serialization) Val serialization(void) {
    BytesObject b = serialize_to_bytes(u32v(5));
    /* SCVal U32(5): discriminant 3, then the value, both big-endian. */
    CHECK_EQ(u32_of(bytes_len(b)), 8);
    CHECK_EQ(byte_at(b, 3), 3);
    CHECK_EQ(byte_at(b, 7), 5);
    CHECK_EQ(deserialize_from_bytes(b), u32v(5));
    VecObject v = vec_push_back(vec_new(), sym("x"));
    CHECK_SAME(deserialize_from_bytes(serialize_to_bytes(v)), v);
    return b;
}

/* Fails: reading past the end of an object is (Object, IndexBounds). */
EXPORT(slice_out_of_range) Val slice_out_of_range(void) {
    return bytes_slice(bytes_push(bytes_new(), u32v(1)), u32v(0), u32v(2));
}

/* Fails: copying past linear memory is (WasmVm, IndexBounds). */
EXPORT(memory_out_of_range) Val memory_out_of_range(void) {
    return bytes_new_from_linear_memory(u32v(0xfffffff0u), u32v(32));
}

/* Fails: a symbol with a character outside [_0-9A-Za-z] is (Value, InvalidInput). */
EXPORT(bad_symbol) Val bad_symbol(void) {
    static const char bad[] = "no spaces";
    return symbol_new_from_linear_memory(u32v(ptr(bad)), u32v(9));
}
