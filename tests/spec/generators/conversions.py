import os
import math
from fractions import Fraction
from common import *

out = header("conversions.wast: every conversion, truncation boundary and reinterpretation",
             ["Trapping truncations trap with \"integer overflow\" when the truncated value is out of range and",
              "\"invalid conversion to integer\" on NaN; saturating ones clamp and map NaN to 0. Integer-to-float",
              "conversions round to nearest, ties to even; demotion rounds, promotion is exact."])
n = 0
def fl(W):
    if W == 32:
        return dict(bits=f32_bits, frm=f32_from_bits, SIGN=1 << 31, EXP=0x7f800000, QUIET=0x400000, FRAC=0x7fffff, MANT=24, EMAX=127, EMIN=-126)
    return dict(bits=f64_bits, frm=f64_from_bits, SIGN=1 << 63, EXP=0x7ff0000000000000, QUIET=1 << 51, FRAC=(1 << 52) - 1, MANT=53, EMAX=1023, EMIN=-1022)

def is_nan(b, W): d = fl(W); return (b & d['EXP']) == d['EXP'] and (b & d['FRAC']) != 0

def round_fraction(q, W):
    """Bits of rational q rounded to nearest-even in format W."""
    d = fl(W)
    if q == 0: return 0
    sign = q < 0; q = abs(q)
    e = q.numerator.bit_length() - q.denominator.bit_length()
    if Fraction(2) ** e > q: e -= 1
    e = max(e, d['EMIN'])
    scale = Fraction(2) ** (d['MANT'] - 1 - e)
    m = q * scale
    fl_m = m.numerator // m.denominator
    rem = m - fl_m
    if rem > Fraction(1, 2) or (rem == Fraction(1, 2) and fl_m % 2 == 1): fl_m += 1
    val = Fraction(fl_m) / scale
    if val >= Fraction(2) ** (d['EMAX'] + 1):
        b = d['EXP']
    else:
        x = float(val) if W == 64 else float(val)
        b = d['bits'](x)
    return b | (d['SIGN'] if sign else 0)

def next_up(b, W):
    d = fl(W)
    if b & d['SIGN']:
        return 0 if b == d['SIGN'] else b - 1
    return b + 1
def next_down(b, W):
    d = fl(W)
    if b == 0: return d['SIGN'] | 1
    if b & d['SIGN']: return b + 1
    return b - 1

def exact(b, W): return Fraction(fl(W)['frm'](b))

modfuncs = []
asserts = []
def func(name, sig, body):
    modfuncs.append(f'  (func (export "{name}") {sig} {body})')

# --- integer <-> integer
func("i32.wrap_i64", "(param i64) (result i32)", "(i32.wrap_i64 (local.get 0))")
func("i64.extend_i32_s", "(param i32) (result i64)", "(i64.extend_i32_s (local.get 0))")
func("i64.extend_i32_u", "(param i32) (result i64)", "(i64.extend_i32_u (local.get 0))")
i64vals = [0, 1, M64, 1 << 63, (1 << 63) - 1, 0x7fffffff, 0x80000000, 0xffffffff, 0x100000000, 0x123456789abcdef0, 0xffffffff00000000, 0x00000001ffffffff]
for v in i64vals:
    asserts.append(f'(assert_return (invoke "i32.wrap_i64" {i64c(v)}) {i32c(v & M32)})')
i32vals = [0, 1, M32, 0x7fffffff, 0x80000000, 0x80000001, 0x12345678, 0xfffffffe, 0x8000, 0xffff]
for v in i32vals:
    asserts.append(f'(assert_return (invoke "i64.extend_i32_s" {i32c(v)}) {i64c(s32(v))})')
    asserts.append(f'(assert_return (invoke "i64.extend_i32_u" {i32c(v)}) {i64c(v)})')

