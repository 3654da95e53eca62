namespace Replay.Wasm.Runtime;

/// <summary>
/// Reuses linear-memory buffers from one run to the next on the same thread. A Soroban contract
/// instance's memory is usually 1 MiB or more and lives for one invocation: allocated fresh each
/// time, these buffers are most of what a replay allocates (about 3 MB per case, both engines),
/// and the collections they cause cost more than the interpreters. Inside a scope, every buffer a
/// <see cref="LinearMemory"/> allocates (at creation and at growth) is taken from this thread's
/// free buffers of that exact length when there is one, cleared to zero, and given back when the
/// scope ends. Nothing may keep a memory of the scope after it ends; outside any scope buffers
/// are plain new arrays.
/// </summary>
public sealed class MemoryBufferScope : IDisposable
{
    /// <summary>Free buffers kept per thread, in bytes; more are left to the collector.</summary>
    public const long MaxFreeBytesPerThread = 64L << 20;

    [ThreadStatic] private static MemoryBufferScope? t_current;
    [ThreadStatic] private static Dictionary<int, Stack<byte[]>>? t_free;
    [ThreadStatic] private static long t_freeBytes;

    private readonly MemoryBufferScope? _outer;
    private readonly int _threadId;
    private List<byte[]>? _taken;
    private bool _disposed;

    private MemoryBufferScope()
    {
        _outer = t_current;
        _threadId = Environment.CurrentManagedThreadId;
        t_current = this;
    }

    /// <summary>Opens a scope on this thread; dispose it on the same thread, after the run whose memories it serves.</summary>
    public static MemoryBufferScope Open() => new();

    /// <summary>A zeroed buffer of <paramref name="length"/> bytes: a reused one inside a scope, else a new array.</summary>
    internal static byte[] Allocate(int length)
    {
        var scope = t_current;
        if (scope is null || length == 0)
            return new byte[length];
        byte[] buffer;
        if (t_free is { } free && free.TryGetValue(length, out var stack) && stack.TryPop(out var reused))
        {
            t_freeBytes -= length;
            Array.Clear(reused);
            buffer = reused;
        }
        else
        {
            buffer = new byte[length];
        }
        (scope._taken ??= []).Add(buffer);
        return buffer;
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        if (Environment.CurrentManagedThreadId != _threadId || !ReferenceEquals(t_current, this))
            throw new InvalidOperationException("a memory buffer scope must end on its thread, innermost first");
        _disposed = true;
        t_current = _outer;
        if (_taken is null)
            return;
        var free = t_free ??= [];
        foreach (var buffer in _taken)
        {
            if (t_freeBytes + buffer.Length > MaxFreeBytesPerThread)
                continue;
            if (!free.TryGetValue(buffer.Length, out var stack))
                free[buffer.Length] = stack = new Stack<byte[]>();
            stack.Push(buffer);
            t_freeBytes += buffer.Length;
        }
        _taken = null;
    }
}
