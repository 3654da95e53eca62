import os
from common import header, SPEC_DIR
HDR = b"\x00asm\x01\x00\x00\x00"
def leb(n):
    out = bytearray()
    while True:
        b = n & 0x7f; n >>= 7
        if n: out.append(b | 0x80)
        else: out.append(b); return bytes(out)
def sec(i, body): return bytes([i]) + leb(len(body)) + body
def vec(items): return leb(len(items)) + b"".join(items)
def name(s): return leb(len(s)) + s
def esc(bs): return "".join(f"\\{b:02x}" for b in bs)
TYPE_V = sec(1, vec([b"\x60\x00\x00"]))            # (type (func))
TYPE_I = sec(1, vec([b"\x60\x00\x01\x7f"]))        # (type (func (result i32)))
FUNC1 = sec(3, vec([b"\x00"]))
def code(*bodies): return sec(10, vec([leb(len(b)) + b for b in bodies]))
EMPTY_BODY = b"\x00\x0b"
out = header("binary.wast: the binary format's rules, checked on hand-made module bytes",
             ["assert_malformed cases break exactly one rule each: header, section ids, order and sizes, LEB128",
              "length and range, UTF-8 names, vector lengths past the end, section count agreement, reserved bytes",
              "and unknown encodings. The modules at the top are unusual but well-formed and must decode."])
ok = []
bad = []
def good(desc, bs): ok.append((desc, bs))
def mal(desc, bs, text): bad.append((desc, bs, text))

good("the empty module", HDR)
good("custom sections before, between and after the others", HDR + sec(0, name(b"a") + b"xyz") + TYPE_V + sec(0, name(b"")) + FUNC1 + code(EMPTY_BODY) + sec(0, name(b"end")))
good("empty sections of every kind", HDR + sec(1, b"\x00") + sec(2, b"\x00") + sec(3, b"\x00") + sec(4, b"\x00") + sec(5, b"\x00") + sec(6, b"\x00") + sec(7, b"\x00") + sec(9, b"\x00") + sec(12, b"\x00") + sec(10, b"\x00") + sec(11, b"\x00"))
good("a custom section whose name uses multi-byte UTF-8", HDR + sec(0, name("é€𝄞".encode()) + b"\x00"))
good("a section size written with a redundant but legal 5-byte LEB", HDR + b"\x01\x84\x80\x80\x80\x00" + b"\x01\x60\x00\x00")
good("i32.const -1 written as 5 bytes, the most it may take", HDR + TYPE_I + FUNC1 + code(b"\x00\x41\xff\xff\xff\xff\x7f\x0b"))
good("i64.const written as 10 bytes, the most it may take", HDR + sec(1, vec([b"\x60\x00\x01\x7e"])) + FUNC1 + code(b"\x00\x42\x80\x80\x80\x80\x80\x80\x80\x80\x80\x00\x0b"))
good("a local count split over several declarations", HDR + TYPE_V + FUNC1 + code(b"\x03\x02\x7f\x00\x7e\x01\x7d\x0b"))
good("an export name with every ASCII punctuation", HDR + TYPE_V + FUNC1 + sec(7, vec([name(b"!#$%&'()*+,-./:;<=>?@[]^_`{|}~") + b"\x00\x00"])) + code(EMPTY_BODY))
good("the data count section matching the data section", HDR + sec(5, b"\x01\x00\x01") + sec(12, b"\x01") + sec(11, vec([b"\x01\x00"])))

