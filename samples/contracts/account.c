/* A custom account: its __check_auth accepts a signature payload signed by the ed25519 key set by
 * its constructor (signature: 64 bytes). */
#include "sample.h"

EXPORT(__constructor) Val constructor(BytesObject public_key) {
    REQUIRE(u32_of(bytes_len(public_key)) == 32, 1);
    store(sym("pk"), STORAGE_INSTANCE, public_key);
    return VOID_VAL;
}

EXPORT(__check_auth) Val check_auth(BytesObject payload, BytesObject signature, VecObject contexts) {
    (void)contexts;
    verify_sig_ed25519(get_contract_data(sym("pk"), STORAGE_INSTANCE), payload, signature);
    return VOID_VAL;
}

EXPORT(public_key) Val public_key(void) { return get_contract_data(sym("pk"), STORAGE_INSTANCE); }
