;; segments.wast: every encoding of element and data segments (active on table 0 or another table,
;; passive, declarative; function indices or expressions) and what each does at instantiation:
;; active segments are written in order then dropped, passive ones stay for table.init/memory.init,
;; declarative ones only make ref.func legal and are dropped at once.
;; Written for soroban-replay's conformance suite; expected values checked against wabt's spectest-interp.

(module
  (type $r (func (result i32)))
  (table $t0 6 funcref)
  (table $t1 4 funcref)
  (func $a (result i32) (i32.const 1))
  (func $b (result i32) (i32.const 2))
  (func $c (result i32) (i32.const 3))
  (func $d (result i32) (i32.const 4))
  ;; active, table 0, function indices
  (elem (i32.const 0) $a $b)
  ;; passive, function indices
  (elem $passive_idx func $c $d)
  ;; active, explicit table, function indices
  (elem (table $t1) (i32.const 1) func $d $c)
  ;; declarative, function indices
  (elem declare func $a)
  ;; active, table 0, expressions (including a null)
  (elem (i32.const 3) funcref (ref.func $c) (ref.null func))
  ;; passive, expressions
  (elem $passive_expr funcref (ref.func $b) (ref.null func) (ref.func $a))
  ;; active, explicit table, expressions
  (elem (table $t1) (i32.const 0) funcref (ref.func $b))
  ;; declarative, expressions
  (elem declare funcref (ref.func $d))
  (func (export "t0") (param i32) (result i32) (call_indirect $t0 (type $r) (local.get 0)))
  (func (export "t1") (param i32) (result i32) (call_indirect $t1 (type $r) (local.get 0)))
  (func (export "init_idx") (param i32 i32 i32) (table.init $t0 $passive_idx (local.get 0) (local.get 1) (local.get 2)))
  (func (export "init_expr") (param i32 i32 i32) (table.init $t1 $passive_expr (local.get 0) (local.get 1) (local.get 2)))
  (func (export "init_active") (param i32) (table.init $t0 0 (i32.const 0) (i32.const 0) (local.get 0)))
  (func (export "init_declared") (param i32) (table.init $t0 3 (i32.const 0) (i32.const 0) (local.get 0)))
  (func (export "refs_ok") (result i32) (i32.add (ref.is_null (ref.func $a)) (ref.is_null (ref.func $d))))
)
(assert_return (invoke "t0" (i32.const 0)) (i32.const 1))
(assert_return (invoke "t0" (i32.const 1)) (i32.const 2))
(assert_trap (invoke "t0" (i32.const 2)) "uninitialized element")
(assert_return (invoke "t0" (i32.const 3)) (i32.const 3))
(assert_trap (invoke "t0" (i32.const 4)) "uninitialized element")
(assert_return (invoke "t1" (i32.const 0)) (i32.const 2))
(assert_return (invoke "t1" (i32.const 1)) (i32.const 4))
(assert_return (invoke "t1" (i32.const 2)) (i32.const 3))
(assert_trap (invoke "t1" (i32.const 3)) "uninitialized element")
(invoke "init_idx" (i32.const 4) (i32.const 0) (i32.const 2))
(assert_return (invoke "t0" (i32.const 4)) (i32.const 3))
(assert_return (invoke "t0" (i32.const 5)) (i32.const 4))
(invoke "init_expr" (i32.const 1) (i32.const 0) (i32.const 3))
(assert_return (invoke "t1" (i32.const 1)) (i32.const 2))
(assert_trap (invoke "t1" (i32.const 2)) "uninitialized element")
(assert_return (invoke "t1" (i32.const 3)) (i32.const 1))
;; active and declarative segments were dropped: only empty inits succeed
(invoke "init_active" (i32.const 0))
(assert_trap (invoke "init_active" (i32.const 1)) "out of bounds table access")
(invoke "init_declared" (i32.const 0))
(assert_trap (invoke "init_declared" (i32.const 1)) "out of bounds table access")
(assert_return (invoke "refs_ok") (i32.const 0))

