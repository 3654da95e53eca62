/* A token with balances (persistent storage), allowances (temporary storage, expiring at a
 * ledger) and events. The admin (set by the constructor) mints. Every balance change emits an
 * event; transfers and approvals require the owner's authorization. */
#include "sample.h"

#define BALANCE_TTL_THRESHOLD 1000
#define BALANCE_TTL_EXTEND 5000

static Val balance_key(AddressObject id) { return vec2(sym("Balance"), id); }
static Val allowance_key(AddressObject from, AddressObject spender) { return vec3(sym("Allowance"), from, spender); }

static u128 balance_of(AddressObject id) {
    Val v = load(balance_key(id), STORAGE_PERSISTENT, VOID_VAL);
    return v == VOID_VAL ? u128_of64(0) : i128_of(v);
}

static void set_balance(AddressObject id, u128 amount) {
    Val key = balance_key(id);
    store(key, STORAGE_PERSISTENT, i128_val(amount));
    extend_contract_data_ttl(key, STORAGE_PERSISTENT, u32v(BALANCE_TTL_THRESHOLD), u32v(BALANCE_TTL_EXTEND));
}

static u128 positive(Val amount) {
    u128 a = i128_of(amount);
    REQUIRE(!u128_is_neg(a) && !u128_is_zero(a), 1);
    return a;
}

static void move(AddressObject from, AddressObject to, u128 amount) {
    u128 have = balance_of(from);
    REQUIRE(!i128_lt(have, amount), 2); /* insufficient balance */
    set_balance(from, u128_sub(have, amount));
    set_balance(to, u128_add(balance_of(to), amount));
}

EXPORT(__constructor) Val constructor(AddressObject admin, U32Val decimals, Symbol name) {
    store(sym("admin"), STORAGE_INSTANCE, admin);
    store(sym("decimals"), STORAGE_INSTANCE, decimals);
    store(sym("name"), STORAGE_INSTANCE, name);
    store(sym("supply"), STORAGE_INSTANCE, i128_val(u128_of64(0)));
    return VOID_VAL;
}

EXPORT(mint) Val mint(AddressObject to, Val amount) {
    AddressObject admin = get_contract_data(sym("admin"), STORAGE_INSTANCE);
    require_auth(admin);
    u128 a = positive(amount);
    set_balance(to, u128_add(balance_of(to), a));
    store(sym("supply"), STORAGE_INSTANCE, i128_val(u128_add(i128_of(get_contract_data(sym("supply"), STORAGE_INSTANCE)), a)));
    event(vec3(sym("mint"), admin, to), amount);
    return VOID_VAL;
}

EXPORT(balance) Val balance(AddressObject id) { return i128_val(balance_of(id)); }

EXPORT(supply) Val supply(void) { return get_contract_data(sym("supply"), STORAGE_INSTANCE); }

EXPORT(name) Val name(void) { return get_contract_data(sym("name"), STORAGE_INSTANCE); }

EXPORT(transfer) Val transfer(AddressObject from, AddressObject to, Val amount) {
    require_auth(from);
    move(from, to, positive(amount));
    event(vec3(sym("transfer"), from, to), amount);
    return VOID_VAL;
}

/* An allowance lives in temporary storage until live_until (a ledger sequence). */
EXPORT(approve) Val approve(AddressObject from, AddressObject spender, Val amount, U32Val live_until) {
    require_auth(from);
    u128 a = i128_of(amount);
    REQUIRE(!u128_is_neg(a), 1);
    uint32_t seq = u32_of(get_ledger_sequence());
    uint32_t until = u32_of(live_until);
    REQUIRE(until >= seq, 3);
    Val key = allowance_key(from, spender);
    store(key, STORAGE_TEMPORARY, vec2(amount, live_until));
    if (until > seq)
        extend_contract_data_ttl(key, STORAGE_TEMPORARY, u32v(until - seq), u32v(until - seq));
    event(vec3(sym("approve"), from, spender), vec2(amount, live_until));
    return VOID_VAL;
}

static u128 allowance_of(AddressObject from, AddressObject spender) {
    Val v = load(allowance_key(from, spender), STORAGE_TEMPORARY, VOID_VAL);
    if (v == VOID_VAL || u32_of(vec_get(v, u32v(1))) < u32_of(get_ledger_sequence()))
        return u128_of64(0);
    return i128_of(vec_get(v, u32v(0)));
}

EXPORT(allowance) Val allowance(AddressObject from, AddressObject spender) { return i128_val(allowance_of(from, spender)); }

EXPORT(transfer_from) Val transfer_from(AddressObject spender, AddressObject from, AddressObject to, Val amount) {
    require_auth(spender);
    u128 a = positive(amount);
    u128 allowed = allowance_of(from, spender);
    REQUIRE(!i128_lt(allowed, a), 4); /* allowance exceeded */
    Val key = allowance_key(from, spender);
    Val entry = get_contract_data(key, STORAGE_TEMPORARY);
    store(key, STORAGE_TEMPORARY, vec2(i128_val(u128_sub(allowed, a)), vec_get(entry, u32v(1))));
    move(from, to, a);
    event(vec3(sym("transfer"), from, to), amount);
    return VOID_VAL;
}
