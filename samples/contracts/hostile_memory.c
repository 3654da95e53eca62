/* Hostile: a memory bomb. `grow` asks for linear memory 16 pages at a time until refused, then
 * touches every page; `objects` builds an ever longer host vector until the memory budget ends it. */
#include "sample.h"

EXPORT(grow) Val grow(void) {
    uint32_t pages = 0;
    while (__builtin_wasm_memory_grow(0, 16) != (unsigned long)-1)
        pages += 16;
    uint32_t size = (uint32_t)__builtin_wasm_memory_size(0) * 65536u;
    for (uint32_t p = 65536; p < size; p += 65536)
        *(volatile uint8_t *)(uintptr_t)p = 1;
    return u32v(pages);
}

EXPORT(objects) Val objects(void) {
    VecObject v = vec_new();
    for (;;)
        v = vec_append(v, vec_push_back(v, u32v(1)));
    return v;
}
