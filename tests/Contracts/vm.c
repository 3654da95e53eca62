/* VM-level behaviour: fuel metering of a loop, memory growth charged to the budget. */
#include "contract.h"

/* Sums 0..n-1 with a data-dependent step so the loop is not folded away. */
EXPORT(spin) Val spin(U32Val n) {
    uint32_t count = u32_of(n);
    volatile uint32_t acc = 0;
    for (uint32_t i = 0; i < count; i++)
        acc = acc * 31u + i;
    return u32v(acc);
}

/* memory.grow by the given pages: the old size in pages, or -1 when refused. */
EXPORT(grow) Val grow(U32Val pages) {
    return i32v((int32_t)__builtin_wasm_memory_grow(0, u32_of(pages)));
}

EXPORT(add) Val add(U32Val a, U32Val b) { return u32v(u32_of(a) + u32_of(b)); }
