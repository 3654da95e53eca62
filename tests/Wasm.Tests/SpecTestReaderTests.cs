using System.Text;
using Replay.Wasm.Runtime;
using Replay.Wasm.SpecTest;
using Replay.Wasm.Types;

namespace Replay.Wasm.Tests;

/// <summary>Reading wast2json's JSON: every command kind, every value form, and clear errors for bad input.</summary>
public sealed class SpecTestReaderTests
{
    private static SpecScript Parse(string json) => SpecScriptReader.Parse("/scripts/t.json", Encoding.UTF8.GetBytes(json));

    private static SpecCommand One(string command) => Assert.Single(Parse($$"""{"source_filename": "t.wast", "commands": [{{command}}]}""").Commands);

    [Fact]
    public void Reads_module_and_register_commands()
    {
        var script = Parse("""
            {"source_filename": "t.wast", "commands": [
              {"type": "module", "line": 1, "name": "$M", "filename": "t.0.wasm"},
              {"type": "module", "line": 4, "filename": "t.1.wasm"},
              {"type": "register", "line": 5, "name": "$M", "as": "M"},
              {"type": "register", "line": 6, "as": "N"}]}
            """);
        Assert.Equal("t.wast", script.DisplayName);
        Assert.Equal(new ModuleCommand(1, "$M", "t.0.wasm"), script.Commands[0]);
        Assert.Equal(new ModuleCommand(4, null, "t.1.wasm"), script.Commands[1]);
        Assert.Equal(new RegisterCommand(5, "$M", "M"), script.Commands[2]);
        Assert.Equal(new RegisterCommand(6, null, "N"), script.Commands[3]);
    }

    [Fact]
    public void Reads_integer_values_as_unsigned_bit_patterns()
    {
        var c = Assert.IsType<AssertReturnCommand>(One("""
            {"type": "assert_return", "line": 12, "action": {"type": "invoke", "module": "$M", "field": "add",
             "args": [{"type": "i32", "value": "4294967295"}, {"type": "i64", "value": "18446744073709551615"}]},
             "expected": [{"type": "i32", "value": "2147483648"}, {"type": "i64", "value": "-1"}]}
            """));
        Assert.Equal(12, c.Line);
        Assert.Equal(SpecActionKind.Invoke, c.Action.Kind);
        Assert.Equal("$M", c.Action.Module);
        Assert.Equal("add", c.Action.Field);
        Assert.Equal(Value.I32(-1), c.Action.Arguments[0].Value);
        Assert.Equal(Value.I64(-1), c.Action.Arguments[1].Value);
        Assert.Equal(ExpectedValue.Exact(Value.I32(int.MinValue)), c.Expected[0]);
        Assert.Equal(ExpectedValue.Exact(Value.I64(-1)), c.Expected[1]);
    }

    [Fact]
    public void Reads_floats_as_bits_and_nan_patterns()
    {
        var c = Assert.IsType<AssertReturnCommand>(One("""
            {"type": "assert_return", "line": 3, "action": {"type": "invoke", "field": "f",
             "args": [{"type": "f32", "value": "2143289344"}, {"type": "f64", "value": "9223372036854775808"}]},
             "expected": [{"type": "f32", "value": "nan:canonical"}, {"type": "f64", "value": "nan:arithmetic"}, {"type": "f32", "value": "2147483648"}]}
            """));
        Assert.Equal(Value.F32Bits(0x7fc00000), c.Action.Arguments[0].Value);
        Assert.Equal(Value.F64Bits(0x8000000000000000), c.Action.Arguments[1].Value);
        Assert.Equal(ExpectedKind.CanonicalNan, c.Expected[0].Kind);
        Assert.Equal(ValType.F32, c.Expected[0].Type);
        Assert.Equal(ExpectedKind.ArithmeticNan, c.Expected[1].Kind);
        Assert.Equal(ValType.F64, c.Expected[1].Type);
        Assert.Equal(ExpectedValue.Exact(Value.F32Bits(0x80000000)), c.Expected[2]);
    }

