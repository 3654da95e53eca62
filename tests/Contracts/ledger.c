/* Module "l": contract data in the three storage types, and TTL extensions. */
#include "contract.h"

#define TEMP storage(STORAGE_TEMPORARY)
#define PERSISTENT storage(STORAGE_PERSISTENT)
#define INSTANCE storage(STORAGE_INSTANCE)

/* Writes key "k" = value in the given storage type. */
EXPORT(put) Val put(U32Val type, Val value) {
    put_contract_data(sym("k"), value, u32_of(type));
    return VOID_VAL;
}

EXPORT(get) Val get(U32Val type) {
    return get_contract_data(sym("k"), u32_of(type));
}

EXPORT(has) Val has(U32Val type) {
    return has_contract_data(sym("k"), u32_of(type));
}

EXPORT(del) Val del(U32Val type) {
    del_contract_data(sym("k"), u32_of(type));
    return VOID_VAL;
}

/* Writes then reads back in one call, in every storage type, and deletes the temporary one. */
EXPORT(roundtrip) Val roundtrip(void) {
    put_contract_data(sym("t"), u32v(1), TEMP);
    put_contract_data(sym("p"), u32v(2), PERSISTENT);
    put_contract_data(sym("i"), u32v(3), INSTANCE);
    CHECK_EQ(has_contract_data(sym("t"), TEMP), TRUE_VAL);
    /* The same key in another storage type is another entry. */
    CHECK_EQ(has_contract_data(sym("t"), PERSISTENT), FALSE_VAL);
    CHECK_EQ(get_contract_data(sym("p"), PERSISTENT), u32v(2));
    CHECK_EQ(get_contract_data(sym("i"), INSTANCE), u32v(3));
    put_contract_data(sym("p"), u32v(20), PERSISTENT);
    CHECK_EQ(get_contract_data(sym("p"), PERSISTENT), u32v(20));
    del_contract_data(sym("t"), TEMP);
    CHECK_EQ(has_contract_data(sym("t"), TEMP), FALSE_VAL);
    return VOID_VAL;
}

EXPORT(extend) Val extend(U32Val type, U32Val threshold, U32Val extend_to) {
    extend_contract_data_ttl(sym("k"), u32_of(type), threshold, extend_to);
    return VOID_VAL;
}

EXPORT(extend_self) Val extend_self(U32Val threshold, U32Val extend_to) {
    extend_current_contract_instance_and_code_ttl(threshold, extend_to);
    return VOID_VAL;
}

EXPORT(extend_other) Val extend_other(AddressObject contract, U32Val threshold, U32Val extend_to) {
    extend_contract_instance_and_code_ttl(contract, threshold, extend_to);
    return VOID_VAL;
}

EXPORT(extend_instance) Val extend_instance(AddressObject contract, U32Val threshold, U32Val extend_to) {
    extend_contract_instance_ttl(contract, threshold, extend_to);
    return VOID_VAL;
}

EXPORT(extend_code) Val extend_code(AddressObject contract, U32Val threshold, U32Val extend_to) {
    extend_contract_code_ttl(contract, threshold, extend_to);
    return VOID_VAL;
}

