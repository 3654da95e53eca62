"""Shared helpers of the conformance-suite generators: exact value formatting and file headers.

The generators compute every expected value independently (Python integers and exact fractions,
single precision through struct), write the .wast files beside this folder, and the result is
then checked with wabt: `wast2json x.wast -o /tmp/x.json && spectest-interp /tmp/x.json`.
"""
import os
import struct, math

# The .wast files live one level up from the generators.
SPEC_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")

M32 = (1 << 32) - 1
M64 = (1 << 64) - 1

def s32(x): x &= M32; return x - (1 << 32) if x >> 31 else x
def s64(x): x &= M64; return x - (1 << 64) if x >> 63 else x

def i32c(x): return f"(i32.const {s32(x)})"
def i64c(x): return f"(i64.const {s64(x)})"

def f32_bits(x): return struct.unpack('<I', struct.pack('<f', x))[0]
def f32_from_bits(b): return struct.unpack('<f', struct.pack('<I', b & M32))[0]
def f64_bits(x): return struct.unpack('<Q', struct.pack('<d', x))[0]
def f64_from_bits(b): return struct.unpack('<d', struct.pack('<Q', b & M64))[0]
def round_f32(x):
    try:
        return f32_from_bits(f32_bits(x))
    except OverflowError:
        return math.copysign(math.inf, x)

def fmt_float(bits, width):
    """Exact wast literal for a float given its bits."""
    if width == 32:
        sign = bits >> 31; exp = (bits >> 23) & 0xff; frac = bits & 0x7fffff
        if exp == 0xff:
            if frac == 0: return ('-' if sign else '') + 'inf'
            return ('-' if sign else '') + f'nan:0x{frac:x}'
        v = f32_from_bits(bits)
    else:
        sign = bits >> 63; exp = (bits >> 52) & 0x7ff; frac = bits & ((1 << 52) - 1)
        if exp == 0x7ff:
            if frac == 0: return ('-' if sign else '') + 'inf'
            return ('-' if sign else '') + f'nan:0x{frac:x}'
        v = f64_from_bits(bits)
    if v == 0:
        return '-0x0p+0' if sign else '0x0p+0'
    return v.hex()

def fc(bits, width): return f"(f{width}.const {fmt_float(bits, width)})"

def header(title, lines):
    out = [f";; {title}"]
    for l in lines: out.append(f";; {l}")
    out.append(";; Written for soroban-replay's conformance suite; expected values checked against wabt's spectest-interp.")
    out.append("")
    return out
