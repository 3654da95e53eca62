import os
from common import *
out = header("memory.wast: loads and stores of every width at the edges of memory, memory.size and memory.grow",
             ["An access traps when any of its bytes lies past the end; the effective address is the dynamic",
              "address plus the static offset computed without wrapping. Growth returns the old size in pages, or -1",
              "past the maximum (declared, else 65536 pages) leaving memory unchanged."])
loads = [("i32.load", "i32", 4), ("i64.load", "i64", 8), ("f32.load", "f32", 4), ("f64.load", "f64", 8),
         ("i32.load8_s", "i32", 1), ("i32.load8_u", "i32", 1), ("i32.load16_s", "i32", 2), ("i32.load16_u", "i32", 2),
         ("i64.load8_s", "i64", 1), ("i64.load8_u", "i64", 1), ("i64.load16_s", "i64", 2), ("i64.load16_u", "i64", 2),
         ("i64.load32_s", "i64", 4), ("i64.load32_u", "i64", 4)]
stores = [("i32.store", "i32", 4), ("i64.store", "i64", 8), ("f32.store", "f32", 4), ("f64.store", "f64", 8),
          ("i32.store8", "i32", 1), ("i32.store16", "i32", 2), ("i64.store8", "i64", 1), ("i64.store16", "i64", 2), ("i64.store32", "i64", 4)]
PAGE = 65536
out.append("(module")
out.append("  (memory (export \"mem\") 1)")
# The last 16 bytes hold a pattern so edge loads read known, sign-carrying bytes.
out.append('  (data (i32.const 65520) "\\80\\81\\82\\83\\84\\85\\86\\87\\f8\\f9\\fa\\fb\\fc\\fd\\fe\\ff")')
out.append('  (data (i32.const 0) "\\01\\02\\03\\04\\05\\06\\07\\08\\ff\\7f\\00\\80")')
for op, t, w in loads:
    out.append(f'  (func (export "{op}") (param $a i32) (result {t}) ({op} (local.get $a)))')
    out.append(f'  (func (export "{op}_off") (param $a i32) (result {t}) ({op} offset={PAGE - w} (local.get $a)))')
    out.append(f'  (func (export "{op}_bigoff") (param $a i32) (result {t}) ({op} offset=0xffffffff (local.get $a)))')
for op, t, w in stores:
    out.append(f'  (func (export "{op}") (param $a i32) (param $v {t}) ({op} (local.get $a) (local.get $v)))')
    out.append(f'  (func (export "{op}_off") (param $a i32) (param $v {t}) ({op} offset={PAGE - w} (local.get $a) (local.get $v)))')
out.append('  (func (export "byte") (param $a i32) (result i32) (i32.load8_u (local.get $a)))')
out.append(")")
mem = bytearray(PAGE)
mem[65520:65536] = bytes([0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff])
mem[0:12] = bytes([1, 2, 3, 4, 5, 6, 7, 8, 0xff, 0x7f, 0, 0x80])
def load(op, t, w, addr):
    v = int.from_bytes(mem[addr:addr + w], 'little')
    signed = op.endswith('_s')
    if signed and v >> (w * 8 - 1): v -= 1 << (w * 8)
    if t == 'i32': return i32c(v)
    if t == 'i64': return i64c(v)
    if t == 'f32': return fc(v, 32)
    return fc(v, 64)
