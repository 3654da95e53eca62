/* Hostile: oversized values. `store` writes a bytes value of `kb` KiB to persistent storage
 * (past the network's entry size core fails the operation); `emit` puts one in an event (past
 * the events size limit); `build` only returns one. */
#include "sample.h"

static BytesObject blob(uint32_t kb) {
    BytesObject b = bytes_new_from_linear_memory(u32v(0), u32v(1024));
    BytesObject out = bytes_new();
    for (uint32_t i = 0; i < kb; i++)
        out = bytes_append(out, b);
    return out;
}

EXPORT(store) Val store_big(U32Val kb) {
    store(sym("big"), STORAGE_PERSISTENT, blob(u32_of(kb)));
    return VOID_VAL;
}

EXPORT(emit) Val emit(U32Val kb) {
    event(vec1(sym("big")), blob(u32_of(kb)));
    return VOID_VAL;
}

EXPORT(build) Val build(U32Val kb) { return bytes_len(blob(u32_of(kb))); }
