import os
from common import *
out = header("bulk.wast: memory.fill, memory.copy, memory.init, data.drop",
             ["Bounds are checked before anything is written: an out-of-bounds operation traps and changes nothing.",
              "A zero-length operation at exactly the end of memory (or of the segment) succeeds; one past it traps.",
              "memory.copy behaves as if through a temporary buffer, so overlapping ranges copy correctly both ways.",
              "A dropped segment acts as empty."])
PAGE = 65536
out.append("""(module
  (memory (export "mem") 1)
  (data $d0 "\\01\\02\\03\\04\\05\\06\\07\\08")
  (data $d1 "hello")
  (data $active (i32.const 65000) "zz")
  (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
  (func (export "copy") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
  (func (export "init0") (param i32 i32 i32) (memory.init $d0 (local.get 0) (local.get 1) (local.get 2)))
  (func (export "init1") (param i32 i32 i32) (memory.init $d1 (local.get 0) (local.get 1) (local.get 2)))
  (func (export "init_active") (param i32 i32 i32) (memory.init $active (local.get 0) (local.get 1) (local.get 2)))
  (func (export "drop0") (data.drop $d0))
  (func (export "drop_active") (data.drop $active))
  (func (export "b") (param i32) (result i32) (i32.load8_u (local.get 0)))
)""")
mem = bytearray(PAGE)
mem[65000:65002] = b"zz"
segs = {"init0": bytes(range(1, 9)), "init1": b"hello", "init_active": b""}  # active segments are dropped after instantiation
A = []
def check(addrs):
    for a in addrs:
        if 0 <= a < PAGE:
            A.append(f'(assert_return (invoke "b" (i32.const {a})) (i32.const {mem[a]}))')
def fill(d, v, n, expect_trap=False):
    if d + n > PAGE or expect_trap:
        A.append(f'(assert_trap (invoke "fill" (i32.const {s32(d)}) (i32.const {v}) (i32.const {s32(n)})) "out of bounds memory access")')
        return
    A.append(f'(invoke "fill" (i32.const {d}) (i32.const {v}) (i32.const {n}))')
    mem[d:d + n] = bytes([v & 0xff]) * n
def copy(d, s, n):
    if d + n > PAGE or s + n > PAGE:
        A.append(f'(assert_trap (invoke "copy" (i32.const {s32(d)}) (i32.const {s32(s)}) (i32.const {s32(n)})) "out of bounds memory access")')
        return
    A.append(f'(invoke "copy" (i32.const {d}) (i32.const {s}) (i32.const {n}))')
    mem[d:d + n] = bytes(mem[s:s + n])
def init(f, d, s, n):
    seg = segs[f]
    if d + n > PAGE or s + n > len(seg):
        A.append(f'(assert_trap (invoke "{f}" (i32.const {s32(d)}) (i32.const {s32(s)}) (i32.const {s32(n)})) "out of bounds memory access")')
        return
    A.append(f'(invoke "{f}" (i32.const {d}) (i32.const {s}) (i32.const {n}))')
    mem[d:d + n] = seg[s:s + n]

