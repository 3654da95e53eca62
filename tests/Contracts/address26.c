/* Module "a", protocol 26 on: strkey_to_muxed_address, muxed_address_to_strkey. */
#include "contract.h"

EXPORT(to_muxed_strkey) Val to_muxed_strkey(Val a) { return muxed_address_to_strkey(a); }

EXPORT(from_muxed_strkey) Val from_muxed_strkey(Val strkey) { return strkey_to_muxed_address(strkey); }

/* An address or muxed address to its strkey and back: the same value as the host compares them. */
EXPORT(muxed_roundtrip) Val muxed_roundtrip(Val a) {
    Val back = strkey_to_muxed_address(muxed_address_to_strkey(a));
    CHECK(obj_cmp(a, back) == 0);
    return back;
}
