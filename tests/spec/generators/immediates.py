"""immediates.wast: binary operators with one constant operand, on either side.

Register-machine translators (Wasmi 0.32+ and ours) give such operators special instruction forms
with the constant inlined (often only when it fits 16 bits), swap or negate operands (x - c as
x + -c), and fold constant conditions. Each of those rewrites has edge cases that the generic
tests, which pass every operand through locals, never reach.
"""
import os
import math
from common import *


def int_ops(W):
    M = (1 << W) - 1
    sx = s32 if W == 32 else s64
    MIN = 1 << (W - 1)
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
    def rotl(a, b): b %= W; return ((a << b) | (a >> (W - b))) & M if b else a
    def rotr(a, b): b %= W; return ((a >> b) | (a << (W - b))) & M if b else a
    ops = {
        'add': lambda a, b: (a + b) & M, 'sub': lambda a, b: (a - b) & M, 'mul': lambda a, b: (a * b) & M,
        'div_s': div_s, 'div_u': lambda a, b: 'integer divide by zero' if b == 0 else a // b,
        'rem_s': rem_s, 'rem_u': lambda a, b: 'integer divide by zero' if b == 0 else a % b,
        'and': lambda a, b: a & b, 'or': lambda a, b: a | b, 'xor': lambda a, b: a ^ b,
        'shl': lambda a, b: (a << (b % W)) & M, 'shr_s': lambda a, b: (sx(a) >> (b % W)) & M,
        'shr_u': lambda a, b: a >> (b % W), 'rotl': rotl, 'rotr': rotr,
        'eq': lambda a, b: int(a == b), 'ne': lambda a, b: int(a != b),
        'lt_s': lambda a, b: int(sx(a) < sx(b)), 'lt_u': lambda a, b: int(a < b),
        'gt_s': lambda a, b: int(sx(a) > sx(b)), 'gt_u': lambda a, b: int(a > b),
        'le_s': lambda a, b: int(sx(a) <= sx(b)), 'le_u': lambda a, b: int(a <= b),
        'ge_s': lambda a, b: int(sx(a) >= sx(b)), 'ge_u': lambda a, b: int(a >= b),
    }
    return ops, M, MIN


def gen_ints(W, out):
    T = f"i{W}"
    ops, M, MIN = int_ops(W)
    c = i32c if W == 32 else i64c
    consts = [0, 1, M, 32767, 32768, M - 32767, M - 32768, MIN, MIN - 1, W + 1]
    xs = [0, 1, M, MIN, 0x7ffe & M, 40000]
    out.append(f"\n;; {T}: every binary operator with a constant on the right and on the left")
    out.append("(module")
    for op in ops:
        res = "i32" if op in ('eq', 'ne') or op[:2] in ('lt', 'gt', 'le', 'ge') else T
        for i, k in enumerate(consts):
            out.append(f'  (func (export "{op}_r{i}") (param {T}) (result {res}) ({T}.{op} (local.get 0) {c(k)}))')
            out.append(f'  (func (export "{op}_l{i}") (param {T}) (result {res}) ({T}.{op} {c(k)} (local.get 0)))')
    out.append(")")
    n = 0
    for op, f in ops.items():
        is_cmp = op in ('eq', 'ne') or op[:2] in ('lt', 'gt', 'le', 'ge')
        for i, k in enumerate(consts):
            for side in ('r', 'l'):
                for x in xs:
                    r = f(x, k) if side == 'r' else f(k, x)
                    call = f'(invoke "{op}_{side}{i}" {c(x)})'
                    if isinstance(r, str):
                        out.append(f'(assert_trap {call} "{r}")')
                    else:
                        out.append(f'(assert_return {call} {"(i32.const %d)" % r if is_cmp else c(r)})')
                    n += 1
    return n


