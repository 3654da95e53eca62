/* Module "i": every integer host function, checked against values computed here. */
#include "contract.h"

#define U64_MAX 0xffffffffffffffffULL

EXPORT(u64_i64) Val u64_i64(void) {
    U64Object a = obj_from_u64(5);
    CHECK_EQ(tag_of(a), TAG_U64_OBJECT);
    CHECK_EQ(obj_to_u64(a), 5);
    CHECK_SAME(a, u64_small(5));
    CHECK_EQ(obj_to_u64(obj_from_u64(U64_MAX)), U64_MAX);
    I64Object b = obj_from_i64(-5);
    CHECK_EQ(tag_of(b), TAG_I64_OBJECT);
    CHECK_EQ(obj_to_i64(b), -5);
    CHECK_EQ(obj_to_i64(obj_from_i64(INT64_MIN)), INT64_MIN);
    CHECK(obj_cmp(obj_from_i64(-7), i64_small(3)) < 0);
    return VOID_VAL;
}

EXPORT(u128_i128) Val u128_i128(void) {
    U128Object a = obj_from_u128_pieces(0x0102030405060708ULL, 0x1112131415161718ULL);
    CHECK_EQ(tag_of(a), TAG_U128_OBJECT);
    CHECK_EQ(obj_to_u128_hi64(a), 0x0102030405060708ULL);
    CHECK_EQ(obj_to_u128_lo64(a), 0x1112131415161718ULL);
    I128Object b = obj_from_i128_pieces(-2, 7);
    CHECK_EQ(tag_of(b), TAG_I128_OBJECT);
    CHECK_EQ(obj_to_i128_hi64(b), -2);
    CHECK_EQ(obj_to_i128_lo64(b), 7);
    CHECK(obj_cmp(b, a) != 0);
    return VOID_VAL;
}

EXPORT(u256_pieces) Val u256_pieces(void) {
    U256Object a = obj_from_u256_pieces(1, 2, 3, 4);
    CHECK_EQ(tag_of(a), TAG_U256_OBJECT);
    CHECK_EQ(obj_to_u256_hi_hi(a), 1);
    CHECK_EQ(obj_to_u256_hi_lo(a), 2);
    CHECK_EQ(obj_to_u256_lo_hi(a), 3);
    CHECK_EQ(obj_to_u256_lo_lo(a), 4);
    BytesObject be = u256_val_to_be_bytes(a);
    CHECK_EQ(u32_of(bytes_len(be)), 32);
    CHECK_EQ(u32_of(bytes_get(be, u32v(7))), 1);
    CHECK_EQ(u32_of(bytes_get(be, u32v(15))), 2);
    CHECK_EQ(u32_of(bytes_get(be, u32v(31))), 4);
    CHECK_SAME(u256_val_from_be_bytes(be), a);
    /* A small value converts through bytes too. */
    BytesObject small = u256_val_to_be_bytes(u256_small(258));
    CHECK_EQ(u32_of(bytes_get(small, u32v(30))), 1);
    CHECK_EQ(u32_of(bytes_get(small, u32v(31))), 2);
    CHECK_SAME(u256_val_from_be_bytes(small), u256_small(258));
    return VOID_VAL;
}

EXPORT(i256_pieces) Val i256_pieces(void) {
    I256Object a = obj_from_i256_pieces(-1, 2, 3, 4);
    CHECK_EQ(tag_of(a), TAG_I256_OBJECT);
    CHECK_EQ(obj_to_i256_hi_hi(a), -1);
    CHECK_EQ(obj_to_i256_hi_lo(a), 2);
    CHECK_EQ(obj_to_i256_lo_hi(a), 3);
    CHECK_EQ(obj_to_i256_lo_lo(a), 4);
    BytesObject be = i256_val_to_be_bytes(a);
    CHECK_EQ(u32_of(bytes_len(be)), 32);
    CHECK_EQ(u32_of(bytes_get(be, u32v(0))), 0xff);
    CHECK_EQ(u32_of(bytes_get(be, u32v(31))), 4);
    CHECK_SAME(i256_val_from_be_bytes(be), a);
    BytesObject minus_one = i256_val_to_be_bytes(i256_small(-1));
    CHECK_EQ(u32_of(bytes_get(minus_one, u32v(0))), 0xff);
    CHECK_EQ(u32_of(bytes_get(minus_one, u32v(31))), 0xff);
    CHECK_SAME(i256_val_from_be_bytes(minus_one), i256_small(-1));
    return VOID_VAL;
}

