/* Module "i", protocol 26 on: checked 256-bit arithmetic. */
#include "contract.h"

#define U64_MAX 0xffffffffffffffffULL

/* Protocol 26 on: checked arithmetic gives Void instead of failing. */
EXPORT(checked) Val checked(void) {
    U256Val max = obj_from_u256_pieces(U64_MAX, U64_MAX, U64_MAX, U64_MAX);
    CHECK_SAME(u256_checked_add(u256_small(2), u256_small(3)), u256_small(5));
    CHECK_EQ(u256_checked_add(max, u256_small(1)), VOID_VAL);
    CHECK_SAME(u256_checked_sub(u256_small(3), u256_small(2)), u256_small(1));
    CHECK_EQ(u256_checked_sub(u256_small(2), u256_small(3)), VOID_VAL);
    CHECK_SAME(u256_checked_mul(u256_small(3), u256_small(4)), u256_small(12));
    CHECK_EQ(u256_checked_mul(max, u256_small(2)), VOID_VAL);
    CHECK_SAME(u256_checked_pow(u256_small(3), u32v(3)), u256_small(27));
    CHECK_EQ(u256_checked_pow(u256_small(2), u32v(256)), VOID_VAL);
    I256Val imax = obj_from_i256_pieces(INT64_MAX, U64_MAX, U64_MAX, U64_MAX);
    CHECK_SAME(i256_checked_add(i256_small(-2), i256_small(3)), i256_small(1));
    CHECK_EQ(i256_checked_add(imax, i256_small(1)), VOID_VAL);
    CHECK_SAME(i256_checked_sub(i256_small(-2), i256_small(3)), i256_small(-5));
    CHECK_EQ(i256_checked_sub(i256_small(-2), imax), VOID_VAL);
    CHECK_SAME(i256_checked_mul(i256_small(-3), i256_small(4)), i256_small(-12));
    CHECK_EQ(i256_checked_mul(imax, i256_small(2)), VOID_VAL);
    CHECK_SAME(i256_checked_pow(i256_small(-3), u32v(3)), i256_small(-27));
    CHECK_EQ(i256_checked_pow(i256_small(2), u32v(255)), VOID_VAL);
    return VOID_VAL;
}
