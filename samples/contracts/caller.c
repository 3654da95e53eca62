/* A cross-contract caller (the sample's treasury): forwards calls, tries calls whose failure is
 * rolled back and counted, and pays out of its own token balance. Contracts it calls that
 * require its authorization get it as their direct invoker; forward_as relays a call on behalf
 * of another address, whose authorization covers this call and the call it makes. */
#include "sample.h"

EXPORT(forward) Val forward(AddressObject contract, Symbol fn, VecObject args) {
    return call(contract, fn, args);
}

/* Requires `from`'s authorization of this call, then calls the contract: when the callee
 * requires `from`'s authorization too, `from` authorizes a tree (this call, the callee's under it). */
EXPORT(forward_as) Val forward_as(AddressObject from, AddressObject contract, Symbol fn, VecObject args) {
    require_auth(from);
    return call(contract, fn, args);
}

/* Writes a marker, then try_calls: on failure the callee's writes and events are rolled back,
 * the failure is counted in instance storage and reported as an event; returns whether the call
 * succeeded. */
EXPORT(try_forward) Val try_forward(AddressObject contract, Symbol fn, VecObject args) {
    store(sym("last"), STORAGE_INSTANCE, fn);
    Val r = try_call(contract, fn, args);
    if (tag_of(r) == 3 /* Error */) {
        uint32_t failures = u32_of(load(sym("failures"), STORAGE_INSTANCE, u32v(0))) + 1;
        store(sym("failures"), STORAGE_INSTANCE, u32v(failures));
        event(vec2(sym("rollback"), contract), vec2(u32v(minor_of(r)), u32v(major_of(r))));
        return FALSE_VAL;
    }
    return TRUE_VAL;
}

/* Pays `amount` of `token` from this contract's balance to each address of `to`. */
EXPORT(pay) Val pay(AddressObject token, VecObject to, Val amount) {
    AddressObject self = get_current_contract_address();
    uint32_t n = u32_of(vec_len(to));
    for (uint32_t i = 0; i < n; i++)
        call(token, sym("transfer"), vec3(self, vec_get(to, u32v(i)), amount));
    return u32v(n);
}

EXPORT(failures) Val failures(void) { return load(sym("failures"), STORAGE_INSTANCE, u32v(0)); }

/* Deploys a contract with this contract as the deployer (its own authorization: no entries
 * needed), passing `args` to its constructor; returns the new contract's address. */
EXPORT(deploy) Val deploy(BytesObject wasm_hash, BytesObject salt, VecObject args) {
    AddressObject self = get_current_contract_address();
    AddressObject created = create_contract_with_constructor(self, wasm_hash, salt, args);
    event(vec2(sym("deployed"), created), wasm_hash);
    return created;
}
