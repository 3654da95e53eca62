/* A counter in instance storage that emits an event on every change. */
#include "sample.h"

EXPORT(increment) Val increment(U32Val by) {
    uint32_t n = u32_of(load(sym("count"), STORAGE_INSTANCE, u32v(0))) + u32_of(by);
    store(sym("count"), STORAGE_INSTANCE, u32v(n));
    event(vec2(sym("count"), sym("inc")), u32v(n));
    return u32v(n);
}

EXPORT(get) Val get(void) { return load(sym("count"), STORAGE_INSTANCE, u32v(0)); }

EXPORT(reset) Val reset(void) {
    store(sym("count"), STORAGE_INSTANCE, u32v(0));
    event(vec2(sym("count"), sym("reset")), VOID_VAL);
    return VOID_VAL;
}
