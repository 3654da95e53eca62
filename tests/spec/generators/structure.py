import os
from common import *
out = header("structure.wast: large but valid shapes: deep nesting, long br_tables, many locals and params, long expressions",
             ["Engines that allocate registers or precompute branch targets meet their corner cases here: hundreds of",
              "nested blocks, a br_table with a thousand targets, functions with hundreds of locals of mixed types,",
              "values kept live across calls, and expression trees deep enough to stress an operand stack."])
L = []
L.append("(module")
# 1. deep nesting: 300 nested blocks, branch out from the innermost to each depth
D = 300
body = "(local.get 0) (br_table " + " ".join(str(i) for i in range(D)) + " 0)"
inner = body
s = ""
for i in range(D):
    s += "(block "
s += body
# after each block end add a return of its depth
parts = ["(block"] * 0
# Build: blocks nested, after block k ends (counting from innermost 0), return k.
code = ""
for i in range(D):
    code += "(block\n" if i < 3 else "(block "
code += "(br_table " + " ".join(str(i) for i in range(D)) + " (local.get 0))"
for k in range(D):
    code += f") (return (i32.const {k}))"
L.append(f'  (func (export "nested_br_table") (param i32) (result i32) {code})')
# 2. long br_table in a loop counting
N = 1000
targets = " ".join("$t" if i % 2 == 0 else "$f" for i in range(N))
L.append(f'''  (func (export "parity") (param $x i32) (result i32)
    (block $f (block $t (br_table {targets} $f (local.get $x))) (return (i32.const 1)))
    (i32.const 0))''')
# 3. many locals of mixed types
n_locals = 300
types = ["i32", "i64", "f32", "f64"]
decl = " ".join(types[i % 4] for i in range(n_locals))
sets = []
for i in range(n_locals):
    t = types[i % 4]
    sets.append(f"(local.set {i + 1} ({t}.const {i}))")
acc = []
for i in range(n_locals):
    t = types[i % 4]
    conv = {"i32": f"(i64.extend_i32_u (local.get {i+1}))", "i64": f"(local.get {i+1})",
            "f32": f"(i64.trunc_f32_u (local.get {i+1}))", "f64": f"(i64.trunc_f64_u (local.get {i+1}))"}[t]
    acc.append(conv)
expr = acc[0]
for a in acc[1:]:
    expr = f"(i64.add {expr} {a})"
L.append(f'  (func (export "many_locals") (param i32) (result i64) (local {decl})\n    ' + "\n    ".join(sets) + f"\n    (i64.add (i64.extend_i32_u (local.get 0)) {expr}))")
expected_many = sum(range(n_locals))
# 4. many params
P = 100
ptypes = [types[i % 4] for i in range(P)]
L.append(f'  (func $many_params (param {" ".join(ptypes)}) (result f64)')
e = None
for i in range(P):
    t = ptypes[i]
    conv = {"i32": f"(f64.convert_i32_s (local.get {i}))", "i64": f"(f64.convert_i64_s (local.get {i}))",
            "f32": f"(f64.promote_f32 (local.get {i}))", "f64": f"(local.get {i})"}[t]
    e = conv if e is None else f"(f64.add {e} {conv})"
L.append(f"    {e})")
args = " ".join(f"({ptypes[i]}.const {i - 50})" for i in range(P))
L.append(f'  (func (export "call_many_params") (result f64) (call $many_params {args}))')
expected_params = float(sum(i - 50 for i in range(P)))
# 5. values live across calls
L.append('''  (func $clobber (param i32) (result i32) (local i32 i32 i32) (local.set 1 (i32.const 99)) (local.set 2 (i32.const 98)) (i32.mul (local.get 0) (i32.const 2)))
  (func (export "live_across_calls") (param $a i32) (result i32) (local $b i32) (local $c i32)
    (local.set $b (i32.add (local.get $a) (i32.const 1)))
    (local.set $c (call $clobber (local.get $b)))
    (i32.add (i32.add (local.get $a) (local.get $b)) (i32.add (local.get $c) (call $clobber (local.get $c)))))''')
