/* Module "d": cross-contract calls, try_call and rollback, re-entry and the depth limit. */
#include "contract.h"

static VecObject args2(Val a, Val b) { return vec_push_back(vec_push_back(vec_new(), a), b); }

EXPORT(add) Val add(U32Val a, U32Val b) { return u32v(u32_of(a) + u32_of(b)); }

EXPORT(call_add) Val call_add(AddressObject callee, U32Val a, U32Val b) {
    return call(callee, sym("add"), args2(a, b));
}

/* Writes "w" = 1 (persistent), emits an event, then fails with (Contract, 5). */
EXPORT(wfail) Val wfail(void) {
    put_contract_data(sym("w"), u32v(1), storage(STORAGE_PERSISTENT));
    contract_event(vec_push_back(vec_new(), sym("callee")), u32v(1));
    fail_with_error(error_val(ERR_CONTRACT, 5));
    return VOID_VAL;
}

/* Writes "w" = 2 and emits an event, successfully. */
EXPORT(write) Val write(void) {
    put_contract_data(sym("w"), u32v(2), storage(STORAGE_PERSISTENT));
    contract_event(vec_push_back(vec_new(), sym("callee")), u32v(2));
    return VOID_VAL;
}

/* try_call of a failing callee: the caller sees the error value, the callee's write and event are rolled back. */
EXPORT(try_fail) Val try_fail(AddressObject callee) {
    Val r = try_call(callee, sym("wfail"), vec_new());
    CHECK(is_error(r, ERR_CONTRACT, 5));
    contract_event(vec_push_back(vec_new(), sym("caller")), r);
    /* Returning the error value itself would fail this frame (an error result escalates). */
    return VOID_VAL;
}

/* try_call of a succeeding callee keeps its effects. */
EXPORT(try_ok) Val try_ok(AddressObject callee) {
    Val r = try_call(callee, sym("write"), vec_new());
    CHECK_EQ(r, VOID_VAL);
    return r;
}

/* try_call of a missing function gives an error value (a host error narrowed to
 * (Context, InvalidAction)), returned as [type, code]. */
EXPORT(try_missing) Val try_missing(AddressObject callee) {
    Val r = try_call(callee, sym("nothing"), vec_new());
    CHECK_EQ(tag_of(r), TAG_ERROR);
    return vec_push_back(vec_push_back(vec_new(), u32v(minor_of(r))), u32v(major_of(r)));
}

/* A plain call of a failing callee fails the caller with the callee's error. */
EXPORT(call_fail) Val call_fail(AddressObject callee) {
    return call(callee, sym("wfail"), vec_new());
}

/* Calls back the given contract's "add" through the callee: A -> B -> A is re-entry. */
EXPORT(bounce) Val bounce(AddressObject back) {
    return call(back, sym("add"), args2(u32v(1), u32v(2)));
}

EXPORT(reenter) Val reenter(AddressObject other) {
    return call(other, sym("bounce"), vec_push_back(vec_new(), get_current_contract_address()));
}

/* Calls the next contract of the chain: chain[i+1].depth(chain, i+1); the last one returns its index. */
EXPORT(depth) Val depth(VecObject chain, U32Val index) {
    uint32_t next = u32_of(index) + 1;
    if (next >= u32_of(vec_len(chain)))
        return index;
    return call(vec_get(chain, u32v(next)), sym("depth"), args2(chain, u32v(next)));
}

/* Fails: a function name starting with "__" cannot be called. */
EXPORT(call_reserved) Val call_reserved(AddressObject callee) {
    return call(callee, sym("__check"), vec_new());
}
