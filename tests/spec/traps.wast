;; traps.wast: every trap a script can provoke, from every position that matters: directly in an
;; exported function, deep in a call chain, inside blocks and loops, and after side effects, which
;; must stay visible (a trap ends the call, not the instance). Out-of-fuel and limited growth are
;; engine configuration, not spec behaviour, and are tested by the engines' own suites.
;; Written for soroban-replay's conformance suite; expected values checked against wabt's spectest-interp.

(module
  (memory 1)
  (table 2 funcref)
  (global $counter (mut i32) (i32.const 0))
  (type $v (func))
  (func $nop)
  (elem (i32.const 0) $nop)
  (func $bump (global.set $counter (i32.add (global.get $counter) (i32.const 1))))
  (func (export "counter") (result i32) (global.get $counter))
  (func (export "mem0") (result i32) (i32.load (i32.const 0)))

  (func (export "unreachable") (call $bump) (unreachable))
  (func (export "oob_load") (result i32) (call $bump) (i32.load (i32.const 65536)))
  (func (export "oob_store") (call $bump) (i32.store (i32.const 0) (i32.const 7)) (i64.store (i32.const 65529) (i64.const 1)))
  (func (export "oob_table") (call $bump) (call_indirect (type $v) (i32.const 2)))
  (func (export "null_entry") (call $bump) (call_indirect (type $v) (i32.const 1)))
  (func (export "bad_signature") (result i32) (call $bump) (call_indirect (result i32) (i32.const 0)))
  (func (export "div_zero_s") (result i32) (call $bump) (i32.div_s (i32.const 1) (i32.const 0)))
  (func (export "div_zero_u") (result i64) (call $bump) (i64.div_u (i64.const 1) (i64.const 0)))
  (func (export "rem_zero_s") (result i64) (call $bump) (i64.rem_s (i64.const 1) (i64.const 0)))
  (func (export "rem_zero_u") (result i32) (call $bump) (i32.rem_u (i32.const 1) (i32.const 0)))
  (func (export "overflow") (result i32) (call $bump) (i32.div_s (i32.const 0x80000000) (i32.const -1)))
  (func (export "overflow64") (result i64) (call $bump) (i64.div_s (i64.const 0x8000000000000000) (i64.const -1)))
  (func (export "bad_conversion") (result i32) (call $bump) (i32.trunc_f32_s (f32.const nan)))
  (func (export "conversion_overflow") (result i64) (call $bump) (i64.trunc_f64_u (f64.const -1)))
  (func (export "table_get_oob") (result funcref) (call $bump) (table.get 0 (i32.const 2)))

  ;; traps raised several calls deep, from inside blocks, loops and ifs
  (func $deep3 (param i32) (result i32)
    (block (result i32) (loop (result i32) (if (result i32) (local.get 0) (then (unreachable)) (else (i32.const 0))))))
  (func $deep2 (param i32) (result i32) (i32.add (i32.const 1) (call $deep3 (local.get 0))))
  (func $deep1 (param i32) (result i32) (call $bump) (call $deep2 (local.get 0)))
  (func (export "deep") (param i32) (result i32) (call $deep1 (local.get 0)))
  (func (export "rem_overflow_is_zero") (result i32) (i32.rem_s (i32.const 0x80000000) (i32.const -1)))
  (func (export "trap_in_arg") (result i32) (call $deep2 (i32.div_u (i32.const 1) (i32.const 0))))
)
(assert_trap (invoke "unreachable") "unreachable")
(assert_return (invoke "counter") (i32.const 1))
(assert_trap (invoke "oob_load") "out of bounds memory access")
(assert_trap (invoke "oob_store") "out of bounds memory access")
(assert_return (invoke "mem0") (i32.const 7))
(assert_trap (invoke "oob_table") "undefined element")
(assert_trap (invoke "null_entry") "uninitialized element")
(assert_trap (invoke "bad_signature") "indirect call type mismatch")
(assert_trap (invoke "div_zero_s") "integer divide by zero")
(assert_trap (invoke "div_zero_u") "integer divide by zero")
(assert_trap (invoke "rem_zero_s") "integer divide by zero")
(assert_trap (invoke "rem_zero_u") "integer divide by zero")
(assert_trap (invoke "overflow") "integer overflow")
(assert_trap (invoke "overflow64") "integer overflow")
(assert_trap (invoke "bad_conversion") "invalid conversion to integer")
(assert_trap (invoke "conversion_overflow") "integer overflow")
(assert_trap (invoke "table_get_oob") "out of bounds table access")
(assert_return (invoke "counter") (i32.const 15))
(assert_return (invoke "deep" (i32.const 0)) (i32.const 1))
(assert_trap (invoke "deep" (i32.const 1)) "unreachable")
(assert_return (invoke "deep" (i32.const 0)) (i32.const 1))
(assert_return (invoke "counter") (i32.const 18))
(assert_return (invoke "rem_overflow_is_zero") (i32.const 0))
(assert_trap (invoke "trap_in_arg") "integer divide by zero")

;; a trap in the start function fails instantiation; what the start function wrote before stays written
(module $target
  (memory (export "mem") 1)
  (global (export "g") (mut i32) (i32.const 0))
  (func (export "peek") (result i32) (i32.load (i32.const 100)))
)
(register "target" $target)
(assert_trap
  (module
    (import "target" "mem" (memory 1))
    (import "target" "g" (global $g (mut i32)))
    (func $start (i32.store (i32.const 100) (i32.const 55)) (global.set $g (i32.const 9)) (unreachable))
    (start $start))
  "unreachable")
(assert_return (invoke $target "peek") (i32.const 55))
(assert_return (get $target "g") (i32.const 9))
(assert_trap
  (module (func $start (drop (i32.div_u (i32.const 1) (i32.const 0)))) (start $start))
  "integer divide by zero")
(assert_trap
  (module (memory 0) (func $start (drop (i32.load (i32.const 0)))) (start $start))
  "out of bounds memory access")

;; host functions called from traps' neighbourhood: a trap after a host call still traps
(module
  (import "spectest" "print_i32" (func $print (param i32)))
  (func (export "print_then_trap") (call $print (i32.const 1)) (unreachable))
)
(assert_trap (invoke "print_then_trap") "unreachable")
