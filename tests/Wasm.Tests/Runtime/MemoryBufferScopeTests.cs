using Replay.Wasm.Runtime;
using Replay.Wasm.Types;

namespace Replay.Wasm.Tests.Runtime;

public sealed class MemoryBufferScopeTests
{
    private const int Page = MemoryType.PageSize;

    private static LinearMemory Memory(uint min, uint? max = null) => new(new TestStore(), new MemoryType(new Limits(min, max)));

    [Fact]
    public void A_buffer_of_an_ended_scope_is_reused_by_the_next_run_and_starts_zeroed()
    {
        byte[] first;
        using (MemoryBufferScope.Open())
        {
            var m = Memory(2);
            first = m.Buffer;
            m.Buffer.AsSpan().Fill(0xAB);
        }
        using (MemoryBufferScope.Open())
        {
            var again = Memory(2);
            Assert.Same(first, again.Buffer);
            Assert.Equal(2 * Page, again.Buffer.Length);
            Assert.True(again.Buffer.AsSpan().IndexOfAnyExcept((byte)0) < 0, "a reused buffer must be all zero");
            // Another memory of the run gets another buffer, never the one in use.
            var other = Memory(2);
            Assert.NotSame(again.Buffer, other.Buffer);
        }
    }

    [Fact]
    public void Buffers_are_reused_only_at_their_exact_length_and_growth_keeps_contents()
    {
        byte[] grownFrom, grownTo;
        using (MemoryBufferScope.Open())
        {
            var m = Memory(1, 4);
            grownFrom = m.Buffer;
            m.Buffer[Page - 1] = 7;
            Assert.Equal(1, m.Grow(1));
            grownTo = m.Buffer;
            Assert.Equal(7, m.Buffer[Page - 1]);
            Assert.Equal(0, m.Buffer[2 * Page - 1]);
        }
        using (MemoryBufferScope.Open())
        {
            var three = Memory(3);
            Assert.NotSame(grownFrom, three.Buffer);
            Assert.NotSame(grownTo, three.Buffer);
            var two = Memory(2);
            Assert.Same(grownTo, two.Buffer);
            Assert.Equal(0, two.Buffer[Page - 1]);
            var one = Memory(1);
            Assert.Same(grownFrom, one.Buffer);
            Assert.Equal(0, one.Buffer[Page - 1]);
        }
    }

    [Fact]
    public void Outside_a_scope_every_memory_gets_a_new_array()
    {
        byte[] inScope;
        using (MemoryBufferScope.Open())
            inScope = Memory(1).Buffer;
        Assert.NotSame(inScope, Memory(1).Buffer);
        Assert.NotSame(Memory(1).Buffer, Memory(1).Buffer);
    }

    [Fact]
    public void A_nested_scope_gives_back_its_own_buffers_at_its_end_and_not_the_outer_ones()
    {
        using var outer = MemoryBufferScope.Open();
        var kept = Memory(1);
        byte[] inner;
        using (MemoryBufferScope.Open())
            inner = Memory(1).Buffer;
        var next = Memory(1);
        Assert.Same(inner, next.Buffer);
        Assert.NotSame(kept.Buffer, next.Buffer);
    }

    [Fact]
    public void A_scope_must_end_on_its_own_thread_innermost_first()
    {
        var outer = MemoryBufferScope.Open();
        var inner = MemoryBufferScope.Open();
        var e = Assert.Throws<InvalidOperationException>(outer.Dispose);
        Assert.Contains("innermost first", e.Message, StringComparison.Ordinal);
        inner.Dispose();
        Exception? elsewhere = null;
        var thread = new Thread(() => elsewhere = Record.Exception(outer.Dispose));
        thread.Start();
        thread.Join();
        Assert.IsType<InvalidOperationException>(elsewhere);
        outer.Dispose();
    }
}
