/* An export with 33 parameters: more than Soroban's 32. */
#include "contract.h"

#define P4(n) Val a##n##0, Val a##n##1, Val a##n##2, Val a##n##3
EXPORT(wide) Val wide(P4(0), P4(1), P4(2), P4(3), P4(4), P4(5), P4(6), P4(7), Val last) {
    return a00 + last;
}