A.append(";; fill")
fill(10, 0xAB, 5); check(range(9, 16))
fill(20, 0x1FF, 3); check(range(19, 24))
fill(PAGE - 4, 7, 4); check(range(PAGE - 5, PAGE))
fill(PAGE, 9, 0); fill(PAGE + 1, 9, 0)
fill(PAGE - 3, 1, 4); check(range(PAGE - 4, PAGE))
fill(0, 1, 0xffffffff)
fill(0xffffffff, 1, 1)
fill(1, 1, 0xffffffff)
A.append(";; copy: disjoint, overlapping forwards and backwards, at the end, out of bounds")
for i in range(16): mem[100 + i] = i + 1
A.append('(invoke "init0" (i32.const 100) (i32.const 0) (i32.const 8))')
A.append('(invoke "init0" (i32.const 108) (i32.const 0) (i32.const 8))')
mem[100:108] = bytes(range(1, 9)); mem[108:116] = bytes(range(1, 9))
check(range(99, 117))
copy(200, 100, 16); check(range(199, 217))
copy(102, 100, 10); check(range(99, 117))
copy(200, 204, 10); check(range(199, 217))
copy(205, 205, 3); check(range(204, 209))
copy(PAGE - 10, 100, 10); check(range(PAGE - 11, PAGE))
copy(100, PAGE - 10, 10); check(range(99, 111))
copy(PAGE, 0, 0); copy(0, PAGE, 0); copy(PAGE + 1, 0, 0); copy(0, PAGE + 1, 0)
copy(PAGE - 9, 100, 10); check(range(PAGE - 10, PAGE))
copy(100, PAGE - 9, 10); check(range(99, 111))
copy(0xffffffff, 0, 1); copy(0, 0xffffffff, 1); copy(0, 0, 0xffffffff)
A.append(";; init from passive segments, partial and whole, bounds on both sides")
init("init1", 300, 0, 5); check(range(299, 306))
init("init1", 310, 1, 3); check(range(309, 314))
init("init1", 320, 5, 0); init("init1", 320, 6, 0); init("init1", 320, 4, 2)
init("init1", PAGE - 5, 0, 5); check(range(PAGE - 6, PAGE))
init("init1", PAGE - 4, 0, 5); check(range(PAGE - 6, PAGE))
init("init1", PAGE, 0, 0); init("init1", PAGE + 1, 0, 0)
init("init1", 0, 0, 0xffffffff); init("init1", 0, 0xffffffff, 1)
A.append(";; an active segment is dropped once instantiated: only zero-length init at 0 succeeds")
A.append('(assert_return (invoke "b" (i32.const 65000)) (i32.const 122))')
init("init_active", 0, 0, 0); init("init_active", 0, 0, 1); init("init_active", 0, 1, 0)
A.append('(invoke "drop_active")')
A.append(";; data.drop: the segment becomes empty; dropping twice is fine")
init("init0", 400, 0, 8); check(range(399, 409))
A.append('(invoke "drop0")')
segs["init0"] = b""
A.append('(invoke "drop0")')
init("init0", 400, 0, 0); init("init0", 400, 0, 1); init("init0", 400, 1, 0)
check(range(399, 409))
out += A
out.append("""
;; memory.fill and memory.copy of zero length on an empty memory at offset 0 succeed; any other offset traps
(module
  (memory 0)
  (func (export "fill") (param i32 i32) (memory.fill (local.get 0) (i32.const 0) (local.get 1)))
  (func (export "copy") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
)
(invoke "fill" (i32.const 0) (i32.const 0))
(assert_trap (invoke "fill" (i32.const 1) (i32.const 0)) "out of bounds memory access")
(assert_trap (invoke "fill" (i32.const 0) (i32.const 1)) "out of bounds memory access")
(invoke "copy" (i32.const 0) (i32.const 0) (i32.const 0))
(assert_trap (invoke "copy" (i32.const 1) (i32.const 0) (i32.const 0)) "out of bounds memory access")
(assert_trap (invoke "copy" (i32.const 0) (i32.const 1) (i32.const 0)) "out of bounds memory access")

;; an active segment out of bounds makes instantiation fail; segments before it were already written
(module $shared
  (memory (export "mem") 1)
  (func (export "b") (param i32) (result i32) (i32.load8_u (local.get 0)))
)
(register "shared" $shared)
(assert_trap
  (module
    (memory (import "shared" "mem") 1)
    (data (i32.const 0) "\\2a")
    (data (i32.const 65535) "\\01\\02"))
  "out of bounds memory access")
(assert_return (invoke $shared "b" (i32.const 0)) (i32.const 42))
(assert_return (invoke $shared "b" (i32.const 65535)) (i32.const 0))
(assert_trap
  (module (memory 0) (data (i32.const 1) ""))
  "out of bounds memory access")
(module (memory 0) (data (i32.const 0) ""))
(module (memory 1) (data (i32.const 65536) ""))
(assert_trap (module (memory 1) (data (i32.const -1) "a")) "out of bounds memory access")

;; passive segments: dropping and initialising through several functions of one instance
(module
  (memory 1)
  (data $p "\\aa\\bb\\cc")
  (func (export "init") (param i32) (memory.init $p (local.get 0) (i32.const 0) (i32.const 3)))
  (func (export "drop") (data.drop $p))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
)
(invoke "init" (i32.const 0))
(invoke "init" (i32.const 1))
(assert_return (invoke "load" (i32.const 0)) (i32.const 0xccbbaaaa))
(invoke "drop")
(assert_trap (invoke "init" (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "load" (i32.const 0)) (i32.const 0xccbbaaaa))
""")
open(os.path.join(SPEC_DIR, "bulk_memory.wast"), "w").write("\n".join(out) + "\n")
print(len(A))
