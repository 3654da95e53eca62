;; linking.wast: register, imports of every kind between modules, and import matching.
;; Imports are resolved by module and field name and must match: a function's type exactly, a
;; global's type and mutability exactly, a memory's or table's limits by subtyping (at least the
;; required minimum, a maximum no larger than required). Anything else is unlinkable. Imported
;; objects are shared, not copied: a write through one module is seen by every other.
;; Written for soroban-replay's conformance suite; expected values checked against wabt's spectest-interp.

(module $A
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "nothing"))
  (global (export "const") i32 (i32.const 42))
  (global (export "const64") i64 (i64.const -42))
  (global (export "mut") (mut i32) (i32.const 0))
  (global (export "mutf") (mut f64) (f64.const 0))
  (global (export "ref") (mut externref) (ref.null extern))
  (memory (export "mem") 1 4)
  (table (export "tab") 3 10 funcref)
  (table (export "xtab") 2 externref)
  (func (export "set_mut") (param i32) (global.set 2 (local.get 0)))
  (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0)))
  (func (export "mem_size") (result i32) (memory.size))
  (func (export "tab_size") (result i32) (table.size 0))
  (func (export "call_tab") (param i32) (result i32) (call_indirect (result i32) (local.get 0)))
)
(register "A" $A)

(module $B
  (import "A" "add" (func $add (param i32 i32) (result i32)))
  (import "A" "const" (global $c i32))
  (import "A" "mut" (global $m (mut i32)))
  (import "A" "mem" (memory 1))
  (import "A" "tab" (table 3 funcref))
  (func $seven (result i32) (i32.const 7))
  (elem (i32.const 1) $seven)
  (data (i32.const 10) "\2a")
  (func (export "call_add") (result i32) (call $add (global.get $c) (i32.const 1)))
  (func (export "read_mut") (result i32) (global.get $m))
  (func (export "write_mut") (param i32) (global.set $m (local.get 0)))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "store") (param i32 i32) (i32.store8 (local.get 0) (local.get 1)))
  (func (export "grow_tab") (param i32) (result i32) (table.grow 0 (ref.null func) (local.get 0)))
)
(assert_return (invoke $B "call_add") (i32.const 43))
;; the data and element segments of $B wrote into $A's memory and table
(assert_return (invoke $A "load" (i32.const 10)) (i32.const 42))
(assert_return (invoke $A "call_tab" (i32.const 1)) (i32.const 7))
;; one mutable global, two modules
(invoke $A "set_mut" (i32.const 5))
(assert_return (invoke $B "read_mut") (i32.const 5))
(invoke $B "write_mut" (i32.const 6))
(assert_return (get $A "mut") (i32.const 6))
;; growth through one module is seen by the other
(assert_return (invoke $B "grow" (i32.const 2)) (i32.const 1))
(assert_return (invoke $A "mem_size") (i32.const 3))
(invoke $B "store" (i32.const 196607) (i32.const 9))
(assert_return (invoke $A "load" (i32.const 196607)) (i32.const 9))
(assert_return (invoke $B "grow" (i32.const 2)) (i32.const -1))
(assert_return (invoke $B "grow_tab" (i32.const 7)) (i32.const 3))
(assert_return (invoke $A "tab_size") (i32.const 10))
(assert_return (invoke $B "grow_tab" (i32.const 1)) (i32.const -1))

;; a registered module re-exporting an import; a second registration under another name
(module $C
  (import "A" "add" (func $add (param i32 i32) (result i32)))
  (export "plus" (func $add))
  (global (export "g") i64 (i64.const 3))
)
(register "C" $C)
(register "C2" $C)
(module
  (import "C" "plus" (func $plus (param i32 i32) (result i32)))
  (import "C2" "g" (global $g i64))
  (func (export "run") (result i64) (i64.add (i64.extend_i32_u (call $plus (i32.const 1) (i32.const 2))) (global.get $g)))
)
(assert_return (invoke "run") (i64.const 6))

;; limits subtyping: larger minimum and smaller maximum than required are fine
(module (import "A" "mem" (memory 0)))
(module (import "A" "mem" (memory 3 4)))
(module (import "A" "mem" (memory 2 10)))
(module (import "A" "tab" (table 10 funcref)))
(module (import "A" "tab" (table 0 10 funcref)))
(module (import "A" "tab" (table 1 20 funcref)))
(module (import "A" "xtab" (table 2 externref)))
(module (import "spectest" "memory" (memory 1 2)))
(module (import "spectest" "memory" (memory 0 3)))
(module (import "spectest" "table" (table 10 20 funcref)))