asserts = []
def check_loads():
    for op, t, w in loads:
        for addr in (0, 1, 8, 9, 10, PAGE - 16, PAGE - w - 1, PAGE - w):
            asserts.append(f'(assert_return (invoke "{op}" (i32.const {addr})) {load(op, t, w, addr)})')
        for addr in (PAGE - w + 1, PAGE - 1, PAGE, PAGE + 1, -1, -w, 0x7fffffff):
            if addr < 0 or addr > PAGE - w:
                if 0 <= addr <= PAGE - w: continue
                asserts.append(f'(assert_trap (invoke "{op}" (i32.const {addr})) "out of bounds memory access")')
        asserts.append(f'(assert_return (invoke "{op}_off" (i32.const 0)) {load(op, t, w, PAGE - w)})')
        asserts.append(f'(assert_trap (invoke "{op}_off" (i32.const 1)) "out of bounds memory access")')
        asserts.append(f'(assert_trap (invoke "{op}_off" (i32.const -1)) "out of bounds memory access")')
        asserts.append(f'(assert_trap (invoke "{op}_bigoff" (i32.const 0)) "out of bounds memory access")')
        asserts.append(f'(assert_trap (invoke "{op}_bigoff" (i32.const 1)) "out of bounds memory access")')
check_loads()
vals = {"i32": [0x12345678, 0xdeadbeef], "i64": [0x0123456789abcdef, 0xfedcba9876543210], "f32": [0x7fa00001, 0x3f800000], "f64": [0x7ff4000000000001, 0xbff0000000000000]}
def const(t, v): return {"i32": i32c, "i64": i64c}[t](v) if t in ("i32", "i64") else fc(v, int(t[1:]))
for op, t, w in stores:
    for v in vals[t]:
        for addr in (0, 3, PAGE - w):
            asserts.append(f'(invoke "{op}" (i32.const {addr}) {const(t, v)})')
            mem[addr:addr + w] = (v & ((1 << (8 * w)) - 1)).to_bytes(w, 'little')
            for k in range(-1, w + 1):
                a = addr + k
                if 0 <= a < PAGE:
                    asserts.append(f'(assert_return (invoke "byte" (i32.const {a})) (i32.const {mem[a]}))')
    for addr in (PAGE - w + 1, PAGE, -1):
        asserts.append(f'(assert_trap (invoke "{op}" (i32.const {addr}) {const(t, vals[t][0])}) "out of bounds memory access")')
    asserts.append(f'(assert_trap (invoke "{op}_off" (i32.const 1) {const(t, vals[t][0])}) "out of bounds memory access")')
    # A store that traps writes nothing, not even its in-bounds bytes.
    for k in range(1, w):
        asserts.append(f'(assert_return (invoke "byte" (i32.const {PAGE - w + k})) (i32.const {mem[PAGE - w + k]}))')
    asserts.append(f'(invoke "{op}_off" (i32.const 0) {const(t, vals[t][1])})')
    mem[PAGE - w:PAGE] = (vals[t][1] & ((1 << (8 * w)) - 1)).to_bytes(w, 'little')
    asserts.append(f'(assert_return (invoke "byte" (i32.const {PAGE - 1})) (i32.const {mem[PAGE - 1]}))')
out += asserts
# Constant addresses: a translator may fold address and offset into one immediate; the sum is still
# computed without wrapping at 2^32 and checked against the current size, which growth changes.
out.append("\n;; constant addresses and offsets, before and after growth")
out.append("(module")
out.append("  (memory 1 2)")
const_cases = []
for i, (op, t, w) in enumerate(loads[:4] + loads[4:6]):
    for j, (addr, off) in enumerate([(PAGE - w, 0), (PAGE - w + 1, 0), (0, PAGE - w), (1, PAGE - w), (PAGE - w, 1),
                                     (0xffffffff, 1), (1, 0xffffffff), (2 * PAGE - w, 0)]):
        name = f"c{i}_{j}"
        out.append(f'  (func (export "{name}") (result {t}) ({op} offset={off} (i32.const {s32(addr)})))')
        const_cases.append((name, op, t, w, addr + off))
