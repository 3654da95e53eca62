/* A contract importing a function the host does not have. */
#include "contract.h"

SOROBAN_IMPORT("x", "zz") Val no_such_function(void);

EXPORT(call) Val call_it(void) { return no_such_function(); }