EXPORT(u256_arith) Val u256_arith(void) {
    CHECK_SAME(u256_add(u256_small(2), u256_small(3)), u256_small(5));
    CHECK_SAME(u256_sub(u256_small(10), u256_small(3)), u256_small(7));
    CHECK_SAME(u256_mul(u256_small(6), u256_small(7)), u256_small(42));
    CHECK_SAME(u256_div(u256_small(43), u256_small(7)), u256_small(6));
    CHECK_SAME(u256_rem_euclid(u256_small(43), u256_small(7)), u256_small(1));
    CHECK_SAME(u256_pow(u256_small(2), u32v(10)), u256_small(1024));
    /* 1 << 100 has bit 36 of the lo_hi piece set. */
    U256Val big = u256_shl(u256_small(1), u32v(100));
    CHECK_SAME(big, obj_from_u256_pieces(0, 0, 1ULL << 36, 0));
    CHECK_SAME(u256_shr(big, u32v(99)), u256_small(2));
    /* Crossing into objects and back: (2^64 + 5) - 2^64. */
    U256Val x = u256_add(obj_from_u256_pieces(0, 0, 1, 0), u256_small(5));
    CHECK_EQ(obj_to_u256_lo_hi(x), 1);
    CHECK_EQ(obj_to_u256_lo_lo(x), 5);
    CHECK_SAME(u256_sub(x, obj_from_u256_pieces(0, 0, 1, 0)), u256_small(5));
    return VOID_VAL;
}

EXPORT(i256_arith) Val i256_arith(void) {
    CHECK_SAME(i256_add(i256_small(-2), i256_small(3)), i256_small(1));
    CHECK_SAME(i256_sub(i256_small(3), i256_small(10)), i256_small(-7));
    CHECK_SAME(i256_mul(i256_small(-6), i256_small(7)), i256_small(-42));
    CHECK_SAME(i256_div(i256_small(-7), i256_small(2)), i256_small(-3));
    CHECK_SAME(i256_rem_euclid(i256_small(-7), i256_small(2)), i256_small(1));
    CHECK_SAME(i256_pow(i256_small(-2), u32v(3)), i256_small(-8));
    CHECK_SAME(i256_shl(i256_small(-1), u32v(4)), i256_small(-16));
    CHECK_SAME(i256_shr(i256_small(-16), u32v(2)), i256_small(-4));
    I256Val big = i256_shl(i256_small(1), u32v(200));
    CHECK_EQ(obj_to_i256_hi_hi(big), 1LL << 8);
    CHECK_SAME(i256_shr(big, u32v(199)), i256_small(2));
    return VOID_VAL;
}

EXPORT(time) Val time(void) {
    TimepointObject t = timepoint_obj_from_u64(U64_MAX);
    CHECK_EQ(tag_of(t), TAG_TIMEPOINT_OBJECT);
    CHECK_EQ(timepoint_obj_to_u64(t), U64_MAX);
    DurationObject d = duration_obj_from_u64(12345);
    CHECK_EQ(tag_of(d), TAG_DURATION_OBJECT);
    CHECK_EQ(duration_obj_to_u64(d), 12345);
    CHECK_SAME(d, val_body(12345, TAG_DURATION_SMALL));
    return VOID_VAL;
}

/* Fails: u256 overflow is (Object, ArithDomain). */
EXPORT(u256_overflow) Val u256_overflow(void) {
    return u256_add(obj_from_u256_pieces(U64_MAX, U64_MAX, U64_MAX, U64_MAX), u256_small(1));
}

/* Fails: division by zero is (Object, ArithDomain). */
EXPORT(i256_div_zero) Val i256_div_zero(void) {
    return i256_div(i256_small(1), i256_small(0));
}

/* Fails: a u64 object read as an i64 object is (Value, UnexpectedType) at the dispatch check. */
EXPORT(wrong_object) Val wrong_object(void) {
    return i64_small(obj_to_i64(obj_from_u64(1)));
}
