import os
import sys
from common import *

def gen(W):
    M = (1 << W) - 1
    sx = s32 if W == 32 else s64
    c = i32c if W == 32 else i64c
    T = f"i{W}"
    MIN = 1 << (W - 1)
    cross = [0, 1, 2, M, M - 1, MIN - 1, MIN, MIN + 1, 0x12345678 if W == 32 else 0x123456789abcdef0,
             W - 1, W, 2 * W + 3, sx(-5) & M]
    unary_vals = sorted(set(cross + [1 << k for k in range(W)] + [(1 << k) - 1 for k in range(W + 1)] +
                            [M ^ (1 << k) for k in range(0, W, 7)] + [0x80, 0x7f, 0xff, 0x8000, 0x7fff, 0xffff, 0xff80, 0xffff8000 & M,
                             0x80000000 & M, 0x7fffffff, 0xffffffff, 0x55555555 & M, 0xaaaaaaaa & M, M ^ 0x80, M ^ 0x8000]))
    def rot_l(a, b): b %= W; return ((a << b) | (a >> (W - b))) & M if b else a
    def rot_r(a, b): b %= W; return ((a >> b) | (a << (W - b))) & M if b else a
    def div_s(a, b):
        if b == 0: return 'integer divide by zero'
        x, y = sx(a), sx(b)
        if x == -MIN and y == -1: return 'integer overflow'
        q = abs(x) // abs(y)
        return (q if (x < 0) == (y < 0) else -q) & M
    def rem_s(a, b):
        if b == 0: return 'integer divide by zero'
        x, y = sx(a), sx(b)
        r = abs(x) % abs(y)
        return (r if x >= 0 else -r) & M
    bin_ops = {
        'add': lambda a, b: (a + b) & M,
        'sub': lambda a, b: (a - b) & M,
        'mul': lambda a, b: (a * b) & M,
        'div_s': div_s,
        'div_u': lambda a, b: 'integer divide by zero' if b == 0 else a // b,
        'rem_s': rem_s,
        'rem_u': lambda a, b: 'integer divide by zero' if b == 0 else a % b,
        'and': lambda a, b: a & b,
        'or': lambda a, b: a | b,
        'xor': lambda a, b: a ^ b,
        'shl': lambda a, b: (a << (b % W)) & M,
        'shr_s': lambda a, b: (sx(a) >> (b % W)) & M,
        'shr_u': lambda a, b: a >> (b % W),
        'rotl': rot_l,
        'rotr': rot_r,
    }
    cmp_ops = {
        'eq': lambda a, b: a == b, 'ne': lambda a, b: a != b,
        'lt_s': lambda a, b: sx(a) < sx(b), 'lt_u': lambda a, b: a < b,
        'gt_s': lambda a, b: sx(a) > sx(b), 'gt_u': lambda a, b: a > b,
        'le_s': lambda a, b: sx(a) <= sx(b), 'le_u': lambda a, b: a <= b,
        'ge_s': lambda a, b: sx(a) >= sx(b), 'ge_u': lambda a, b: a >= b,
    }
    def clz(a): return W - a.bit_length()
    def ctz(a): return W if a == 0 else (a & -a).bit_length() - 1
    def ext(bits):
        return lambda a: sx(((a & ((1 << bits) - 1)) ^ (1 << (bits - 1))) - (1 << (bits - 1))) & M
    un_ops = {'clz': clz, 'ctz': ctz, 'popcnt': lambda a: bin(a).count('1'),
              'extend8_s': ext(8), 'extend16_s': ext(16)}
    if W == 64: un_ops['extend32_s'] = ext(32)

    out = header(f"{T}.wast: every {T} instruction on edge values",
                 ["Arithmetic wraps modulo 2^N; division truncates toward zero and traps on zero and on MIN / -1;",
                  "shift and rotate counts are taken modulo N; comparisons come in signed and unsigned forms."])
    out.append("(module")
    for op in bin_ops:
        out.append(f'  (func (export "{op}") (param $a {T}) (param $b {T}) (result {T}) ({T}.{op} (local.get $a) (local.get $b)))')
    for op in cmp_ops:
        out.append(f'  (func (export "{op}") (param $a {T}) (param $b {T}) (result i32) ({T}.{op} (local.get $a) (local.get $b)))')
    for op in un_ops:
        out.append(f'  (func (export "{op}") (param $a {T}) (result {T}) ({T}.{op} (local.get $a)))')
    out.append(f'  (func (export "eqz") (param $a {T}) (result i32) ({T}.eqz (local.get $a)))')
    out.append(")")
    n = 0
    for op, f in bin_ops.items():
        out.append(f"\n;; {T}.{op}")
        for a in cross:
            for b in cross:
                r = f(a, b)
                if isinstance(r, str):
                    out.append(f'(assert_trap (invoke "{op}" {c(a)} {c(b)}) "{r}")')
                else:
                    out.append(f'(assert_return (invoke "{op}" {c(a)} {c(b)}) {c(r)})')
                n += 1
    for op, f in cmp_ops.items():
        out.append(f"\n;; {T}.{op}")
        for a in cross:
            for b in cross:
                out.append(f'(assert_return (invoke "{op}" {c(a)} {c(b)}) (i32.const {int(f(a, b))}))')
                n += 1
    for op, f in list(un_ops.items()) + [('eqz', lambda a: int(a == 0))]:
        out.append(f"\n;; {T}.{op}")
        for a in unary_vals:
            r = f(a)
            rc = f"(i32.const {r})" if op == 'eqz' else c(r)
            out.append(f'(assert_return (invoke "{op}" {c(a)}) {rc})')
            n += 1
    # Constant folding must not hide the arithmetic: the same edge cases with immediate operands.
    out.append("\n;; the same edge cases on constants, where an engine might fold them at translation time")
    out.append("(module")
    consts = [('div_s', MIN, M), ('rem_s', MIN, M), ('div_u', MIN, M), ('rem_u', M, 3), ('shl', 1, W), ('shr_s', MIN, W + 1),
              ('shr_u', MIN, 2 * W - 1), ('rotl', MIN | 1, W + 1), ('rotr', 3, sx(-1) & M), ('mul', MIN, M)]
    for i, (op, a, b) in enumerate(consts):
        out.append(f'  (func (export "k{i}") (result {T}) ({T}.{op} {c(a)} {c(b)}))')
    out.append(f'  (func (export "kdiv0") (result {T}) ({T}.div_u {c(7)} {c(0)}))')
    out.append(f'  (func (export "kovf") (result {T}) ({T}.div_s {c(MIN)} {c(M)}))')
    out.append(")")
    for i, (op, a, b) in enumerate(consts):
        r = bin_ops[op](a, b)
        if isinstance(r, str):
            out.append(f'(assert_trap (invoke "k{i}") "{r}")')
        else:
            out.append(f'(assert_return (invoke "k{i}") {c(r)})')
        n += 1
    out.append('(assert_trap (invoke "kdiv0") "integer divide by zero")')
    out.append('(assert_trap (invoke "kovf") "integer overflow")')
    return "\n".join(out) + "\n", n + 2

for W in (32, 64):
    text, n = gen(W)
    open(os.path.join(SPEC_DIR, f"i{W}.wast"), "w").write(text)
    print(W, n)
