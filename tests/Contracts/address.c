/* Module "a": strkey conversions (strkey_to_address, address_to_strkey); module "l": get_contract_id. */
#include "contract.h"

EXPORT(to_strkey) Val to_strkey(AddressObject a) { return address_to_strkey(a); }

EXPORT(from_strkey) Val from_strkey(Val strkey) { return strkey_to_address(strkey); }

/* An address to its strkey and back: the same address as the host compares them. */
EXPORT(roundtrip) Val roundtrip(AddressObject a) {
    AddressObject back = strkey_to_address(address_to_strkey(a));
    CHECK(obj_cmp(a, back) == 0);
    return back;
}

EXPORT(contract_id) Val contract_id(AddressObject deployer, BytesObject salt) { return get_contract_id(deployer, salt); }

/* The id of the contract this contract would create with the salt, then the contract created
 * from that code and salt: the same address. */
EXPORT(id_then_deploy) Val id_then_deploy(BytesObject wasm_hash, BytesObject salt) {
    AddressObject self = get_current_contract_address();
    AddressObject predicted = get_contract_id(self, salt);
    AddressObject created = create_contract(self, wasm_hash, salt);
    CHECK(obj_cmp(predicted, created) == 0);
    return predicted;
}
