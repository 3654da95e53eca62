/* The smallest contract: adds two u32 values (the test of the build and run path). */
#include "contract.h"

EXPORT(add) U32Val add(U32Val a, U32Val b) {
    return u32v(u32_of(a) + u32_of(b));
}
