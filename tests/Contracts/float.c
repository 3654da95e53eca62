/* A contract using floating point: Soroban's Wasm profile has no floats, so it never instantiates. */
#include "contract.h"

EXPORT(half) Val half(U32Val a) {
    volatile double d = (double)u32_of(a);
    return u32v((uint32_t)(d * 0.5));
}
