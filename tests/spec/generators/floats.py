import os
import math
from common import *

def gen(W):
    T = f"f{W}"
    if W == 32:
        tobits, frombits, rnd = f32_bits, f32_from_bits, round_f32
        SIGN = 1 << 31; EXP = 0x7f800000; QUIET = 0x00400000; FRAC = 0x7fffff
        c = lambda b: fc(b, 32)
        special = {'min_sub': 0x1, 'max_sub': 0x7fffff, 'min_norm': 0x800000, 'max': 0x7f7fffff, 'inf': 0x7f800000}
        nan_pay = 0x7fa00000; nan_sig = 0x7f800001
    else:
        tobits, frombits, rnd = f64_bits, f64_from_bits, (lambda x: x)
        SIGN = 1 << 63; EXP = 0x7ff0000000000000; QUIET = 0x0008000000000000; FRAC = (1 << 52) - 1
        c = lambda b: fc(b, 64)
        special = {'min_sub': 0x1, 'max_sub': FRAC, 'min_norm': 1 << 52, 'max': 0x7fefffffffffffff, 'inf': EXP}
        nan_pay = 0x7ff4000000000000; nan_sig = 0x7ff0000000000001
    CANON = EXP | QUIET
    def is_nan(b): return (b & EXP) == EXP and (b & FRAC) != 0
    def is_canon(b): return (b & ~SIGN) == CANON
    pos = [0, tobits(1.0), tobits(0.5), tobits(1.5), tobits(2.5), tobits(math.pi), tobits(1e10) if W == 64 else tobits(1e10),
           special['min_sub'], special['max_sub'], special['min_norm'], special['max'], special['inf']]
    values = []
    for p in pos: values += [p, p | SIGN]
    nans = [CANON, CANON | SIGN, nan_pay, nan_sig | SIGN]
    cross_pos = [0, tobits(1.0), tobits(0.5), tobits(2.5), special['min_sub'], special['min_norm'], special['max'], special['inf']]
    cross = []
    for p in cross_pos: cross += [p, p | SIGN]
    cross += [CANON, nan_pay]

    def val(b): return frombits(b)
    def result_nan(inputs):
        ns = [b for b in inputs if is_nan(b)]
        if ns and not all(is_canon(b) for b in ns):
            return 'nan:arithmetic'
        return 'nan:canonical'
    def F(x):
        if math.isnan(x): return 'nan:canonical'
        return tobits(rnd(x))
    def add(a, b):
        x, y = val(a), val(b)
        return F(x + y)
    def sub(a, b): return F(val(a) - val(b))
    def mul(a, b):
        x, y = val(a), val(b)
        return F(x * y)
    def div(a, b):
        x, y = val(a), val(b)
        if y == 0:
            if x == 0 or math.isnan(x): return 'nan:canonical'
            neg = (math.copysign(1, x) < 0) != (math.copysign(1, y) < 0)
            return tobits(-math.inf if neg else math.inf)
        if math.isinf(x) and math.isinf(y): return 'nan:canonical'
        return F(x / y)
    def fmin(a, b):
        x, y = val(a), val(b)
        if x == 0 and y == 0: return a | b  # -0 wins
        return a if x < y else b
    def fmax(a, b):
        x, y = val(a), val(b)
        if x == 0 and y == 0: return a & b  # +0 wins
        return a if x > y else b
    def binop(f):
        def g(a, b):
            if is_nan(a) or is_nan(b): return result_nan([a, b])
            return f(a, b)
        return g
    bin_ops = {'add': binop(add), 'sub': binop(sub), 'mul': binop(mul), 'div': binop(div), 'min': binop(fmin), 'max': binop(fmax),
               'copysign': lambda a, b: (a & ~SIGN) | (b & SIGN)}
    def rounding(fn):
        def g(a):
            if is_nan(a): return result_nan([a])
            x = val(a)
            if math.isinf(x) or x == 0: return a
            r = float(fn(x))
            if r == 0: return a & SIGN
            return tobits(r)
        return g
    def sqrt(a):
        if is_nan(a): return result_nan([a])
        x = val(a)
        if x == 0: return a
        if x < 0: return 'nan:canonical'
        return F(math.sqrt(x))
    un_ops = {'sqrt': sqrt, 'ceil': rounding(math.ceil), 'floor': rounding(math.floor), 'trunc': rounding(math.trunc),
              'nearest': rounding(round), 'abs': lambda a: a & ~SIGN, 'neg': lambda a: a ^ SIGN}
    cmp_ops = {'eq': lambda x, y: x == y, 'ne': lambda x, y: x != y, 'lt': lambda x, y: x < y, 'gt': lambda x, y: x > y,
               'le': lambda x, y: x <= y, 'ge': lambda x, y: x >= y}

    out = header(f"{T}.wast: every {T} instruction on edge values",
                 ["Signed zeros, subnormals, the largest finite value, infinities and NaNs (canonical, with payload,",
                  "signalling). A NaN result is canonical when every NaN input was (or none was), else arithmetic;",
                  "abs, neg and copysign only touch the sign bit, so their NaN results are exact. min/max order -0 below +0."])
    out.append("(module")
    for op in bin_ops:
        out.append(f'  (func (export "{op}") (param $a {T}) (param $b {T}) (result {T}) ({T}.{op} (local.get $a) (local.get $b)))')
    for op in un_ops:
        out.append(f'  (func (export "{op}") (param $a {T}) (result {T}) ({T}.{op} (local.get $a)))')
    for op in cmp_ops:
        out.append(f'  (func (export "{op}") (param $a {T}) (param $b {T}) (result i32) ({T}.{op} (local.get $a) (local.get $b)))')
    out.append(")")
    n = 0
    def res(r): return f"({T}.const {r})" if isinstance(r, str) else c(r)
    for op, f in bin_ops.items():
        out.append(f"\n;; {T}.{op}")
        for a in cross:
            for b in cross:
                out.append(f'(assert_return (invoke "{op}" {c(a)} {c(b)}) {res(f(a, b))})'); n += 1
    # Rounding cases: results that land between two representable values, halfway cases, overflow to infinity.
    extra = []
    one = tobits(1.0)
    eps = one + 1  # 1 + ulp
    extra += [('add', one, 1 if W == 32 else 1), ('add', special['max'], special['max']), ('sub', special['max'] | SIGN, special['max']),
              ('mul', special['min_norm'], tobits(0.5)), ('mul', special['max'], tobits(2.0)), ('mul', special['min_sub'], tobits(0.5)),
              ('mul', special['min_sub'], tobits(1.5)), ('div', one, tobits(3.0)), ('div', tobits(2.0), tobits(3.0)),
              ('add', eps, tobits(0.5)), ('mul', eps, eps), ('div', special['min_norm'], special['max']),
              ('sub', tobits(1.0), eps), ('add', tobits(1e30) if W == 32 else tobits(1e300), tobits(-1e30) if W == 32 else tobits(-1e300))]
    out.append(f"\n;; {T} rounding: halfway cases, underflow to subnormal or zero, overflow to infinity")
    for op, a, b in extra:
        out.append(f'(assert_return (invoke "{op}" {c(a)} {c(b)}) {res(bin_ops[op](a, b))})'); n += 1
    unary_values = values + nans + [tobits(x) for x in (0.49999997 if W == 32 else 0.49999999999999994, 3.5, -3.5, 4.5, -4.5, -0.5, 0.75, -0.75, 1e7, 8388607.5 if W == 32 else 4503599627370495.5, 16777215.0, 4.0, 2.0, 1e-3)]
    unary_values = list(dict.fromkeys(tobits(rnd(val(b))) if not is_nan(b) else b for b in unary_values))
    for op, f in un_ops.items():
        out.append(f"\n;; {T}.{op}")
        for a in unary_values:
            out.append(f'(assert_return (invoke "{op}" {c(a)}) {res(f(a))})'); n += 1
    for op, f in cmp_ops.items():
        out.append(f"\n;; {T}.{op}")
        for a in cross:
            for b in cross:
                out.append(f'(assert_return (invoke "{op}" {c(a)} {c(b)}) (i32.const {int(f(val(a), val(b)))}))'); n += 1
    # Constants and NaN payload propagation through locals, globals, memory and select: bits must survive untouched.
    out.append(f"\n;; {T} values pass through locals, globals, memory and select bit for bit")
    out.append("(module")
    out.append("  (memory 1)")
    out.append(f"  (global $g (mut {T}) ({T}.const 0))")
    out.append(f'  (func (export "through") (param $x {T}) (result {T}) (local $l {T})')
    out.append(f"    (local.set $l (local.get $x))")
    out.append(f"    (global.set $g (local.get $l))")
    out.append(f"    ({T}.store (i32.const 8) (global.get $g))")
    out.append(f"    (select ({T}.load (i32.const 8)) ({T}.const 0) (i32.const 1)))")
    out.append(f'  (func (export "bits") (param $x {T}) (result i{W}) (i{W}.reinterpret_{T} (local.get $x)))')
    out.append(")")
    ic = i32c if W == 32 else i64c
    for a in values + nans + [nan_sig, nan_pay | SIGN, EXP | 1, (EXP | FRAC) | SIGN]:
        out.append(f'(assert_return (invoke "through" {c(a)}) {c(a)})'); n += 1
        out.append(f'(assert_return (invoke "bits" {c(a)}) {ic(a)})'); n += 1
    return "\n".join(out) + "\n", n

for W in (32, 64):
    text, n = gen(W)
    open(os.path.join(SPEC_DIR, f"f{W}.wast"), "w").write(text)
    print(W, n)