;; externref element segments
(module
  (table $x 3 externref)
  (elem (table $x) (i32.const 1) externref (ref.null extern))
  (elem $p externref (ref.null extern) (ref.null extern))
  (func (export "size") (result i32) (table.size $x))
  (func (export "is_null") (param i32) (result i32) (ref.is_null (table.get $x (local.get 0))))
  (func (export "init") (param i32 i32) (table.init $x $p (local.get 0) (i32.const 0) (local.get 1)))
)
(assert_return (invoke "is_null" (i32.const 1)) (i32.const 1))
(invoke "init" (i32.const 1) (i32.const 2))
(assert_trap (invoke "init" (i32.const 2) (i32.const 2)) "out of bounds table access")

;; element offsets from an imported global
(module
  (import "spectest" "global_i32" (global $base i32))
  (table 700 funcref)
  (func $f (result i32) (i32.const 66))
  (elem (global.get $base) $f)
  (func (export "at") (param i32) (result i32) (call_indirect (result i32) (local.get 0)))
)
(assert_return (invoke "at" (i32.const 666)) (i32.const 66))
(assert_trap (invoke "at" (i32.const 665)) "uninitialized element")

;; data segments: active with and without an explicit memory, passive; offsets from a global
(module
  (import "spectest" "global_i32" (global $base i32))
  (memory $m 1)
  (data (i32.const 0) "\01\02")
  (data (memory $m) (i32.const 2) "\03")
  (data $p "\04\05\06")
  (data (global.get $base) "\07")
  (data (i32.const 3) "")
  (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "init") (param i32 i32 i32) (memory.init $p (local.get 0) (local.get 1) (local.get 2)))
  (func (export "init_active") (param i32) (memory.init 0 (i32.const 0) (i32.const 0) (local.get 0)))
)
(assert_return (invoke "load" (i32.const 0)) (i32.const 1))
(assert_return (invoke "load" (i32.const 1)) (i32.const 2))
(assert_return (invoke "load" (i32.const 2)) (i32.const 3))
(assert_return (invoke "load" (i32.const 3)) (i32.const 0))
(assert_return (invoke "load" (i32.const 666)) (i32.const 7))
(invoke "init" (i32.const 10) (i32.const 1) (i32.const 2))
(assert_return (invoke "load" (i32.const 10)) (i32.const 5))
(assert_return (invoke "load" (i32.const 11)) (i32.const 6))
(invoke "init_active" (i32.const 0))
(assert_trap (invoke "init_active" (i32.const 1)) "out of bounds memory access")

;; the explicit-index encodings written out in binary: element kinds 2 and 6, data kind 2
(module binary
  "\00\61\73\6d\01\00\00\00"  ;; header
  "\01\0a\02\60\00\01\7f\60\01\7f\01\7f"  ;; types: 0 = [] -> [i32], 1 = [i32] -> [i32]
  "\03\05\04\00\00\01\01"  ;; functions: 10, 11, call via table, load byte
  "\04\04\01\70\00\02"  ;; table: funcref, min 2
  "\05\03\01\00\01"  ;; memory: min 1
  "\07\0f\02\04\63\61\6c\6c\00\02\04\6c\6f\61\64\00\03"  ;; exports: "call" = func 2, "load" = func 3
  "\09\13\02\02\00\41\00\0b\00\01\01\06\00\41\01\0b\70\01\d2\00\0b"  ;; elements: kind 2 (table 0, offset 0, elemkind 0, [func 1]); kind 6 (table 0, offset 1, funcref, [ref.func 0])
  "\0a\1b\04\04\00\41\0a\0b\04\00\41\0b\0b\07\00\20\00\11\00\00\0b\07\00\20\00\2d\00\00\0b"  ;; code
  "\0b\08\01\02\00\41\05\0b\01\2a"  ;; data: kind 2 (memory 0, offset 5, "\2a")
)
(assert_return (invoke "call" (i32.const 0)) (i32.const 11))
(assert_return (invoke "call" (i32.const 1)) (i32.const 10))
(assert_return (invoke "load" (i32.const 5)) (i32.const 42))
(assert_return (invoke "load" (i32.const 4)) (i32.const 0))