# --- float -> integer
for W in (32, 64):
    d = fl(W)
    for N in (32, 64):
        for signed in (True, False):
            sfx = 's' if signed else 'u'
            name = f"i{N}.trunc_f{W}_{sfx}"
            sat = f"i{N}.trunc_sat_f{W}_{sfx}"
            func(name, f"(param f{W}) (result i{N})", f"({name} (local.get 0))")
            func(sat, f"(param f{W}) (result i{N})", f"({sat} (local.get 0))")
            lo = -(1 << (N - 1)) if signed else 0
            hi = (1 << (N - 1)) - 1 if signed else (1 << N) - 1
            ic = i32c if N == 32 else i64c
            # boundary points: the integers at and around lo, hi+1, -1, 0, as floats, and their neighbours.
            base = set()
            for edge in (lo, hi + 1, -1, 0, 1, lo - 1, hi):
                b = round_fraction(Fraction(edge), W)
                for x in (b, next_up(b, W), next_down(b, W), next_up(next_up(b, W), W), next_down(next_down(b, W), W)):
                    base.add(x)
            for x in (0.5, -0.5, 0.9999999, -0.9999999, 1.5, -1.5, 123456.75, -123456.75, 1e30, -1e30):
                base.add(d['bits'](x if W == 64 else f32_from_bits(f32_bits(x))))
            base |= {d['SIGN'], 1, d['SIGN'] | 1, d['EXP'], d['EXP'] | d['SIGN'], d['EXP'] - 1}  # the largest finite value
            nans = [d['EXP'] | d['QUIET'], d['EXP'] | d['QUIET'] | d['SIGN'], d['EXP'] | 1]
            for b in sorted(base):
                if is_nan(b, W): continue
                fb = fc(b, W)
                if (b & ~d['SIGN']) == d['EXP']:
                    t = math.inf if not (b & d['SIGN']) else -math.inf
                    asserts.append(f'(assert_trap (invoke "{name}" {fb}) "integer overflow")')
                    asserts.append(f'(assert_return (invoke "{sat}" {fb}) {ic((hi if t > 0 else lo) & ((1 << N) - 1))})')
                    continue
                q = exact(b, W)
                t = math.trunc(q)
                if lo <= t <= hi:
                    asserts.append(f'(assert_return (invoke "{name}" {fb}) {ic(t & ((1 << N) - 1))})')
                    asserts.append(f'(assert_return (invoke "{sat}" {fb}) {ic(t & ((1 << N) - 1))})')
                else:
                    asserts.append(f'(assert_trap (invoke "{name}" {fb}) "integer overflow")')
                    asserts.append(f'(assert_return (invoke "{sat}" {fb}) {ic((hi if t > hi else lo) & ((1 << N) - 1))})')
            for b in nans:
                fb = fc(b, W)
                asserts.append(f'(assert_trap (invoke "{name}" {fb}) "invalid conversion to integer")')
                asserts.append(f'(assert_return (invoke "{sat}" {fb}) {ic(0)})')

# --- integer -> float
ints = sorted({0, 1, 2, 3, 7, (1 << 24) - 1, 1 << 24, (1 << 24) + 1, (1 << 24) + 2, (1 << 24) + 3, (1 << 25) + 1, (1 << 25) + 2, (1 << 25) + 3, (1 << 25) + 6,
               (1 << 31) - 1, 1 << 31, (1 << 31) + 1, (1 << 32) - 1, (1 << 53) - 1, 1 << 53, (1 << 53) + 1, (1 << 53) + 3, (1 << 54) + 2,
               (1 << 63) - 1, 1 << 63, (1 << 63) + 1, (1 << 64) - 1, 0x7fffff4000000001, 0x123456789abcdef0, 0xfedcba9876543210,
               (1 << 64) - 1025, (1 << 64) - 1024, (1 << 64) - 1023, 0x20000020000001, 0x8000008000000001})
for W in (32, 64):
    for N in (32, 64):
        for signed in (True, False):
            sfx = 's' if signed else 'u'
            name = f"f{W}.convert_i{N}_{sfx}"
            func(name, f"(param i{N}) (result f{W})", f"({name} (local.get 0))")
            ic = i32c if N == 32 else i64c
            for v in ints:
                if v >= (1 << N): continue
                x = (s32(v) if N == 32 else s64(v)) if signed else v
                asserts.append(f'(assert_return (invoke "{name}" {ic(v)}) {fc(round_fraction(Fraction(x), W), W)})')
            for v in ints:
                if v >= (1 << N) or v == 0: continue
                v = (-v) & ((1 << N) - 1)
                x = (s32(v) if N == 32 else s64(v)) if signed else v
                asserts.append(f'(assert_return (invoke "{name}" {ic(v)}) {fc(round_fraction(Fraction(x), W), W)})')