# 6. deep expression tree (operand stack depth)
depth = 200
e = "(i32.const 1)"
for i in range(depth):
    e = f"(i32.add (i32.const {i}) {e})"
L.append(f'  (func (export "deep_expr") (result i32) {e})')
expected_deep = 1 + sum(range(depth))
# 7. wide operand stack: push 500 values then add them all
W = 500
pushes = " ".join(f"(i64.const {i})" for i in range(W))
adds = " ".join("(i64.add)" for _ in range(W - 1))
L.append(f'  (func (export "wide_stack") (result i64) {pushes} {adds})')
# 8. nested loops with branches to outer loops
L.append('''  (func (export "nested_loops") (param $n i32) (result i32) (local $i i32) (local $j i32) (local $count i32)
    (block $done
      (loop $outer
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $j (i32.const 0))
        (loop $inner
          (local.set $count (i32.add (local.get $count) (i32.const 1)))
          (local.set $j (i32.add (local.get $j) (i32.const 1)))
          (br_if $inner (i32.lt_u (local.get $j) (local.get $i))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $outer)))
    (local.get $count))''')
# 9. local.tee chains and self-referential updates
L.append('''  (func (export "tee_chain") (param $x i32) (result i32) (local $a i32) (local $b i32) (local $c i32)
    (local.set $a (local.tee $b (local.tee $c (i32.add (local.get $x) (i32.const 1)))))
    (local.set $a (i32.add (local.get $a) (local.get $a)))
    (local.set $b (i32.sub (local.get $a) (local.get $b)))
    (i32.add (i32.mul (local.get $a) (i32.const 100)) (i32.add (i32.mul (local.get $b) (i32.const 10)) (local.get $c))))
  (func (export "swap_locals") (param $a i32) (param $b i32) (result i32 i32)
    (local.get $b) (local.get $a) (local.set $b) (local.set $a) (local.get $a) (local.get $b))''')
L.append(")")
A = []
for k in [0, 1, 2, 150, 298, 299, 300, 1000, -1]:
    r = k if 0 <= k < D - 1 else D - 1  # the last label is the default
    A.append(f'(assert_return (invoke "nested_br_table" (i32.const {k})) (i32.const {r}))')
for k in [0, 1, 2, 999, 1000, 1001, 123456, -1]:
    r = (1 if k % 2 == 0 else 0) if 0 <= k < N else 0
    A.append(f'(assert_return (invoke "parity" (i32.const {k})) (i32.const {r}))')
A.append(f'(assert_return (invoke "many_locals" (i32.const 7)) (i64.const {expected_many + 7}))')
A.append(f'(assert_return (invoke "call_many_params") (f64.const {expected_params}))')
for a in [0, 1, 5, -3]:
    b = a + 1; c = b * 2; r = a + b + c + c * 2
    A.append(f'(assert_return (invoke "live_across_calls" (i32.const {a})) (i32.const {s32(r)}))')
A.append(f'(assert_return (invoke "deep_expr") (i32.const {expected_deep}))')
A.append(f'(assert_return (invoke "wide_stack") (i64.const {sum(range(W))}))')
for n in [0, 1, 2, 10, 100]:
    A.append(f'(assert_return (invoke "nested_loops" (i32.const {n})) (i32.const {sum(max(i, 1) for i in range(n))}))')
for x in [0, 4, -1]:
    c = x + 1; a = 2 * c; b = a - c
    A.append(f'(assert_return (invoke "tee_chain" (i32.const {x})) (i32.const {s32(a * 100 + b * 10 + c)}))')
A.append('(assert_return (invoke "swap_locals" (i32.const 1) (i32.const 2)) (i32.const 2) (i32.const 1))')
open(os.path.join(SPEC_DIR, "structure.wast"), "w").write("\n".join(out + L + A) + "\n")
print(len(A))