# header
mal("no bytes at all", b"", "unexpected end")
mal("magic cut short", b"\x00as", "unexpected end")
mal("magic only", b"\x00asm", "unexpected end")
mal("version cut short", b"\x00asm\x01\x00\x00", "unexpected end")
mal("wrong magic", b"\x00asn\x01\x00\x00\x00", "magic header not detected")
mal("magic in the wrong byte order", b"msa\x00\x01\x00\x00\x00", "magic header not detected")
mal("a text module", b"(module)", "magic header not detected")
mal("version 2", b"\x00asm\x02\x00\x00\x00", "unknown binary version")
mal("version 1 big-endian", b"\x00asm\x00\x00\x00\x01", "unknown binary version")
mal("version 0x0d (a component)", b"\x00asm\x0d\x00\x01\x00", "unknown binary version")
# section ids and sizes
mal("section id 14", HDR + sec(14, b""), "malformed section id")
mal("section id 0x7f", HDR + sec(0x7f, b""), "malformed section id")
mal("section id 0x80", HDR + b"\x80\x00", "malformed section id")
mal("section size past the end", HDR + b"\x01\x05\x01\x60\x00\x00", "length out of bounds")
mal("section size huge", HDR + b"\x01\xff\xff\xff\xff\x0f", "length out of bounds")
mal("a section id with no size", HDR + b"\x01", "unexpected end")
mal("section smaller than its contents", HDR + b"\x01\x03\x01\x60\x00\x00", "section size mismatch")
mal("section larger than its contents", HDR + b"\x01\x05\x01\x60\x00\x00\x00", "section size mismatch")
mal("custom section without a name", HDR + b"\x00\x00", "unexpected end")
mal("custom section name past the section", HDR + b"\x00\x02\x05a", "length out of bounds")
# order and duplicates
mal("type section twice", HDR + TYPE_V + TYPE_V, "unexpected content after last section")
mal("function before type", HDR + FUNC1 + TYPE_V + code(EMPTY_BODY), "unexpected content after last section")
mal("code before function", HDR + TYPE_V + code(EMPTY_BODY) + FUNC1, "unexpected content after last section")
mal("memory before table", HDR + sec(5, b"\x00") + sec(4, b"\x00"), "unexpected content after last section")
mal("export before global", HDR + sec(7, b"\x00") + sec(6, b"\x00"), "unexpected content after last section")
mal("data count after code", HDR + sec(10, b"\x00") + sec(12, b"\x00"), "unexpected content after last section")
mal("data count before element", HDR + sec(12, b"\x00") + sec(9, b"\x00"), "unexpected content after last section")
mal("start twice", HDR + TYPE_V + FUNC1 + sec(8, b"\x00") + sec(8, b"\x00") + code(EMPTY_BODY), "unexpected content after last section")
mal("data before code", HDR + sec(5, b"\x01\x00\x01") + sec(11, b"\x00") + sec(10, b"\x00"), "unexpected content after last section")
# LEB128
mal("u32 in 6 bytes", HDR + b"\x01\x07\x81\x80\x80\x80\x80\x00\x60", "integer representation too long")
mal("u32 in 5 bytes with unused bits set", HDR + b"\x01\x06\x81\x80\x80\x80\x10\x60", "integer too large")
mal("u32 too large in a section size", HDR + b"\x01\x80\x80\x80\x80\x10", "integer too large")
mal("u32 LEB running past the end", HDR + b"\x01\x80\x80", "unexpected end")
mal("s32 (i32.const) in 6 bytes", HDR + TYPE_I + FUNC1 + code(b"\x00\x41\x80\x80\x80\x80\x80\x00\x0b"), "integer representation too long")
mal("s32 with bits beyond the sign set (positive)", HDR + TYPE_I + FUNC1 + code(b"\x00\x41\xff\xff\xff\xff\x0f\x0b"), "integer too large")
mal("s32 with bits beyond the sign clear (negative)", HDR + TYPE_I + FUNC1 + code(b"\x00\x41\x80\x80\x80\x80\x70\x0b"), "integer too large")
mal("s64 (i64.const) in 11 bytes", HDR + sec(1, vec([b"\x60\x00\x01\x7e"])) + FUNC1 + code(b"\x00\x42\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x00\x0b"), "integer representation too long")
mal("s64 with bits beyond the sign set", HDR + sec(1, vec([b"\x60\x00\x01\x7e"])) + FUNC1 + code(b"\x00\x42\x80\x80\x80\x80\x80\x80\x80\x80\x80\x02\x0b"), "integer too large")
mal("s64 with bits beyond the sign clear (negative)", HDR + sec(1, vec([b"\x60\x00\x01\x7e"])) + FUNC1 + code(b"\x00\x42\xff\xff\xff\xff\xff\xff\xff\xff\xff\x41\x0b"), "integer too large")
MEM = sec(5, b"\x01\x00\x01")
mal("memarg alignment in 6 bytes", HDR + TYPE_I + FUNC1 + MEM + code(b"\x00\x41\x00\x28\x82\x80\x80\x80\x80\x00\x00\x0b"), "integer representation too long")
mal("memarg offset too large", HDR + TYPE_I + FUNC1 + MEM + code(b"\x00\x41\x00\x28\x02\x80\x80\x80\x80\x10\x0b"), "integer too large")
mal("memory limits minimum in 6 bytes", HDR + sec(5, b"\x01\x00\x81\x80\x80\x80\x80\x00"), "integer representation too long")
mal("memory limits maximum too large", HDR + sec(5, b"\x01\x01\x00\x80\x80\x80\x80\x10"), "integer too large")
mal("local count too large", HDR + TYPE_V + FUNC1 + code(b"\x01\x80\x80\x80\x80\x10\x7f\x0b"), "integer too large")
mal("function index in 6 bytes", HDR + TYPE_V + FUNC1 + code(b"\x00\x10\x80\x80\x80\x80\x80\x00\x0b"), "integer representation too long")
# UTF-8
for desc, bs in [("a lone continuation byte", b"\x80"), ("a 2-byte lead without continuation", b"\xc3"), ("overlong 2-byte NUL", b"\xc0\x80"),
                 ("overlong 2-byte", b"\xc1\xbf"), ("overlong 3-byte", b"\xe0\x80\x80"), ("a UTF-16 surrogate", b"\xed\xa0\x80"),
                 ("above U+10FFFF", b"\xf4\x90\x80\x80"), ("overlong 4-byte", b"\xf0\x80\x80\x80"), ("a 5-byte form", b"\xf8\x88\x80\x80\x80"),
                 ("byte 0xff", b"\xff"), ("a 3-byte sequence cut short", b"\xe2\x82"), ("a bad continuation", b"\xe2\x28\xa1")]:
    mal(f"export name with {desc}", HDR + TYPE_V + FUNC1 + sec(7, vec([name(bs) + b"\x00\x00"])) + code(EMPTY_BODY), "malformed UTF-8 encoding")