def gen_floats(W, out):
    T = f"f{W}"
    if W == 32:
        tob, frb, rnd = f32_bits, f32_from_bits, round_f32
        SIGN, EXP, QUIET, FRAC = 1 << 31, 0x7f800000, 0x400000, 0x7fffff
    else:
        tob, frb, rnd = f64_bits, f64_from_bits, (lambda v: v)
        SIGN, EXP, QUIET, FRAC = 1 << 63, 0x7ff0000000000000, 1 << 51, (1 << 52) - 1
    CANON = EXP | QUIET
    def is_nan(b): return (b & EXP) == EXP and (b & FRAC) != 0
    def nan_result(ins):
        ns = [b for b in ins if is_nan(b)]
        return 'nan:arithmetic' if ns and not all((b & ~SIGN) == CANON for b in ns) else 'nan:canonical'
    def arith(fn):
        def g(a, b):
            if is_nan(a) or is_nan(b): return nan_result([a, b])
            x, y = frb(a), frb(b)
            try:
                r = fn(x, y)
            except ZeroDivisionError:
                if x == 0: return 'nan:canonical'
                neg = (math.copysign(1, x) < 0) != (math.copysign(1, y) < 0)
                return tob(-math.inf if neg else math.inf)
            if math.isnan(r): return 'nan:canonical'
            return tob(rnd(r))
        return g
    def fmin(a, b):
        if is_nan(a) or is_nan(b): return nan_result([a, b])
        x, y = frb(a), frb(b)
        if x == 0 and y == 0: return a | b
        return a if x < y else b
    def fmax(a, b):
        if is_nan(a) or is_nan(b): return nan_result([a, b])
        x, y = frb(a), frb(b)
        if x == 0 and y == 0: return a & b
        return a if x > y else b
    ops = {'add': arith(lambda x, y: x + y), 'sub': arith(lambda x, y: x - y), 'mul': arith(lambda x, y: x * y),
           'div': arith(lambda x, y: x / y), 'min': fmin, 'max': fmax,
           'copysign': lambda a, b: (a & ~SIGN) | (b & SIGN)}
    cmps = {'eq': lambda x, y: x == y, 'ne': lambda x, y: x != y, 'lt': lambda x, y: x < y,
            'gt': lambda x, y: x > y, 'le': lambda x, y: x <= y, 'ge': lambda x, y: x >= y}
    consts = [0, SIGN, tob(1.0), tob(-2.5), EXP | SIGN, CANON, EXP | (QUIET >> 1)]
    xs = [0, SIGN, tob(1.5), EXP, CANON | SIGN]
    fcst = lambda b: fc(b, W)
    out.append(f"\n;; {T}: every binary operator and comparison with a constant on either side")
    out.append("(module")
    for op in list(ops) + list(cmps):
        res = "i32" if op in cmps else T
        for i, k in enumerate(consts):
            out.append(f'  (func (export "{op}_r{i}") (param {T}) (result {res}) ({T}.{op} (local.get 0) {fcst(k)}))')
            out.append(f'  (func (export "{op}_l{i}") (param {T}) (result {res}) ({T}.{op} {fcst(k)} (local.get 0)))')
    out.append(")")
    n = 0
    for op in list(ops) + list(cmps):
        for i, k in enumerate(consts):
            for side in ('r', 'l'):
                for x in xs:
                    a, b = (x, k) if side == 'r' else (k, x)
                    if op in cmps:
                        r = f"(i32.const {int(cmps[op](frb(a), frb(b)))})"
                    else:
                        v = ops[op](a, b)
                        r = f"({T}.const {v})" if isinstance(v, str) else fcst(v)
                    out.append(f'(assert_return (invoke "{op}_{side}{i}" {fcst(x)}) {r})')
                    n += 1
    return n


out = header("immediates.wast: operators with constant operands, and control flow on constant conditions",
             ["Translators that inline constants, swap operands or fold constant conditions must keep every",
              "semantic corner: division by a constant zero or -1, shifts by constants of width or more,",
              "subtraction of MIN, comparisons against 0 and -1, NaN and signed-zero constants."])
