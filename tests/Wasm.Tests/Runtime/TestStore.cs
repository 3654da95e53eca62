using Replay.Wasm.Runtime;
using Replay.Wasm.Types;

namespace Replay.Wasm.Tests.Runtime;

/// <summary>
/// A store with no interpreter behind it, to test the shared runtime objects on their own:
/// "defined functions" are host callbacks supplied by the test.
/// </summary>
internal sealed class TestStore(EngineConfig? config = null) : StoreBase(new TestEngine(config ?? new EngineConfig()), null)
{
    public override IInstance Instantiate(ICompiledModule module, IImportResolver imports) =>
        throw new NotSupportedException("tests call Instantiator directly");

    private sealed class TestEngine(EngineConfig config) : IEngine
    {
        public EngineIdentity Identity { get; } = new("test", "0", "runtime tests");
        public EngineConfig Config { get; } = config;
        public ICompiledModule Compile(ReadOnlyMemory<byte> wasm) => throw new NotSupportedException();
        public IStore CreateStore(object? hostState = null) => throw new NotSupportedException();
    }
}

internal sealed class TestFunction(StoreBase store, FuncType type, HostFunc callback) : IFunction
{
    public ExternKind Kind => ExternKind.Func;
    public FuncType Type { get; } = type;
    public StoreBase Store { get; } = store;
    public int Calls { get; private set; }

    public void Call(ReadOnlySpan<Value> arguments, Span<Value> results)
    {
        Calls++;
        callback(null!, arguments, results);
    }
}

/// <summary>A limiter that records what it was asked and answers as told.</summary>
internal sealed class RecordingLimiter(GrowthDecision answer) : IResourceLimiter
{
    public List<(ulong Current, ulong Desired, ulong? Maximum)> MemoryRequests { get; } = [];
    public List<(uint Current, uint Desired, uint? Maximum)> TableRequests { get; } = [];

    public GrowthDecision MemoryGrowing(ulong currentBytes, ulong desiredBytes, ulong? maximumBytes)
    {
        MemoryRequests.Add((currentBytes, desiredBytes, maximumBytes));
        return answer;
    }

    public GrowthDecision TableGrowing(uint currentElements, uint desiredElements, uint? maximumElements)
    {
        TableRequests.Add((currentElements, desiredElements, maximumElements));
        return answer;
    }
}

/// <summary>Fuel that answers as told and records the amounts it was asked for.</summary>
internal sealed class ScriptedFuel(GrowthCharge answer) : IGrowthFuel
{
    public List<ulong> Asked { get; } = [];

    public GrowthCharge ChargeMemoryGrowth(ulong additionalBytes)
    {
        Asked.Add(additionalBytes);
        return answer;
    }

    public GrowthCharge ChargeTableGrowth(uint additionalElements)
    {
        Asked.Add(additionalElements);
        return answer;
    }
}