;; unknown imports
(assert_unlinkable (module (import "A" "missing" (func))) "unknown import")
(assert_unlinkable (module (import "nowhere" "add" (func))) "unknown import")
(assert_unlinkable (module (import "A" "missing" (global i32))) "unknown import")
(assert_unlinkable (module (import "A" "missing" (memory 1))) "unknown import")
(assert_unlinkable (module (import "A" "missing" (table 1 funcref))) "unknown import")
(assert_unlinkable (module (import "spectest" "unknown" (func))) "unknown import")

;; kind mismatches
(assert_unlinkable (module (import "A" "add" (global i32))) "incompatible import type")
(assert_unlinkable (module (import "A" "const" (func))) "incompatible import type")
(assert_unlinkable (module (import "A" "mem" (table 1 funcref))) "incompatible import type")
(assert_unlinkable (module (import "A" "tab" (memory 1))) "incompatible import type")
(assert_unlinkable (module (import "A" "add" (memory 1))) "incompatible import type")

;; function type mismatches
(assert_unlinkable (module (import "A" "add" (func (param i32) (result i32)))) "incompatible import type")
(assert_unlinkable (module (import "A" "add" (func (param i32 i32)))) "incompatible import type")
(assert_unlinkable (module (import "A" "add" (func (param i32 i32) (result i64)))) "incompatible import type")
(assert_unlinkable (module (import "A" "add" (func (param i64 i32) (result i32)))) "incompatible import type")
(assert_unlinkable (module (import "A" "add" (func (param i32 i32) (result i32 i32)))) "incompatible import type")
(assert_unlinkable (module (import "A" "nothing" (func (result i32)))) "incompatible import type")
(assert_unlinkable (module (import "spectest" "print_i32" (func (param i64)))) "incompatible import type")
(assert_unlinkable (module (import "spectest" "print" (func (param i32)))) "incompatible import type")

;; global type and mutability mismatches
(assert_unlinkable (module (import "A" "const" (global i64))) "incompatible import type")
(assert_unlinkable (module (import "A" "const" (global (mut i32)))) "incompatible import type")
(assert_unlinkable (module (import "A" "mut" (global i32))) "incompatible import type")
(assert_unlinkable (module (import "A" "mut" (global (mut i64)))) "incompatible import type")
(assert_unlinkable (module (import "A" "const64" (global f64))) "incompatible import type")
(assert_unlinkable (module (import "A" "mutf" (global (mut f32)))) "incompatible import type")
(assert_unlinkable (module (import "A" "ref" (global (mut funcref)))) "incompatible import type")
(assert_unlinkable (module (import "A" "ref" (global externref))) "incompatible import type")
(assert_unlinkable (module (import "spectest" "global_i32" (global (mut i32)))) "incompatible import type")
(assert_unlinkable (module (import "spectest" "global_i32" (global i64))) "incompatible import type")

;; memory and table limits that do not fit
(assert_unlinkable (module (import "A" "mem" (memory 4))) "incompatible import type")
(assert_unlinkable (module (import "A" "mem" (memory 1 2))) "incompatible import type")
(assert_unlinkable (module (import "spectest" "memory" (memory 2))) "incompatible import type")
(assert_unlinkable (module (import "spectest" "memory" (memory 1 1))) "incompatible import type")
(assert_unlinkable (module (import "A" "tab" (table 11 funcref))) "incompatible import type")
(assert_unlinkable (module (import "A" "tab" (table 1 9 funcref))) "incompatible import type")
(assert_unlinkable (module (import "A" "tab" (table 1 externref))) "incompatible import type")
(assert_unlinkable (module (import "A" "xtab" (table 1 funcref))) "incompatible import type")
(assert_unlinkable (module (import "spectest" "table" (table 21 funcref))) "incompatible import type")
(assert_unlinkable (module (import "spectest" "table" (table 10 15 funcref))) "incompatible import type")
(module $unbounded (memory (export "m") 1) (table (export "t") 1 funcref))
(register "unbounded" $unbounded)
(assert_unlinkable (module (import "unbounded" "m" (memory 1 100))) "incompatible import type")
(assert_unlinkable (module (import "unbounded" "t" (table 1 100 funcref))) "incompatible import type")
(module (import "unbounded" "m" (memory 1)) (import "unbounded" "t" (table 0 funcref)))

;; an unlinkable module changes nothing: a failing import after good ones leaves no segment written
(assert_unlinkable
  (module
    (import "A" "mem" (memory 1))
    (import "A" "missing" (func))
    (data (i32.const 20) "\ff"))
  "unknown import")
(assert_return (invoke $A "load" (i32.const 20)) (i32.const 0))

;; exports of several kinds under one registered name, imported by kind
(module $D
  (func (export "f") (result i32) (i32.const 1))
  (global (export "f_global") i32 (i32.const 2))
)
(register "D" $D)
(module
  (import "D" "f" (func $f (result i32)))
  (import "D" "f_global" (global $g i32))
  (func (export "both") (result i32) (i32.add (call $f) (global.get $g)))
)
(assert_return (invoke "both") (i32.const 3))