mal("custom section name with a lone continuation byte", HDR + sec(0, name(b"\x80")), "malformed UTF-8 encoding")
mal("import module name with a surrogate", HDR + TYPE_V + sec(2, vec([name(b"\xed\xbf\xbf") + name(b"f") + b"\x00\x00"])), "malformed UTF-8 encoding")
mal("import field name cut short", HDR + TYPE_V + sec(2, vec([name(b"m") + name(b"\xf0\x9d\x84") + b"\x00\x00"])), "malformed UTF-8 encoding")
# counts and lengths
mal("function section without code section", HDR + TYPE_V + FUNC1, "function and code section have inconsistent lengths")
mal("code section without function section", HDR + TYPE_V + code(EMPTY_BODY), "function and code section have inconsistent lengths")
mal("more bodies than functions", HDR + TYPE_V + FUNC1 + code(EMPTY_BODY, EMPTY_BODY), "function and code section have inconsistent lengths")
mal("fewer bodies than functions", HDR + TYPE_V + sec(3, vec([b"\x00", b"\x00"])) + code(EMPTY_BODY), "function and code section have inconsistent lengths")
mal("data count larger than the data section", HDR + MEM + sec(12, b"\x02") + sec(11, vec([b"\x01\x00"])), "data count and data section have inconsistent lengths")
mal("memory.init without a data count section", HDR + TYPE_V + FUNC1 + MEM + code(b"\x00\x41\x00\x41\x00\x41\x00\xfc\x08\x00\x00\x0b") + sec(11, vec([b"\x01\x00"])), "data count section required")
mal("data.drop without a data count section", HDR + TYPE_V + FUNC1 + MEM + code(b"\x00\xfc\x09\x00\x0b") + sec(11, vec([b"\x01\x00"])), "data count section required")
mal("type vector longer than the section", HDR + b"\x01\x01\x05", "length out of bounds")
mal("param vector longer than the section", HDR + sec(1, b"\x01\x60\x05\x7f"), "length out of bounds")
mal("import vector count 2^32-1", HDR + sec(2, b"\xff\xff\xff\xff\x0f"), "length out of bounds")
mal("too many locals in total", HDR + TYPE_V + FUNC1 + code(b"\x02\xff\xff\xff\xff\x0f\x7f\x02\x7e\x0b"), "too many locals")
mal("a body size past the section", HDR + TYPE_V + FUNC1 + sec(10, b"\x01\x05\x00\x0b"), "length out of bounds")
mal("a body with no end", HDR + TYPE_V + FUNC1 + code(b"\x00\x01"), "unexpected end")
mal("a body with bytes after its end", HDR + TYPE_V + FUNC1 + code(b"\x00\x0b\x01"), "section size mismatch")
mal("an empty body", HDR + TYPE_V + FUNC1 + code(b""), "unexpected end")
mal("br_table target vector past the body", HDR + TYPE_V + FUNC1 + code(b"\x00\x41\x00\x0e\xff\xff\xff\xff\x0f\x0b"), "length out of bounds")
mal("data segment bytes past the section", HDR + MEM + sec(11, b"\x01\x00\x41\x00\x0b\x05ab"), "length out of bounds")
mal("a name length past the section", HDR + sec(7, b"\x01\x05ab"), "length out of bounds")
mal("a partial section header after the last section", HDR + TYPE_V + b"\x03", "unexpected end")
# encodings that do not exist
mal("function type form 0x61", HDR + sec(1, vec([b"\x61\x00\x00"])), "malformed function type")
mal("value type 0x7a in a signature", HDR + sec(1, vec([b"\x60\x01\x7a\x00"])), "malformed value type")
mal("value type 0x40 in a signature", HDR + sec(1, vec([b"\x60\x00\x01\x40"])), "malformed value type")
mal("local of type 0x00", HDR + TYPE_V + FUNC1 + code(b"\x01\x01\x00\x0b"), "malformed value type")
mal("import kind 4", HDR + TYPE_V + sec(2, vec([name(b"m") + name(b"f") + b"\x04\x00"])), "malformed import kind")
mal("import kind 0x7f", HDR + sec(2, vec([name(b"m") + name(b"f") + b"\x7f\x00"])), "malformed import kind")
mal("export kind 4", HDR + TYPE_V + FUNC1 + sec(7, vec([name(b"f") + b"\x04\x00"])) + code(EMPTY_BODY), "malformed export kind")
mal("global mutability 2", HDR + sec(6, vec([b"\x7f\x02\x41\x00\x0b"])), "malformed mutability")
mal("imported global mutability 0xff", HDR + sec(2, vec([name(b"m") + name(b"g") + b"\x03\x7f\xff"])), "malformed mutability")
mal("memory limits flag 8", HDR + sec(5, b"\x01\x08\x00"), "integer too large")
mal("table limits flag 2", HDR + sec(4, b"\x01\x70\x02\x00"), "integer too large")
mal("table element type i32", HDR + sec(4, b"\x01\x7f\x00\x00"), "malformed reference type")
mal("element segment kind 8", HDR + sec(9, b"\x01\x08"), "malformed elements segment kind")
mal("element kind 1 in a segment", HDR + sec(9, b"\x01\x01\x01\x00"), "malformed element kind")
mal("data segment kind 3", HDR + MEM + sec(11, b"\x01\x03"), "malformed data segment kind")
mal("opcode 0xff", HDR + TYPE_V + FUNC1 + code(b"\x00\xff\x0b"), "illegal opcode")
mal("opcode 0xd3 (typed references)", HDR + TYPE_V + FUNC1 + code(b"\x00\xd3\x0b"), "illegal opcode")
mal("opcode 0x27 (between load and store)", HDR + TYPE_V + FUNC1 + code(b"\x00\x27\x0b"), "illegal opcode")
mal("0xfc prefix with sub-opcode 0x20", HDR + TYPE_V + FUNC1 + code(b"\x00\xfc\x20\x0b"), "illegal opcode")
mal("0xfc prefix with an overlong sub-opcode", HDR + TYPE_V + FUNC1 + code(b"\x00\xfc\x80\x80\x80\x80\x80\x00\x0b"), "integer representation too long")
mal("block type 0x6e", HDR + TYPE_V + FUNC1 + code(b"\x00\x02\x6e\x0b\x0b"), "malformed block type")
mal("ref.null of i32", HDR + TYPE_V + FUNC1 + code(b"\x00\xd0\x7f\x1a\x0b"), "malformed reference type")
mal("memory.size with a non-zero reserved byte", HDR + TYPE_V + FUNC1 + MEM + code(b"\x00\x3f\x01\x1a\x0b"), "zero byte expected")
mal("memory.grow with a non-zero reserved byte", HDR + TYPE_V + FUNC1 + MEM + code(b"\x00\x41\x00\x40\x01\x1a\x0b"), "zero byte expected")
mal("memory.fill with a non-zero reserved byte", HDR + TYPE_V + FUNC1 + MEM + code(b"\x00\x41\x00\x41\x00\x41\x00\xfc\x0b\x01\x0b"), "zero byte expected")

lines = []
for desc, bs in ok:
    lines.append(f";; {desc}")
    lines.append(f'(module binary "{esc(bs)}")')
lines.append("")
for desc, bs, text in bad:
    lines.append(f";; {desc}")
    lines.append(f'(assert_malformed (module binary "{esc(bs)}") "{text}")')
open(os.path.join(SPEC_DIR, "binary.wast"), "w").write("\n".join(out + lines) + "\n")
print(len(ok), len(bad))
