/* Protocol 27 delegated account authentication: a custom account whose __check_auth
 * delegates to every delegated signer provided with its credentials. */
#include "contract.h"

EXPORT(__check_auth) Val check_auth(BytesObject payload, Val signature, VecObject contexts) {
    (void)payload; (void)signature; (void)contexts;
    VecObject signers = get_delegated_signers_for_current_auth_check();
    uint32_t n = u32_of(vec_len(signers));
    for (uint32_t i = 0; i < n; i++)
        delegate_account_auth(vec_get(signers, u32v(i)));
    return VOID_VAL;
}

/* Delegating outside __check_auth is (Context, InvalidAction). */
EXPORT(delegate_outside) Val delegate_outside(AddressObject who) {
    delegate_account_auth(who);
    return VOID_VAL;
}
