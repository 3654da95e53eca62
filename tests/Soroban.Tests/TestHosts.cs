using Replay.Soroban.Budget;
using Replay.Soroban.Host;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;

namespace Replay.Soroban.Tests;

/// <summary>Hosts and small helpers the tests share.</summary>
internal static class TestHosts
{
    /// <summary>A protocol-22 host with the reference's v22 default budget (as its tests use).</summary>
    public static Host.Host Default(int protocol = 22) => new(protocol, Budget.Budget.HostDefaultV22());

    public static Val U32(uint u) => Val.FromU32(u);

    public static Val VecOfU32(this Host.Host h, params uint[] items) =>
        h.ToHostVal(new SCVal.Vec(items.Select(i => (SCVal)new SCVal.U32(i)).ToArray()));

    public static HostError Fails(Action action)
    {
        var e = Assert.Throws<HostError>(action);
        return e;
    }

    public static void AssertError(HostError e, SCErrorType type, SCErrorCode code)
    {
        Assert.Equal(type, e.Type);
        Assert.Equal(code, e.Code);
    }

    public static void Throws(SCErrorType type, SCErrorCode code, Action action) => AssertError(Fails(action), type, code);
}

/// <summary>A guest linear memory over a byte array (what the VM layer will provide).</summary>
internal sealed class ArrayMemory(int size) : IGuestMemory
{
    public byte[] Bytes { get; } = new byte[size];

    public ulong Size => (ulong)Bytes.Length;

    public void Read(ulong address, Span<byte> destination) => Bytes.AsSpan((int)address, destination.Length).CopyTo(destination);

    public void Write(ulong address, ReadOnlySpan<byte> source) => source.CopyTo(Bytes.AsSpan((int)address));
}
