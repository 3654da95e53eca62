using Replay.Wasm.Runtime;
using Replay.Wasm.Types;

namespace Replay.Wasm.Tests.Runtime;

public sealed class CallArgumentsTests
{
    private static readonly FuncType Type = new([ValType.I32, ValType.I64], [ValType.I32]);

    [Fact]
    public void A_well_typed_call_passes()
    {
        CallArguments.Check(Type, [Value.I32(1), Value.I64(2)], new Value[1]);
    }

    [Fact]
    public void Wrong_count_type_or_result_room_is_named()
    {
        var count = Assert.Throws<ArgumentException>(() => CallArguments.Check(Type, [Value.I32(1)], new Value[1]));
        Assert.Contains("takes 2 arguments, got 1", count.Message, StringComparison.Ordinal);
        var type = Assert.Throws<ArgumentException>(() => CallArguments.Check(Type, [Value.I32(1), Value.I32(2)], new Value[1]));
        Assert.Contains("argument 1", type.Message, StringComparison.Ordinal);
        var room = Assert.Throws<ArgumentException>(() => CallArguments.Check(Type, [Value.I32(1), Value.I64(2)], []));
        Assert.Contains("returns 1 results, room for 0", room.Message, StringComparison.Ordinal);
    }
}
