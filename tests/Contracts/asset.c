/* Module "l": asset contracts from a contract (create_asset_contract, get_asset_contract_id);
 * module "a", protocol 23 on: the parts of a muxed address. */
#include "contract.h"

EXPORT(asset_id) Val asset_id(BytesObject asset) { return get_asset_contract_id(asset); }

EXPORT(deploy_asset) Val deploy_asset(BytesObject asset) { return create_asset_contract(asset); }

EXPORT(muxed_parts) Val muxed_parts(MuxedAddressObject m) {
    VecObject v = vec_new();
    v = vec_push_back(v, get_address_from_muxed_address(m));
    v = vec_push_back(v, get_id_from_muxed_address(m));
    return v;
}