out.append('  (func (export "grow") (result i32) (memory.grow (i32.const 1)))')
out.append('  (func (export "store_const") (i32.store offset=65532 (i32.const 0) (i32.const 0x01020304)))')
out.append('  (func (export "store_const_oob") (i32.store offset=65533 (i32.const 0) (i32.const 0x01020304)))')
out.append('  (func (export "load_const") (result i32) (i32.load (i32.const 65532)))')
out.append(")")
grown = bytearray(2 * PAGE)
def expect(op, t, w, ea, size):
    if ea + w > size:
        return None
    v = int.from_bytes(grown[ea:ea + w], 'little')
    if op.endswith('_s') and v >> (w * 8 - 1):
        v -= 1 << (w * 8)
    return {"i32": i32c, "i64": i64c}[t](v) if t in ("i32", "i64") else fc(v, int(t[1:]))
def check_consts(size):
    for name, op, t, w, ea in const_cases:
        r = expect(op, t, w, ea, size)
        out.append(f'(assert_return (invoke "{name}") {r})' if r else f'(assert_trap (invoke "{name}") "out of bounds memory access")')
check_consts(PAGE)
out.append('(invoke "store_const")')
grown[65532:65536] = (0x01020304).to_bytes(4, 'little')
out.append('(assert_return (invoke "load_const") (i32.const 0x01020304))')
out.append('(assert_trap (invoke "store_const_oob") "out of bounds memory access")')
check_consts(PAGE)
out.append('(assert_return (invoke "grow") (i32.const 1))')
check_consts(2 * PAGE)
out.append('(invoke "store_const_oob")')
out.append("""
;; memory.size and memory.grow up to a declared maximum and past it
(module
  (memory 1 3)
  (func (export "size") (result i32) (memory.size))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "load_at") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "store_at") (param i32 i32) (i32.store8 (local.get 0) (local.get 1)))
)
(assert_return (invoke "size") (i32.const 1))
(assert_trap (invoke "load_at" (i32.const 65536)) "out of bounds memory access")
(assert_return (invoke "grow" (i32.const 0)) (i32.const 1))
(assert_return (invoke "grow" (i32.const 1)) (i32.const 1))
(assert_return (invoke "size") (i32.const 2))
(assert_return (invoke "load_at" (i32.const 65536)) (i32.const 0))
(assert_return (invoke "load_at" (i32.const 131071)) (i32.const 0))
(assert_trap (invoke "load_at" (i32.const 131072)) "out of bounds memory access")
(invoke "store_at" (i32.const 131071) (i32.const 77))
(assert_return (invoke "load_at" (i32.const 131071)) (i32.const 77))
(assert_return (invoke "grow" (i32.const 2)) (i32.const -1))
(assert_return (invoke "size") (i32.const 2))
(assert_return (invoke "grow" (i32.const 1)) (i32.const 2))
(assert_return (invoke "size") (i32.const 3))
(assert_return (invoke "load_at" (i32.const 196607)) (i32.const 0))
(assert_return (invoke "load_at" (i32.const 131071)) (i32.const 77))
(assert_return (invoke "grow" (i32.const 1)) (i32.const -1))
(assert_return (invoke "grow" (i32.const 0x10000)) (i32.const -1))
(assert_return (invoke "grow" (i32.const -1)) (i32.const -1))
(assert_return (invoke "grow" (i32.const 0)) (i32.const 3))
(assert_return (invoke "size") (i32.const 3))
(assert_trap (invoke "load_at" (i32.const 196608)) "out of bounds memory access")

;; no maximum: limited by the 65536-page address space (growth that would pass it fails without allocating)
(module
  (memory 0)
  (func (export "size") (result i32) (memory.size))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
)
(assert_return (invoke "size") (i32.const 0))
(assert_trap (invoke "load" (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "grow" (i32.const 0x10001)) (i32.const -1))
(assert_return (invoke "grow" (i32.const -1)) (i32.const -1))
(assert_return (invoke "grow" (i32.const 0x80000000)) (i32.const -1))
(assert_return (invoke "grow" (i32.const 1)) (i32.const 0))
(assert_return (invoke "load" (i32.const 65532)) (i32.const 0))
(assert_trap (invoke "load" (i32.const 65533)) "out of bounds memory access")
(assert_return (invoke "grow" (i32.const 0x10000)) (i32.const -1))
(assert_return (invoke "grow" (i32.const 2)) (i32.const 1))
(assert_return (invoke "size") (i32.const 3))

;; a memory whose maximum is its minimum never grows; zero-page memories trap on every access
(module
  (memory 0 0)
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "size") (result i32) (memory.size))
  (func (export "load8") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "store8") (param i32) (i32.store8 (local.get 0) (i32.const 1)))
)
(assert_return (invoke "grow" (i32.const 0)) (i32.const 0))
(assert_return (invoke "grow" (i32.const 1)) (i32.const -1))
(assert_return (invoke "size") (i32.const 0))
(assert_trap (invoke "load8" (i32.const 0)) "out of bounds memory access")
(assert_trap (invoke "store8" (i32.const 0)) "out of bounds memory access")

;; growth in a loop until refused, then the size is exactly the maximum
(module
  (memory 0 10)
  (func (export "grow_all") (result i32) (local $n i32)
    (block $done
      (loop $again
        (br_if $done (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $again)))
    (local.get $n))
  (func (export "size") (result i32) (memory.size))
)
(assert_return (invoke "grow_all") (i32.const 10))
(assert_return (invoke "size") (i32.const 10))
(assert_return (invoke "grow_all") (i32.const 0))

;; alignment hints never change behaviour: unaligned accesses with any legal align work
(module
  (memory 1)
  (data (i32.const 0) "\\01\\02\\03\\04\\05\\06\\07\\08\\09\\0a\\0b\\0c")
  (func (export "a1") (result i64) (i64.load align=1 (i32.const 1)))
  (func (export "a2") (result i64) (i64.load align=2 (i32.const 3)))
  (func (export "a8") (result i64) (i64.load align=8 (i32.const 1)))
  (func (export "i32a4") (result i32) (i32.load align=4 (i32.const 2)))
  (func (export "i16a1") (result i32) (i32.load16_u align=1 (i32.const 5)))
)
(assert_return (invoke "a1") (i64.const 0x0908070605040302))
(assert_return (invoke "a2") (i64.const 0x0b0a090807060504))
(assert_return (invoke "a8") (i64.const 0x0908070605040302))
(assert_return (invoke "i32a4") (i32.const 0x06050403))
(assert_return (invoke "i16a1") (i32.const 0x0706))

;; data segments: written in order at instantiation, later ones overwrite earlier ones, offsets from globals
(module
  (global $base (import "spectest" "global_i32") i32)
  (memory 1)
  (data (i32.const 0) "abcdef")
  (data (i32.const 2) "XY")
  (data (global.get $base) "Z")
  (data (i32.const 65535) "!")
  (data (i32.const 65536) "")
  (func (export "b") (param i32) (result i32) (i32.load8_u (local.get 0)))
)
(assert_return (invoke "b" (i32.const 0)) (i32.const 97))
(assert_return (invoke "b" (i32.const 2)) (i32.const 88))
(assert_return (invoke "b" (i32.const 3)) (i32.const 89))
(assert_return (invoke "b" (i32.const 4)) (i32.const 101))
(assert_return (invoke "b" (i32.const 666)) (i32.const 90))
(assert_return (invoke "b" (i32.const 65535)) (i32.const 33))

;; an exported memory seen through get of a store from outside
(module
  (memory (export "m") 1 1)
  (func (export "peek") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "poke") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
)
(invoke "poke" (i32.const 65532) (i32.const -2))
(assert_return (invoke "peek" (i32.const 65532)) (i32.const -2))
(assert_trap (invoke "poke" (i32.const 65533) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "peek" (i32.const 65532)) (i32.const -2))
""")
open(os.path.join(SPEC_DIR, "memory.wast"), "w").write("\n".join(out) + "\n")
print(len(asserts))
