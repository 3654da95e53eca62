/* Hostile: an access past the end of linear memory (a trap). */
#include "sample.h"

EXPORT(peek) Val peek(U32Val address) {
    return u32v(*(volatile uint32_t *)(uintptr_t)u32_of(address));
}

EXPORT(poke) Val poke(U32Val address) {
    *(volatile uint32_t *)(uintptr_t)u32_of(address) = 0xdeadbeef;
    return VOID_VAL;
}
