/* A constant-product pool (x * y = k) with i128 reserves and 128-bit arithmetic done in Wasm:
 * products, quotients and the integer square root of the first deposit. Shares are kept per
 * provider in persistent storage, reserves in instance storage; every operation emits an event
 * and requires the provider's or trader's authorization. */
#include "sample.h"

static u128 get128(const char *name) { return i128_of(load(sym(name), STORAGE_INSTANCE, i128_val(u128_of64(0)))); }
static void put128(const char *name, u128 v) { store(sym(name), STORAGE_INSTANCE, i128_val(v)); }
static Val share_key(AddressObject who) { return vec2(sym("Share"), who); }

static u128 isqrt(u128 n) {
    if (u128_is_zero(n))
        return n;
    u128 x = n, one = u128_of64(1);
    u128 y = u128_div(u128_add(x, one), u128_of64(2), 0);
    while (u128_lt(y, x)) {
        x = y;
        y = u128_div(u128_add(x, u128_div(n, x, 0)), u128_of64(2), 0);
    }
    return x;
}

static u128 positive(Val v) {
    u128 a = i128_of(v);
    REQUIRE(!u128_is_neg(a) && !u128_is_zero(a), 1);
    REQUIRE(a.hi == 0 && (a.lo >> 62) == 0, 2); /* keeps products within 128 bits */
    return a;
}

EXPORT(__constructor) Val constructor(U32Val fee_bps) {
    REQUIRE(u32_of(fee_bps) < 10000, 3);
    store(sym("fee"), STORAGE_INSTANCE, fee_bps);
    return VOID_VAL;
}

EXPORT(deposit) Val deposit(AddressObject who, Val a, Val b) {
    require_auth(who);
    u128 da = positive(a), db = positive(b);
    u128 ra = get128("ra"), rb = get128("rb"), total = get128("shares");
    u128 minted;
    if (u128_is_zero(total)) {
        minted = isqrt(u128_mul(da, db));
    } else {
        u128 sa = u128_div(u128_mul(da, total), ra, 0);
        u128 sb = u128_div(u128_mul(db, total), rb, 0);
        minted = u128_lt(sa, sb) ? sa : sb;
    }
    REQUIRE(!u128_is_zero(minted), 4);
    put128("ra", u128_add(ra, da));
    put128("rb", u128_add(rb, db));
    put128("shares", u128_add(total, minted));
    Val key = share_key(who);
    u128 mine = i128_of(load(key, STORAGE_PERSISTENT, i128_val(u128_of64(0))));
    store(key, STORAGE_PERSISTENT, i128_val(u128_add(mine, minted)));
    event(vec2(sym("deposit"), who), vec3(a, b, i128_val(minted)));
    return i128_val(minted);
}

/* Sells `amount_in` of A (a_for_b true) or B; fails when the output is below `min_out`. */
EXPORT(swap) Val swap(AddressObject who, Val a_for_b, Val amount_in, Val min_out) {
    require_auth(who);
    u128 in = positive(amount_in);
    u128 ra = get128("ra"), rb = get128("rb");
    REQUIRE(!u128_is_zero(ra) && !u128_is_zero(rb), 5);
    int forward = a_for_b == TRUE_VAL;
    u128 rin = forward ? ra : rb, rout = forward ? rb : ra;
    uint32_t fee = u32_of(get_contract_data(sym("fee"), STORAGE_INSTANCE));
    u128 in_after_fee = u128_mul(in, u128_of64(10000 - fee));
    u128 out = u128_div(u128_mul(in_after_fee, rout), u128_add(u128_mul(rin, u128_of64(10000)), in_after_fee), 0);
    REQUIRE(!i128_lt(out, i128_of(min_out)), 6); /* slippage */
    rin = u128_add(rin, in);
    rout = u128_sub(rout, out);
    put128(forward ? "ra" : "rb", rin);
    put128(forward ? "rb" : "ra", rout);
    event(vec2(sym("swap"), who), vec3(a_for_b, amount_in, i128_val(out)));
    return i128_val(out);
}

EXPORT(withdraw) Val withdraw(AddressObject who, Val shares) {
    require_auth(who);
    u128 s = positive(shares);
    Val key = share_key(who);
    u128 mine = i128_of(load(key, STORAGE_PERSISTENT, i128_val(u128_of64(0))));
    REQUIRE(!i128_lt(mine, s), 7);
    u128 ra = get128("ra"), rb = get128("rb"), total = get128("shares");
    u128 oa = u128_div(u128_mul(ra, s), total, 0), ob = u128_div(u128_mul(rb, s), total, 0);
    put128("ra", u128_sub(ra, oa));
    put128("rb", u128_sub(rb, ob));
    put128("shares", u128_sub(total, s));
    if (u128_is_zero(u128_sub(mine, s)))
        del_contract_data(key, STORAGE_PERSISTENT);
    else
        store(key, STORAGE_PERSISTENT, i128_val(u128_sub(mine, s)));
    event(vec2(sym("withdraw"), who), vec2(i128_val(oa), i128_val(ob)));
    return vec2(i128_val(oa), i128_val(ob));
}

EXPORT(reserves) Val reserves(void) { return vec3(i128_val(get128("ra")), i128_val(get128("rb")), i128_val(get128("shares"))); }