# --- demote / promote
func("f32.demote_f64", "(param f64) (result f32)", "(f32.demote_f64 (local.get 0))")
func("f64.promote_f32", "(param f32) (result f64)", "(f64.promote_f32 (local.get 0))")
d64 = fl(64); d32 = fl(32)
demote_in = [0, 1 << 63, f64_bits(1.0), f64_bits(-1.0), f64_bits(0.1), f64_bits(-0.1), f64_bits(3.4028234663852886e38),
             f64_bits(3.4028235677973366e38), f64_bits(3.4028235677973362e38), f64_bits(1e39), f64_bits(-1e39),
             f64_bits(1.401298464324817e-45), f64_bits(7.006492321624085e-46), f64_bits(7.006492321624087e-46), f64_bits(1e-50), f64_bits(-1e-50),
             f64_bits(1.1754942106924411e-38), f64_bits(1.0000000596046448), f64_bits(1.0000001788139343), f64_bits(1.000000059604645),
             d64['EXP'], d64['EXP'] | d64['SIGN'], 1, (1 << 52) - 1, f64_bits(math.pi)]
def demote(b):
    sign32 = d32['SIGN'] if b >> 63 else 0
    if (b & ~d64['SIGN']) == d64['EXP']:
        return d32['EXP'] | sign32
    r = round_fraction(exact(b, 64), 32)
    return sign32 if r & ~d32['SIGN'] == 0 else r  # a result that underflows to zero keeps its sign
for b in demote_in:
    asserts.append(f'(assert_return (invoke "f32.demote_f64" {fc(b, 64)}) {fc(demote(b), 32)})')
for b in (d64['EXP'] | d64['QUIET'], d64['EXP'] | d64['QUIET'] | d64['SIGN']):
    asserts.append(f'(assert_return (invoke "f32.demote_f64" {fc(b, 64)}) (f32.const nan:canonical))')
for b in (d64['EXP'] | 1, d64['EXP'] | d64['QUIET'] | 0x1234):
    asserts.append(f'(assert_return (invoke "f32.demote_f64" {fc(b, 64)}) (f32.const nan:arithmetic))')
promote_in = [0, 1 << 31, 1, 0x7fffff, 0x800000, 0x7f7fffff, f32_bits(1.0), f32_bits(-0.1), f32_bits(3.14159), 0x7f800000, 0xff800000]
for b in promote_in:
    if (b & 0x7fffffff) == 0x7f800000:
        r = d64['EXP'] | (d64['SIGN'] if b >> 31 else 0)
    else:
        r = f64_bits(f32_from_bits(b))
    asserts.append(f'(assert_return (invoke "f64.promote_f32" {fc(b, 32)}) {fc(r, 64)})')
for b in (0x7fc00000, 0xffc00000):
    asserts.append(f'(assert_return (invoke "f64.promote_f32" {fc(b, 32)}) (f64.const nan:canonical))')
for b in (0x7f800001, 0x7fa00000):
    asserts.append(f'(assert_return (invoke "f64.promote_f32" {fc(b, 32)}) (f64.const nan:arithmetic))')

# --- reinterpret
func("i32.reinterpret_f32", "(param f32) (result i32)", "(i32.reinterpret_f32 (local.get 0))")
func("i64.reinterpret_f64", "(param f64) (result i64)", "(i64.reinterpret_f64 (local.get 0))")
func("f32.reinterpret_i32", "(param i32) (result f32)", "(f32.reinterpret_i32 (local.get 0))")
func("f64.reinterpret_i64", "(param i64) (result f64)", "(f64.reinterpret_i64 (local.get 0))")
for b in [0, 1 << 31, 1, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7f800001, 0x7fa00001, 0xffffffff, 0x3f800000, 0x12345678, 0x80000001]:
    asserts.append(f'(assert_return (invoke "i32.reinterpret_f32" {fc(b, 32)}) {i32c(b)})')
    asserts.append(f'(assert_return (invoke "f32.reinterpret_i32" {i32c(b)}) {fc(b, 32)})')
for b in [0, 1 << 63, 1, d64['EXP'], d64['EXP'] | d64['SIGN'], d64['EXP'] | d64['QUIET'], d64['EXP'] | 1, M64, f64_bits(1.0), 0x0123456789abcdef, 0x7ff4000000000001]:
    asserts.append(f'(assert_return (invoke "i64.reinterpret_f64" {fc(b, 64)}) {i64c(b)})')
    asserts.append(f'(assert_return (invoke "f64.reinterpret_i64" {i64c(b)}) {fc(b, 64)})')

out.append("(module")
out += modfuncs
out.append(")")
out += asserts
open(os.path.join(SPEC_DIR, "conversions.wast"), "w").write("\n".join(out) + "\n")
print(len(asserts))
