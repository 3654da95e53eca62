/* Hostile: an infinite loop. The budget (fuel) ends it. */
#include "sample.h"

static volatile uint32_t spins;

EXPORT(spin) Val spin(void) {
    for (;;)
        spins++;
    return VOID_VAL;
}
