/* Not a valid Soroban contract: it uses floating point, which Soroban's Wasm profile rejects, so
 * its upload fails. */
#include "sample.h"

static volatile double scale = 1.5;

EXPORT(scaled) Val scaled(U32Val x) { return u32v((uint32_t)(u32_of(x) * scale)); }
