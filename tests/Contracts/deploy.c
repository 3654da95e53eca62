/* Module "l": deployment from a contract (upload_wasm, create_contract*), this contract deploying. */
#include "contract.h"

EXPORT(upload) Val upload(BytesObject wasm) { return upload_wasm(wasm); }

EXPORT(deploy) Val deploy(BytesObject wasm_hash, BytesObject salt) {
    return create_contract(get_current_contract_address(), wasm_hash, salt);
}
