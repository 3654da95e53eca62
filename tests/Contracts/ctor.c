/* A contract with a constructor (protocol 22 on): keeps its argument in instance storage. */
#include "contract.h"

EXPORT(__constructor) Val constructor(Val arg) {
    put_contract_data(sym("init"), arg, STORAGE_INSTANCE);
    return VOID_VAL;
}

EXPORT(get) Val get(void) { return get_contract_data(sym("init"), STORAGE_INSTANCE); }
