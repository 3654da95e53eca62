/* Module "l", protocol 26 on: TTL extensions with minimum and maximum extensions. */
#include "contract.h"

EXPORT(extend_v2) Val extend_v2(U32Val type, U32Val extend_to, U32Val min_ext, U32Val max_ext) {
    extend_contract_data_ttl_v2(sym("k"), u32_of(type), extend_to, min_ext, max_ext);
    return VOID_VAL;
}

/* Protocol 26 on: extension of the instance (scope 1), the code (2) or both (0). */
EXPORT(extend_scope_v2) Val extend_scope_v2(AddressObject contract, U32Val scope, U32Val extend_to, U32Val min_ext, U32Val max_ext) {
    extend_contract_instance_and_code_ttl_v2(contract, u32_of(scope), extend_to, min_ext, max_ext);
    return VOID_VAL;
}
