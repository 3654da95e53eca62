/* Module "a": require_auth and require_auth_for_args (without entries only a direct invoker
 * contract is authorized), authorize_as_curr_contract, and a custom account (__check_auth). */
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

/* Requires who's authorization, then calls callee.<function>(who): a sub-invocation of who's tree. */
EXPORT(guarded_call_with) Val guarded_call_with(AddressObject callee, Symbol function, AddressObject who) {
    require_auth(who);
    return call(callee, function, vec_push_back(vec_new(), who));
}

/* Calls callee.<function>(who): with who = this contract, the callee sees its direct invoker. */
EXPORT(call_with) Val call_with(AddressObject callee, Symbol function, AddressObject who) {
    return call(callee, function, vec_push_back(vec_new(), who));
}

EXPORT(self) Val self(void) { return get_current_contract_address(); }

/* authorize_as_curr_contract(entries), then callee.<function>(args): the entries authorize
 * sub-contract calls made below the callee on behalf of this contract. */
EXPORT(authorize_then_call) Val authorize_then_call(VecObject entries, AddressObject callee, Symbol function, VecObject args) {
    authorize_as_curr_contract(entries);
    return call(callee, function, args);
}

/* A custom account that accepts any signature. */
EXPORT(__check_auth) Val check_auth(BytesObject payload, Val signature, VecObject contexts) {
    (void)payload; (void)signature; (void)contexts;
    return VOID_VAL;
}
