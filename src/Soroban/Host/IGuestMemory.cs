namespace Replay.Soroban.Host;

/// <summary>
/// A guest's linear memory, implemented by the VM layer. The host reads and writes through it
/// for the *_linear_memory host functions; the host itself checks bounds and charges the budget
/// (fact: host/mem_helper.rs), so implementations only copy bytes.
/// </summary>
public interface IGuestMemory
{
    /// <summary>Current size of the memory in bytes.</summary>
    ulong Size { get; }

    /// <summary>Copies <paramref name="destination"/>.Length bytes from <paramref name="address"/>; the range is in bounds.</summary>
    void Read(ulong address, Span<byte> destination);

    /// <summary>Copies <paramref name="source"/> to <paramref name="address"/>; the range is in bounds.</summary>
    void Write(ulong address, ReadOnlySpan<byte> source);
}