    [Fact]
    public void Reads_references()
    {
        var c = Assert.IsType<AssertReturnCommand>(One("""
            {"type": "assert_return", "line": 3, "action": {"type": "invoke", "field": "r",
             "args": [{"type": "externref", "value": "5"}, {"type": "externref", "value": "null"}, {"type": "funcref", "value": "null"}]},
             "expected": [{"type": "externref", "value": "0"}]}
            """));
        Assert.Equal(Value.ExternRef(5), c.Action.Arguments[0].Value);
        Assert.Equal(Value.NullRef(ValType.ExternRef), c.Action.Arguments[1].Value);
        Assert.Equal(Value.NullRef(ValType.FuncRef), c.Action.Arguments[2].Value);
        Assert.Equal(ExpectedValue.Exact(Value.ExternRef(0)), c.Expected[0]);
        Assert.False(c.Expected[0].Matches(Value.NullRef(ValType.ExternRef)));
    }

    [Fact]
    public void Keeps_unsupported_types_for_skipping()
    {
        var c = Assert.IsType<AssertReturnCommand>(One("""
            {"type": "assert_return", "line": 18, "action": {"type": "invoke", "field": "v",
             "args": [{"type": "v128", "lane_type": "i32", "value": ["1", "2", "3", "4"]}]},
             "expected": [{"type": "v128", "lane_type": "f32", "value": ["0", "0", "0", "nan:canonical"]}]}
            """));
        Assert.False(c.Action.Arguments[0].IsSupported);
        Assert.Equal("v128", c.Action.Arguments[0].UnsupportedType);
        Assert.Equal(ExpectedKind.Unsupported, c.Expected[0].Kind);
        Assert.Equal(UnsupportedFeature.Simd, UnsupportedFeature.ForValueType("v128"));
        Assert.Equal(UnsupportedFeature.Gc, UnsupportedFeature.ForValueType("anyref"));
    }

    [Fact]
    public void An_action_without_values_expects_any_value_of_the_type()
    {
        var c = Assert.IsType<ActionCommand>(One("""
            {"type": "action", "line": 21, "action": {"type": "invoke", "field": "add", "args": []}, "expected": [{"type": "i32"}]}
            """));
        Assert.Equal("add", c.Action.Field);
        var get = Assert.IsType<AssertReturnCommand>(One("""
            {"type": "assert_return", "line": 20, "action": {"type": "get", "field": "g"}, "expected": [{"type": "i64"}]}
            """));
        Assert.Equal(SpecActionKind.Get, get.Action.Kind);
        Assert.Equal(ExpectedKind.AnyOfType, get.Expected[0].Kind);
        Assert.True(get.Expected[0].Matches(Value.I64(12345)));
        Assert.False(get.Expected[0].Matches(Value.I32(12345)));
    }

    [Fact]
    public void Reads_traps_and_module_assertions()
    {
        var script = Parse("""
            {"source_filename": "t.wast", "commands": [
              {"type": "assert_trap", "line": 22, "action": {"type": "invoke", "field": "u", "args": []}, "text": "unreachable", "expected": []},
              {"type": "assert_exhaustion", "line": 28, "action": {"type": "invoke", "field": "u", "args": []}, "text": "call stack exhausted", "expected": []},
              {"type": "assert_uninstantiable", "line": 23, "filename": "t.1.wasm", "text": "unreachable", "module_type": "binary"},
              {"type": "assert_invalid", "line": 24, "filename": "t.2.wasm", "text": "type mismatch", "module_type": "binary"},
              {"type": "assert_malformed", "line": 25, "filename": "t.3.wat", "text": "unexpected", "module_type": "text"},
              {"type": "assert_unlinkable", "line": 27, "filename": "t.5.wasm", "text": "unknown import", "module_type": "binary"}]}
            """);
        var trap = Assert.IsType<AssertTrapCommand>(script.Commands[0]);
        Assert.False(trap.Exhaustion);
        Assert.Equal("unreachable", trap.Text);
        Assert.Equal("assert_trap", trap.Kind);
        var exhaustion = Assert.IsType<AssertTrapCommand>(script.Commands[1]);
        Assert.True(exhaustion.Exhaustion);
        Assert.Equal("assert_exhaustion", exhaustion.Kind);
        Assert.Equal(new AssertModuleCommand(23, ModuleAssertion.Uninstantiable, "t.1.wasm", "unreachable", false), script.Commands[2]);
        Assert.Equal(new AssertModuleCommand(24, ModuleAssertion.Invalid, "t.2.wasm", "type mismatch", false), script.Commands[3]);
        Assert.Equal(new AssertModuleCommand(25, ModuleAssertion.Malformed, "t.3.wat", "unexpected", true), script.Commands[4]);
        Assert.Equal(new AssertModuleCommand(27, ModuleAssertion.Unlinkable, "t.5.wasm", "unknown import", false), script.Commands[5]);
    }

