;; binary.wast: the binary format's rules, checked on hand-made module bytes
;; assert_malformed cases break exactly one rule each: header, section ids, order and sizes, LEB128
;; length and range, UTF-8 names, vector lengths past the end, section count agreement, reserved bytes
;; and unknown encodings. The modules at the top are unusual but well-formed and must decode.
;; Written for soroban-replay's conformance suite; expected values checked against wabt's spectest-interp.

;; the empty module
(module binary "\00\61\73\6d\01\00\00\00")
;; custom sections before, between and after the others
(module binary "\00\61\73\6d\01\00\00\00\00\05\01\61\78\79\7a\01\04\01\60\00\00\00\01\00\03\02\01\00\0a\04\01\02\00\0b\00\04\03\65\6e\64")
;; empty sections of every kind
(module binary "\00\61\73\6d\01\00\00\00\01\01\00\02\01\00\03\01\00\04\01\00\05\01\00\06\01\00\07\01\00\09\01\00\0c\01\00\0a\01\00\0b\01\00")
;; a custom section whose name uses multi-byte UTF-8
(module binary "\00\61\73\6d\01\00\00\00\00\0b\09\c3\a9\e2\82\ac\f0\9d\84\9e\00")
;; a section size written with a redundant but legal 5-byte LEB
(module binary "\00\61\73\6d\01\00\00\00\01\84\80\80\80\00\01\60\00\00")
;; i32.const -1 written as 5 bytes, the most it may take
(module binary "\00\61\73\6d\01\00\00\00\01\05\01\60\00\01\7f\03\02\01\00\0a\0a\01\08\00\41\ff\ff\ff\ff\7f\0b")
;; i64.const written as 10 bytes, the most it may take
(module binary "\00\61\73\6d\01\00\00\00\01\05\01\60\00\01\7e\03\02\01\00\0a\0f\01\0d\00\42\80\80\80\80\80\80\80\80\80\00\0b")
;; a local count split over several declarations
(module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03\02\01\00\0a\0a\01\08\03\02\7f\00\7e\01\7d\0b")
;; an export name with every ASCII punctuation
(module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03\02\01\00\07\22\01\1e\21\23\24\25\26\27\28\29\2a\2b\2c\2d\2e\2f\3a\3b\3c\3d\3e\3f\40\5b\5d\5e\5f\60\7b\7c\7d\7e\00\00\0a\04\01\02\00\0b")
;; the data count section matching the data section
(module binary "\00\61\73\6d\01\00\00\00\05\03\01\00\01\0c\01\01\0b\03\01\01\00")

;; no bytes at all
(assert_malformed (module binary "") "unexpected end")
;; magic cut short
(assert_malformed (module binary "\00\61\73") "unexpected end")
;; magic only
(assert_malformed (module binary "\00\61\73\6d") "unexpected end")
;; version cut short
(assert_malformed (module binary "\00\61\73\6d\01\00\00") "unexpected end")
;; wrong magic
(assert_malformed (module binary "\00\61\73\6e\01\00\00\00") "magic header not detected")
;; magic in the wrong byte order
(assert_malformed (module binary "\6d\73\61\00\01\00\00\00") "magic header not detected")
;; a text module
(assert_malformed (module binary "\28\6d\6f\64\75\6c\65\29") "magic header not detected")
;; version 2
(assert_malformed (module binary "\00\61\73\6d\02\00\00\00") "unknown binary version")
;; version 1 big-endian
(assert_malformed (module binary "\00\61\73\6d\00\00\00\01") "unknown binary version")
;; version 0x0d (a component)
(assert_malformed (module binary "\00\61\73\6d\0d\00\01\00") "unknown binary version")
;; section id 14
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\0e\00") "malformed section id")
;; section id 0x7f
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\7f\00") "malformed section id")
;; section id 0x80
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\80\00") "malformed section id")
;; section size past the end
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\05\01\60\00\00") "length out of bounds")
;; section size huge
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\ff\ff\ff\ff\0f") "length out of bounds")
;; a section id with no size
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01") "unexpected end")
;; section smaller than its contents
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\03\01\60\00\00") "section size mismatch")
;; section larger than its contents
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\05\01\60\00\00\00") "section size mismatch")
;; custom section without a name
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\00\00") "unexpected end")
;; custom section name past the section
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\00\02\05\61") "length out of bounds")
;; type section twice
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\01\04\01\60\00\00") "unexpected content after last section")
;; function before type
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\03\02\01\00\01\04\01\60\00\00\0a\04\01\02\00\0b") "unexpected content after last section")
;; code before function
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\0a\04\01\02\00\0b\03\02\01\00") "unexpected content after last section")
;; memory before table
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\05\01\00\04\01\00") "unexpected content after last section")
;; export before global
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\07\01\00\06\01\00") "unexpected content after last section")
;; data count after code
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\0a\01\00\0c\01\00") "unexpected content after last section")
;; data count before element
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\0c\01\00\09\01\00") "unexpected content after last section")
;; start twice
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03\02\01\00\08\01\00\08\01\00\0a\04\01\02\00\0b") "unexpected content after last section")
;; data before code
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\05\03\01\00\01\0b\01\00\0a\01\00") "unexpected content after last section")
;; u32 in 6 bytes
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\07\81\80\80\80\80\00\60") "integer representation too long")
;; u32 in 5 bytes with unused bits set
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\06\81\80\80\80\10\60") "integer too large")
;; u32 too large in a section size
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\80\80\80\80\10") "integer too large")
;; u32 LEB running past the end
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\80\80") "unexpected end")
;; s32 (i32.const) in 6 bytes
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\05\01\60\00\01\7f\03\02\01\00\0a\0b\01\09\00\41\80\80\80\80\80\00\0b") "integer representation too long")
;; s32 with bits beyond the sign set (positive)
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\05\01\60\00\01\7f\03\02\01\00\0a\0a\01\08\00\41\ff\ff\ff\ff\0f\0b") "integer too large")
;; s32 with bits beyond the sign clear (negative)
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\05\01\60\00\01\7f\03\02\01\00\0a\0a\01\08\00\41\80\80\80\80\70\0b") "integer too large")
;; s64 (i64.const) in 11 bytes
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\05\01\60\00\01\7e\03\02\01\00\0a\10\01\0e\00\42\80\80\80\80\80\80\80\80\80\80\00\0b") "integer representation too long")
;; s64 with bits beyond the sign set
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\05\01\60\00\01\7e\03\02\01\00\0a\0f\01\0d\00\42\80\80\80\80\80\80\80\80\80\02\0b") "integer too large")
;; s64 with bits beyond the sign clear (negative)
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\05\01\60\00\01\7e\03\02\01\00\0a\0f\01\0d\00\42\ff\ff\ff\ff\ff\ff\ff\ff\ff\41\0b") "integer too large")
;; memarg alignment in 6 bytes
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\05\01\60\00\01\7f\03\02\01\00\05\03\01\00\01\0a\0e\01\0c\00\41\00\28\82\80\80\80\80\00\00\0b") "integer representation too long")
;; memarg offset too large
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\05\01\60\00\01\7f\03\02\01\00\05\03\01\00\01\0a\0d\01\0b\00\41\00\28\02\80\80\80\80\10\0b") "integer too large")
;; memory limits minimum in 6 bytes
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\05\08\01\00\81\80\80\80\80\00") "integer representation too long")
;; memory limits maximum too large
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\05\08\01\01\00\80\80\80\80\10") "integer too large")
;; local count too large
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03\02\01\00\0a\0a\01\08\01\80\80\80\80\10\7f\0b") "integer too large")
;; function index in 6 bytes
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03\02\01\00\0a\0b\01\09\00\10\80\80\80\80\80\00\0b") "integer representation too long")
;; export name with a lone continuation byte
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03\02\01\00\07\05\01\01\80\00\00\0a\04\01\02\00\0b") "malformed UTF-8 encoding")
;; export name with a 2-byte lead without continuation
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03\02\01\00\07\05\01\01\c3\00\00\0a\04\01\02\00\0b") "malformed UTF-8 encoding")
;; export name with overlong 2-byte NUL
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03\02\01\00\07\06\01\02\c0\80\00\00\0a\04\01\02\00\0b") "malformed UTF-8 encoding")
;; export name with overlong 2-byte
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03\02\01\00\07\06\01\02\c1\bf\00\00\0a\04\01\02\00\0b") "malformed UTF-8 encoding")
;; export name with overlong 3-byte
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03\02\01\00\07\07\01\03\e0\80\80\00\00\0a\04\01\02\00\0b") "malformed UTF-8 encoding")
;; export name with a UTF-16 surrogate
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03\02\01\00\07\07\01\03\ed\a0\80\00\00\0a\04\01\02\00\0b") "malformed UTF-8 encoding")
;; export name with above U+10FFFF
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03\02\01\00\07\08\01\04\f4\90\80\80\00\00\0a\04\01\02\00\0b") "malformed UTF-8 encoding")
;; export name with overlong 4-byte
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03\02\01\00\07\08\01\04\f0\80\80\80\00\00\0a\04\01\02\00\0b") "malformed UTF-8 encoding")
;; export name with a 5-byte form
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03\02\01\00\07\09\01\05\f8\88\80\80\80\00\00\0a\04\01\02\00\0b") "malformed UTF-8 encoding")
;; export name with byte 0xff
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03\02\01\00\07\05\01\01\ff\00\00\0a\04\01\02\00\0b") "malformed UTF-8 encoding")
;; export name with a 3-byte sequence cut short
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03\02\01\00\07\06\01\02\e2\82\00\00\0a\04\01\02\00\0b") "malformed UTF-8 encoding")
;; export name with a bad continuation
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03\02\01\00\07\07\01\03\e2\28\a1\00\00\0a\04\01\02\00\0b") "malformed UTF-8 encoding")
;; custom section name with a lone continuation byte
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\00\02\01\80") "malformed UTF-8 encoding")
;; import module name with a surrogate
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\02\09\01\03\ed\bf\bf\01\66\00\00") "malformed UTF-8 encoding")
;; import field name cut short
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\02\09\01\01\6d\03\f0\9d\84\00\00") "malformed UTF-8 encoding")
;; function section without code section
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03\02\01\00") "function and code section have inconsistent lengths")
;; code section without function section
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\0a\04\01\02\00\0b") "function and code section have inconsistent lengths")
;; more bodies than functions
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03\02\01\00\0a\07\02\02\00\0b\02\00\0b") "function and code section have inconsistent lengths")
;; fewer bodies than functions
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03\03\02\00\00\0a\04\01\02\00\0b") "function and code section have inconsistent lengths")
;; data count larger than the data section
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\05\03\01\00\01\0c\01\02\0b\03\01\01\00") "data count and data section have inconsistent lengths")
;; memory.init without a data count section
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03\02\01\00\05\03\01\00\01\0a\0e\01\0c\00\41\00\41\00\41\00\fc\08\00\00\0b\0b\03\01\01\00") "data count section required")
;; data.drop without a data count section
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03\02\01\00\05\03\01\00\01\0a\07\01\05\00\fc\09\00\0b\0b\03\01\01\00") "data count section required")
;; type vector longer than the section
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\01\05") "length out of bounds")
;; param vector longer than the section
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\05\7f") "length out of bounds")
;; import vector count 2^32-1
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\02\05\ff\ff\ff\ff\0f") "length out of bounds")
;; too many locals in total
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03\02\01\00\0a\0c\01\0a\02\ff\ff\ff\ff\0f\7f\02\7e\0b") "too many locals")
;; a body size past the section
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03\02\01\00\0a\04\01\05\00\0b") "length out of bounds")
;; a body with no end
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03\02\01\00\0a\04\01\02\00\01") "unexpected end")
;; a body with bytes after its end
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03\02\01\00\0a\05\01\03\00\0b\01") "section size mismatch")
;; an empty body
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03\02\01\00\0a\02\01\00") "unexpected end")
;; br_table target vector past the body
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03\02\01\00\0a\0c\01\0a\00\41\00\0e\ff\ff\ff\ff\0f\0b") "length out of bounds")
;; data segment bytes past the section
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\05\03\01\00\01\0b\08\01\00\41\00\0b\05\61\62") "length out of bounds")
;; a name length past the section
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\07\04\01\05\61\62") "length out of bounds")
;; a partial section header after the last section
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03") "unexpected end")
;; function type form 0x61
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\61\00\00") "malformed function type")
;; value type 0x7a in a signature
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\05\01\60\01\7a\00") "malformed value type")
;; value type 0x40 in a signature
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\05\01\60\00\01\40") "malformed value type")
;; local of type 0x00
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03\02\01\00\0a\06\01\04\01\01\00\0b") "malformed value type")
;; import kind 4
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\02\07\01\01\6d\01\66\04\00") "malformed import kind")
;; import kind 0x7f
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\02\07\01\01\6d\01\66\7f\00") "malformed import kind")
;; export kind 4
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03\02\01\00\07\05\01\01\66\04\00\0a\04\01\02\00\0b") "malformed export kind")
;; global mutability 2
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\06\06\01\7f\02\41\00\0b") "malformed mutability")
;; imported global mutability 0xff
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\02\08\01\01\6d\01\67\03\7f\ff") "malformed mutability")
;; memory limits flag 8
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\05\03\01\08\00") "integer too large")
;; table limits flag 2
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\04\04\01\70\02\00") "integer too large")
;; table element type i32
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\04\04\01\7f\00\00") "malformed reference type")
;; element segment kind 8
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\09\02\01\08") "malformed elements segment kind")
;; element kind 1 in a segment
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\09\04\01\01\01\00") "malformed element kind")
;; data segment kind 3
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\05\03\01\00\01\0b\02\01\03") "malformed data segment kind")
;; opcode 0xff
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03\02\01\00\0a\05\01\03\00\ff\0b") "illegal opcode")
;; opcode 0xd3 (typed references)
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03\02\01\00\0a\05\01\03\00\d3\0b") "illegal opcode")
;; opcode 0x27 (between load and store)
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03\02\01\00\0a\05\01\03\00\27\0b") "illegal opcode")
;; 0xfc prefix with sub-opcode 0x20
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03\02\01\00\0a\06\01\04\00\fc\20\0b") "illegal opcode")
;; 0xfc prefix with an overlong sub-opcode
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03\02\01\00\0a\0b\01\09\00\fc\80\80\80\80\80\00\0b") "integer representation too long")
;; block type 0x6e
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03\02\01\00\0a\07\01\05\00\02\6e\0b\0b") "malformed block type")
;; ref.null of i32
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03\02\01\00\0a\07\01\05\00\d0\7f\1a\0b") "malformed reference type")
;; memory.size with a non-zero reserved byte
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03\02\01\00\05\03\01\00\01\0a\07\01\05\00\3f\01\1a\0b") "zero byte expected")
;; memory.grow with a non-zero reserved byte
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03\02\01\00\05\03\01\00\01\0a\09\01\07\00\41\00\40\01\1a\0b") "zero byte expected")
;; memory.fill with a non-zero reserved byte
(assert_malformed (module binary "\00\61\73\6d\01\00\00\00\01\04\01\60\00\00\03\02\01\00\05\03\01\00\01\0a\0d\01\0b\00\41\00\41\00\41\00\fc\0b\01\0b") "zero byte expected")
