/* Module "l", protocol 22 on: create_contract_with_constructor. */
#include "contract.h"

EXPORT(deploy_ctor) Val deploy_ctor(BytesObject wasm_hash, BytesObject salt, Val arg) {
    return create_contract_with_constructor(get_current_contract_address(), wasm_hash, salt, vec_push_back(vec_new(), arg));
}
