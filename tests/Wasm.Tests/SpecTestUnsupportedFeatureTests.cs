using Replay.Wasm.Binary;
using Replay.Wasm.SpecTest;

namespace Replay.Wasm.Tests;

/// <summary>Recognising modules that use proposals no engine implements, so they are skipped and counted, not failed.</summary>
public sealed class SpecTestUnsupportedFeatureTests
{
    private static readonly byte[] Header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
    private static readonly WasmDecodeException Rejection = new("something", 8);

    private static byte[] Module(params byte[][] sections) => [.. Header, .. sections.SelectMany(s => s)];

    private static byte[] Section(byte id, params byte[] body) => [id, (byte)body.Length, .. body];

    [Fact]
    public void Tag_section_is_exceptions() =>
        Assert.Equal(UnsupportedFeature.Exceptions, UnsupportedFeature.ForRejectedModule(Module(Section(13, 0x00)), Rejection));

    [Fact]
    public void Shared_memory_is_threads() =>
        Assert.Equal(UnsupportedFeature.Threads, UnsupportedFeature.ForRejectedModule(Module(Section(5, 0x01, 0x03, 0x01, 0x02)), Rejection));

    [Fact]
    public void Memory64_limits_are_memory64() =>
        Assert.Equal(UnsupportedFeature.Memory64, UnsupportedFeature.ForRejectedModule(Module(Section(5, 0x01, 0x04, 0x01)), Rejection));

    [Fact]
    public void Two_memories_are_multi_memory() =>
        Assert.Equal(UnsupportedFeature.MultiMemory, UnsupportedFeature.ForRejectedModule(Module(Section(5, 0x02, 0x00, 0x01, 0x00, 0x01)), Rejection));

    [Fact]
    public void V128_in_a_signature_is_simd() =>
        Assert.Equal(UnsupportedFeature.Simd, UnsupportedFeature.ForRejectedModule(Module(Section(1, 0x01, 0x60, 0x01, 0x7b, 0x00)), Rejection));

    [Fact]
    public void A_recursive_type_group_is_gc() =>
        Assert.Equal(UnsupportedFeature.Gc, UnsupportedFeature.ForRejectedModule(Module(Section(1, 0x01, 0x4e, 0x00)), Rejection));

    [Fact]
    public void Arithmetic_in_a_global_initialiser_is_extended_const() =>
        Assert.Equal(UnsupportedFeature.ExtendedConst,
            UnsupportedFeature.ForRejectedModule(Module(Section(6, 0x01, 0x7f, 0x00, 0x41, 0x01, 0x41, 0x02, 0x6a, 0x0b)), Rejection));

    [Fact]
    public void Arithmetic_in_a_data_offset_is_extended_const() =>
        Assert.Equal(UnsupportedFeature.ExtendedConst,
            UnsupportedFeature.ForRejectedModule(Module(Section(5, 0x01, 0x00, 0x01), Section(11, 0x01, 0x00, 0x41, 0x01, 0x41, 0x02, 0x6a, 0x0b, 0x00)), Rejection));

    [Fact]
    public void A_constant_expression_reading_a_defined_global_is_gc() =>
        Assert.Equal(UnsupportedFeature.Gc,
            UnsupportedFeature.ForRejectedModule(Module(Section(6, 0x02, 0x7f, 0x00, 0x41, 0x01, 0x0b, 0x7f, 0x00, 0x23, 0x00, 0x0b)), Rejection));

    [Fact]
    public void Reading_an_imported_global_is_ordinary()
    {
        // (import "m" "g" (global i32)) (global i32 (global.get 0))
        var module = Module(Section(2, 0x01, 0x01, 0x6d, 0x01, 0x67, 0x03, 0x7f, 0x00), Section(6, 0x01, 0x7f, 0x00, 0x23, 0x00, 0x0b));
        Assert.Null(UnsupportedFeature.ForRejectedModule(module, Rejection));
    }

    [Fact]
    public void The_validators_simd_rule_is_simd() =>
        Assert.Equal(UnsupportedFeature.Simd, UnsupportedFeature.ForRejectedModule(Header, new Replay.Wasm.Validation.WasmValidationException("SIMD support is not enabled", 30, 0, "v128")));

    [Theory]
    [InlineData("0xfd", UnsupportedFeature.Simd)]
    [InlineData("0xfe", UnsupportedFeature.Threads)]
    [InlineData("0x12", UnsupportedFeature.TailCalls)]
    [InlineData("0x13", UnsupportedFeature.TailCalls)]
    [InlineData("0x08", UnsupportedFeature.Exceptions)]
    [InlineData("0xd4", UnsupportedFeature.FunctionReferences)]
    [InlineData("0xfb", UnsupportedFeature.Gc)]
    public void Refused_opcodes_of_other_proposals(string opcode, string reason)
    {
        var body = Module(Section(1, 0x01, 0x60, 0x00, 0x00));
        Assert.Equal(reason, UnsupportedFeature.ForRejectedModule(body, new WasmDecodeException("illegal opcode", 20, 0, opcode)));
    }

    [Fact]
    public void Ordinary_rejections_are_not_skipped()
    {
        var plain = Module(Section(1, 0x01, 0x60, 0x00, 0x00), Section(5, 0x01, 0x00, 0x01));
        Assert.Null(UnsupportedFeature.ForRejectedModule(plain, Rejection));
        Assert.Null(UnsupportedFeature.ForRejectedModule(plain, new WasmDecodeException("illegal opcode", 20, 0, "0xff")));
        Assert.Null(UnsupportedFeature.ForRejectedModule(plain, new WasmDecodeException("illegal opcode", 20, 0, "0xfc 99")));
    }

    [Fact]
    public void Truncated_or_garbage_modules_yield_no_reason()
    {
        Assert.Null(UnsupportedFeature.ForRejectedModule([], Rejection));
        Assert.Null(UnsupportedFeature.ForRejectedModule(Header, Rejection));
        Assert.Null(UnsupportedFeature.ForRejectedModule([.. Header, 0x05, 0xff, 0xff, 0xff, 0xff, 0x0f], Rejection));
        Assert.Null(UnsupportedFeature.ForRejectedModule([.. Header, 0x05, 0x03, 0x01, 0x00], Rejection));
        var random = new Random(7);
        for (int i = 0; i < 2000; i++)
        {
            var bytes = new byte[random.Next(8, 64)];
            random.NextBytes(bytes);
            Header.CopyTo(bytes, 0);
            _ = UnsupportedFeature.ForRejectedModule(bytes, Rejection); // must not throw
        }
    }
}
