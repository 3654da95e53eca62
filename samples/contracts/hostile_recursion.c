/* Hostile: unbounded recursion in Wasm, until the engine's stack or the budget gives out (the
 * bound is never reached: the engine's call stack is far shallower). */
#include "sample.h"

static volatile uint32_t depth;
static volatile uint32_t bound = 0xffffffffu;

__attribute__((noinline)) static uint32_t down(uint32_t n) {
    depth = n;
    if (n == bound)
        return 0;
    return down(n + 1) + depth;
}

EXPORT(recurse) Val recurse(U32Val start) { return u32v(down(u32_of(start))); }
