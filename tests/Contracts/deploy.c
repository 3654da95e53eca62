/* Module "l": deployment from a contract (upload_wasm, create_contract*, update_current_contract_wasm), this contract deploying. */
#include "contract.h"

EXPORT(upload) Val upload(BytesObject wasm) { return upload_wasm(wasm); }

EXPORT(deploy) Val deploy(BytesObject wasm_hash, BytesObject salt) {
    return create_contract(get_current_contract_address(), wasm_hash, salt);
}

EXPORT(update) Val update(BytesObject wasm_hash) { return update_current_contract_wasm(wasm_hash); }