n = 0
for W in (32, 64):
    n += gen_ints(W, out)
for W in (32, 64):
    n += gen_floats(W, out)
out.append("""
;; constant conditions: folded branches must still pop their operands and pick the right arm
(module
  (func (export "br_if_true") (result i32) (block (result i32) (br_if 0 (i32.const 1) (i32.const 1)) (drop) (i32.const 2)))
  (func (export "br_if_false") (result i32) (block (result i32) (br_if 0 (i32.const 1) (i32.const 0)) (drop) (i32.const 2)))
  (func (export "br_if_minus") (result i32) (block (result i32) (br_if 0 (i32.const 1) (i32.const -1)) (drop) (i32.const 2)))
  (func (export "if_true") (result i32) (if (result i32) (i32.const 7) (then (i32.const 1)) (else (i32.const 2))))
  (func (export "if_false") (result i32) (if (result i32) (i32.const 0) (then (i32.const 1)) (else (i32.const 2))))
  (func (export "select_true") (param i32 i32) (result i32) (select (local.get 0) (local.get 1) (i32.const 0x80000000)))
  (func (export "select_false") (param i32 i32) (result i32) (select (local.get 0) (local.get 1) (i32.const 0)))
  (func (export "select_consts") (param i32) (result i32) (select (i32.const 10) (i32.const 20) (local.get 0)))
  (func (export "br_table_const") (result i32)
    (block (result i32) (block (result i32) (block (result i32) (br_table 0 1 2 (i32.const 30) (i32.const 1))) (i32.const 1) (i32.add)) (i32.const 2) (i32.add)))
  (func (export "br_table_const_default") (result i32)
    (block (result i32) (block (result i32) (br_table 0 1 (i32.const 40) (i32.const -1))) (i32.const 1) (i32.add)))
  (func (export "loop_const_false") (result i32) (local $n i32)
    (loop (local.set $n (i32.add (local.get $n) (i32.const 1))) (br_if 0 (i32.const 0))) (local.get $n))
  (func (export "eqz_const") (result i32) (i32.add (i32.eqz (i32.const 0)) (i64.eqz (i64.const 0x100000000))))
  (func (export "div_const_zero") (result i32) (i32.div_u (i32.const 1) (i32.const 0)))
  (func (export "unused_trap_is_kept") (drop (i32.div_s (i32.const 0x80000000) (i32.const -1))))
  (func (export "dead_after_const_br") (result i32) (block (result i32) (br 0 (i32.const 5)) (i32.div_u (i32.const 1) (i32.const 0))))
)
(assert_return (invoke "br_if_true") (i32.const 1))
(assert_return (invoke "br_if_false") (i32.const 2))
(assert_return (invoke "br_if_minus") (i32.const 1))
(assert_return (invoke "if_true") (i32.const 1))
(assert_return (invoke "if_false") (i32.const 2))
(assert_return (invoke "select_true" (i32.const 3) (i32.const 4)) (i32.const 3))
(assert_return (invoke "select_false" (i32.const 3) (i32.const 4)) (i32.const 4))
(assert_return (invoke "select_consts" (i32.const 0)) (i32.const 20))
(assert_return (invoke "select_consts" (i32.const 2)) (i32.const 10))
(assert_return (invoke "br_table_const") (i32.const 32))
(assert_return (invoke "br_table_const_default") (i32.const 40))
(assert_return (invoke "loop_const_false") (i32.const 1))
(assert_return (invoke "eqz_const") (i32.const 1))
(assert_trap (invoke "div_const_zero") "integer divide by zero")
(assert_trap (invoke "unused_trap_is_kept") "integer overflow")
(assert_return (invoke "dead_after_const_br") (i32.const 5))
""")
open(os.path.join(SPEC_DIR, "immediates.wast"), "w").write("\n".join(out) + "\n")
print(n)