    [Fact]
    public void Repairs_the_missing_comma_wabt_writes_between_expected_types()
    {
        var c = Assert.IsType<AssertTrapCommand>(One("""
            {"type": "assert_trap", "line": 84, "action": {"type": "invoke", "field": "multi", "args": []},
             "text": "indirect call type mismatch", "expected": [{"type": "i32"}{"type": "i64"}]}
            """));
        Assert.Equal(84, c.Line);
        Assert.Null(SpecScriptReader.RepairMissingCommas("""{"text": "a}{b"}"""u8));
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[]", "\"commands\" array")]
    [InlineData("""{"commands": [{"type": "frobnicate", "line": 7}]}""", "line 7: unknown command type \"frobnicate\"")]
    [InlineData("""{"commands": [{"type": "module", "line": 2}]}""", "line 2: missing string \"filename\"")]
    [InlineData("""{"commands": [{"type": "assert_return", "line": 3, "action": {"type": "invoke", "field": "f", "args": [{"type": "i32", "value": "4294967296"}]}}]}""", "does not fit in 32 bits")]
    [InlineData("""{"commands": [{"type": "assert_return", "line": 3, "action": {"type": "invoke", "field": "f", "args": [{"type": "i64", "value": "12x"}]}}]}""", "is not a number")]
    [InlineData("""{"commands": [{"type": "assert_return", "line": 3, "action": {"type": "invoke", "field": "f", "args": [{"type": "i8", "value": "1"}]}}]}""", "unknown value type \"i8\"")]
    [InlineData("""{"commands": [{"type": "assert_return", "line": 3, "action": {"type": "invoke", "field": "f", "args": [{"type": "funcref", "value": "3"}]}}]}""", "neither null nor a host reference")]
    [InlineData("""{"commands": [{"type": "assert_return", "line": 3, "action": {"type": "call", "field": "f"}}]}""", "unknown action type \"call\"")]
    [InlineData("""{"commands": [{"type": "assert_invalid", "line": 3, "filename": "a.wasm", "text": "x", "module_type": "quote"}]}""", "unknown module_type")]
    public void Bad_scripts_fail_with_the_file_and_line(string json, string message)
    {
        var e = Assert.Throws<SpecScriptFormatException>(() => Parse(json));
        Assert.Contains("/scripts/t.json", e.Message, StringComparison.Ordinal);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Module_file_names_must_stay_beside_the_script()
    {
        var script = Parse("""{"commands": []}""");
        Assert.Throws<SpecScriptFormatException>(() => script.ReadModule("../secret.wasm"));
        Assert.Throws<SpecScriptFormatException>(() => script.ReadModule("/etc/passwd"));
        Assert.Throws<SpecScriptFormatException>(() => script.ReadModule(""));
        Assert.Throws<SpecScriptFormatException>(() => script.ReadModule("sub/x.wasm"));
        Assert.Throws<SpecScriptFormatException>(() => script.ReadModule(".."));
    }

    [Fact]
    public void A_missing_file_is_reported_by_name()
    {
        var e = Assert.Throws<SpecScriptFormatException>(() => SpecScriptReader.ReadFile("/nonexistent/x.json"));
        Assert.Contains("/nonexistent/x.json: file not found", e.Message, StringComparison.Ordinal);
    }
}
