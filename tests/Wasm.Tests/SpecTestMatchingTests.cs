using Replay.Wasm.Runtime;
using Replay.Wasm.SpecTest;
using Replay.Wasm.Types;

namespace Replay.Wasm.Tests;

/// <summary>How results, NaN patterns, trap texts and rejection messages are compared.</summary>
public sealed class SpecTestMatchingTests
{
    [Theory]
    [InlineData(0x7fc00000u, true)]
    [InlineData(0xffc00000u, true)]
    [InlineData(0x7fc00001u, false)]
    [InlineData(0x7fa00000u, false)]
    [InlineData(0x7f800000u, false)]
    [InlineData(0x3f800000u, false)]
    public void Canonical_f32_nan_is_only_the_quiet_bit_with_either_sign(uint bits, bool matches) =>
        Assert.Equal(matches, new ExpectedValue(ExpectedKind.CanonicalNan, ValType.F32, 0).Matches(Value.F32Bits(bits)));

    [Theory]
    [InlineData(0x7fc00000u, true)]
    [InlineData(0xffc00001u, true)]
    [InlineData(0x7fffffffu, true)]
    [InlineData(0x7fa00000u, false)]
    [InlineData(0x7f800001u, false)]
    [InlineData(0x7f800000u, false)]
    [InlineData(0x00400000u, false)]
    public void Arithmetic_f32_nan_needs_the_quiet_bit(uint bits, bool matches) =>
        Assert.Equal(matches, new ExpectedValue(ExpectedKind.ArithmeticNan, ValType.F32, 0).Matches(Value.F32Bits(bits)));

    [Theory]
    [InlineData(0x7ff8000000000000ul, ExpectedKind.CanonicalNan, true)]
    [InlineData(0xfff8000000000000ul, ExpectedKind.CanonicalNan, true)]
    [InlineData(0x7ff8000000000001ul, ExpectedKind.CanonicalNan, false)]
    [InlineData(0x7ff8000000000001ul, ExpectedKind.ArithmeticNan, true)]
    [InlineData(0x7ff4000000000000ul, ExpectedKind.ArithmeticNan, false)]
    [InlineData(0x7ff0000000000000ul, ExpectedKind.ArithmeticNan, false)]
    [InlineData(0x0008000000000000ul, ExpectedKind.ArithmeticNan, false)]
    public void F64_nan_patterns(ulong bits, ExpectedKind kind, bool matches) =>
        Assert.Equal(matches, new ExpectedValue(kind, ValType.F64, 0).Matches(Value.F64Bits(bits)));

    [Fact]
    public void Nan_patterns_never_match_another_type()
    {
        Assert.False(new ExpectedValue(ExpectedKind.CanonicalNan, ValType.F32, 0).Matches(Value.F64Bits(0x7ff8000000000000)));
        Assert.False(new ExpectedValue(ExpectedKind.CanonicalNan, ValType.F64, 0).Matches(Value.I64(0x7ff8000000000000)));
    }

    [Fact]
    public void Exact_values_compare_bits_so_zero_signs_and_payloads_count()
    {
        Assert.True(ExpectedValue.Exact(Value.F32(0f)).Matches(Value.F32(0f)));
        Assert.False(ExpectedValue.Exact(Value.F32(0f)).Matches(Value.F32(-0f)));
        Assert.False(ExpectedValue.Exact(Value.F64Bits(0x7ff8000000000001)).Matches(Value.F64Bits(0x7ff8000000000002)));
        Assert.False(ExpectedValue.Exact(Value.I32(1)).Matches(Value.I64(1)));
        Assert.True(ExpectedValue.Exact(Value.I64(-1)).Matches(Value.I64(-1)));
        Assert.False(ExpectedValue.Exact(Value.ExternRef(1)).Matches(Value.ExternRef(2)));
        Assert.True(ExpectedValue.Exact(Value.NullRef(ValType.FuncRef)).Matches(Value.NullRef(ValType.FuncRef)));
        Assert.False(ExpectedValue.Exact(Value.NullRef(ValType.FuncRef)).Matches(Value.NullRef(ValType.ExternRef)));
    }

