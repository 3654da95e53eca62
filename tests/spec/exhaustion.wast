;; exhaustion.wast: unbounded recursion must trap with "call stack exhausted" (never crash the host),
;; whether direct, mutual, indirect or with large frames, and the instance must stay usable after.
;; Written for soroban-replay's conformance suite; expected values checked against wabt's spectest-interp.

(module
  (type $v (func))
  (table funcref (elem $via_table))
  (func $self (export "self") (call $self))
  (func $ping (export "ping") (call $pong))
  (func $pong (call $ping))
  (func $via_table (call_indirect (type $v) (i32.const 0)))
  (func (export "via_table") (call $via_table))
  (func $with_args (export "with_args") (param i64 i64 i64 i64) (result i64)
    (call $with_args (local.get 0) (local.get 1) (local.get 2) (local.get 3)))
  (func $big_frame (export "big_frame") (param i32) (result i32)
    (local i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64
           i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64 i64)
    (i32.add (call $big_frame (local.get 0)) (i32.const 1)))
  (func $deep_stack (export "deep_stack") (param i32) (result i32)
    ;; recursion with operands pending on the value stack at every level
    (i32.add (i32.const 1) (i32.add (i32.const 2) (i32.add (i32.const 3) (call $deep_stack (local.get 0))))))
  (func $countdown (export "countdown") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
      (else (i32.add (i32.const 1) (call $countdown (i32.sub (local.get 0) (i32.const 1)))))))
  (func $loop_forever_calls (export "recursion_in_loop")
    (loop $l (call $loop_forever_calls) (br $l)))
)
(assert_exhaustion (invoke "self") "call stack exhausted")
(assert_exhaustion (invoke "ping") "call stack exhausted")
(assert_exhaustion (invoke "via_table") "call stack exhausted")
(assert_exhaustion (invoke "with_args" (i64.const 1) (i64.const 2) (i64.const 3) (i64.const 4)) "call stack exhausted")
(assert_exhaustion (invoke "big_frame" (i32.const 0)) "call stack exhausted")
(assert_exhaustion (invoke "deep_stack" (i32.const 0)) "call stack exhausted")
(assert_exhaustion (invoke "recursion_in_loop") "call stack exhausted")
;; moderate recursion works, and still works after an exhaustion
(assert_return (invoke "countdown" (i32.const 100)) (i32.const 100))
(assert_return (invoke "countdown" (i32.const 500)) (i32.const 500))
(assert_exhaustion (invoke "self") "call stack exhausted")
(assert_return (invoke "countdown" (i32.const 200)) (i32.const 200))
