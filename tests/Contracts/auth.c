/* Module "a" without authorization entries: only a direct invoker contract is authorized. */
#include "contract.h"

/* Requires the authorization of the given address for this call's arguments. */
EXPORT(guarded) Val guarded(AddressObject who) {
    require_auth(who);
    return VOID_VAL;
}

/* Requires the authorization of the given address for explicit arguments [7]. */
EXPORT(guarded_args) Val guarded_args(AddressObject who) {
    require_auth_for_args(who, vec_push_back(vec_new(), u32v(7)));
    return VOID_VAL;
}

/* Calls callee.<function>(who): with who = this contract, the callee sees its direct invoker. */
EXPORT(call_with) Val call_with(AddressObject callee, Symbol function, AddressObject who) {
    return call(callee, function, vec_push_back(vec_new(), who));
}

EXPORT(self) Val self(void) { return get_current_contract_address(); }