    [Fact]
    public void Unsupported_expectations_match_nothing() =>
        Assert.False(new ExpectedValue(ExpectedKind.Unsupported, default, 0, "v128").Matches(Value.I32(0)));

    [Fact]
    public void Expected_values_print_readably()
    {
        Assert.Equal("f32:nan:canonical", new ExpectedValue(ExpectedKind.CanonicalNan, ValType.F32, 0).ToString());
        Assert.Equal("i32:-1", ExpectedValue.Exact(Value.I32(-1)).ToString());
        Assert.Equal("v128", new ExpectedValue(ExpectedKind.Unsupported, default, 0, "v128").ToString());
    }

    [Fact]
    public void Every_trap_code_matches_its_own_spec_message()
    {
        foreach (var code in Enum.GetValues<TrapCode>())
            Assert.True(SpecMessages.TrapMatches(code.SpecMessage(), code), code.ToString());
    }

    [Theory]
    [InlineData("undefined element", TrapCode.TableOutOfBounds)]
    [InlineData("out of bounds table access", TrapCode.TableOutOfBounds)]
    [InlineData("uninitialized element 2", TrapCode.IndirectCallToNull)]
    [InlineData("uninitialized element", TrapCode.IndirectCallToNull)]
    [InlineData("unreachable executed", TrapCode.UnreachableCodeReached)]
    [InlineData("indirect call type mismatch", TrapCode.BadSignature)]
    [InlineData("call stack exhausted", TrapCode.StackOverflow)]
    [InlineData("integer divide by zero", TrapCode.IntegerDivisionByZero)]
    public void Synonyms_name_the_same_trap(string text, TrapCode code) => Assert.True(SpecMessages.TrapMatches(text, code));

    [Theory]
    [InlineData("undefined element", TrapCode.IndirectCallToNull)]
    [InlineData("uninitialized element", TrapCode.TableOutOfBounds)]
    [InlineData("integer overflow", TrapCode.IntegerDivisionByZero)]
    [InlineData("out of bounds memory access", TrapCode.TableOutOfBounds)]
    [InlineData("invalid conversion to integer", TrapCode.IntegerOverflow)]
    [InlineData("something else", TrapCode.UnreachableCodeReached)]
    public void Different_traps_do_not_match(string text, TrapCode code) => Assert.False(SpecMessages.TrapMatches(text, code));

    [Fact]
    public void Rejections_match_by_prefix_of_rule_or_message()
    {
        Assert.True(SpecMessages.RejectionMatches("type mismatch", "type mismatch", "type mismatch: expected i32 (function 0, offset 0x20)"));
        Assert.True(SpecMessages.RejectionMatches("unknown global", "unknown global 3", "unknown global 3 (offset 0x9)"));
        Assert.True(SpecMessages.RejectionMatches("unknown import", null, "unknown import: \"m\".\"f\" is not defined"));
        Assert.False(SpecMessages.RejectionMatches("unexpected end", "length out of bounds", "length out of bounds (offset 0x3)"));
        Assert.True(SpecMessages.RejectionMatches("unknown memory 1", "unknown memory", "unknown memory: data segment 0 targets memory 1 (offset 0x10)"));
        Assert.True(SpecMessages.RejectionMatches("illegal opcode ff", "illegal opcode", "illegal opcode: 0xff (offset 0x18)"));
        Assert.False(SpecMessages.RejectionMatches("unknown memory 1", "unknown table", "unknown table (offset 0x10)"));
        Assert.False(SpecMessages.RejectionMatches("unknown memory x1", "unknown memory", "unknown memory (offset 0x10)"));
    }

    [Theory]
    [InlineData("eager", CompilationMode.Eager)]
    [InlineData("lazy-translation", CompilationMode.LazyTranslation)]
    [InlineData("lazy", CompilationMode.Lazy)]
    public void Compilation_modes_round_trip_their_names(string name, CompilationMode mode)
    {
        Assert.Equal(name, mode.Name());
        Assert.True(CompilationModeNames.TryParse(name, out var parsed));
        Assert.Equal(mode, parsed);
    }

    [Fact]
    public void Unknown_mode_names_are_refused()
    {
        Assert.False(CompilationModeNames.TryParse("Eager", out _));
        Assert.False(CompilationModeNames.TryParse(null, out _));
    }
}
