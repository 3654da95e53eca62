using Replay.Wasm.Runtime;
using Replay.Wasm.Types;

namespace Replay.Wasm.Tests.Runtime;

public sealed class LinearMemoryTests
{
    private const int Page = MemoryType.PageSize;

    private static LinearMemory Memory(uint min, uint? max = null, TestStore? store = null) =>
        new(store ?? new TestStore(), new MemoryType(new Limits(min, max)));

    [Fact]
    public void Grow_returns_the_old_size_and_keeps_contents()
    {
        var m = Memory(1, 3);
        m.Buffer[Page - 1] = 42;
        Assert.Equal(1, m.Grow(2));
        Assert.Equal(3u, m.Pages);
        Assert.Equal(3 * Page, m.Buffer.Length);
        Assert.Equal(42, m.Buffer[Page - 1]);
        Assert.Equal(0, m.Buffer[3 * Page - 1]);
    }

    [Fact]
    public void Grow_past_the_declared_maximum_fails_without_change()
    {
        var m = Memory(1, 2);
        Assert.Equal(-1, m.Grow(2));
        Assert.Equal(1u, m.Pages);
    }

    [Fact]
    public void Grow_past_four_GiB_fails_even_without_a_maximum()
    {
        var m = Memory(0);
        Assert.Equal(-1, m.Grow(65537));
        Assert.Equal(-1, m.Grow(uint.MaxValue));
        Assert.Equal(0u, m.Pages);
    }

    [Fact]
    public void Grow_by_zero_returns_the_size_without_asking_the_limiter()
    {
        var store = new TestStore();
        var limiter = new RecordingLimiter(GrowthDecision.Deny);
        store.Limiter = limiter;
        var m = Memory(2, null, store);
        Assert.Equal(2, m.Grow(0));
        Assert.Empty(limiter.MemoryRequests);
    }

    [Fact]
    public void The_limiter_sees_sizes_in_bytes_and_can_refuse_or_trap()
    {
        var store = new TestStore();
        var deny = new RecordingLimiter(GrowthDecision.Deny);
        store.Limiter = deny;
        var m = Memory(1, 4, store);
        Assert.Equal(-1, m.Grow(1));
        Assert.Equal((1UL * Page, 2UL * Page, (ulong?)(4UL * Page)), deny.MemoryRequests.Single());

        store.Limiter = new RecordingLimiter(GrowthDecision.Trap);
        var trap = Assert.Throws<TrapException>(() => m.Grow(1, null));
        Assert.Equal(TrapCode.GrowthOperationLimited, trap.Code);
        Assert.Equal(1u, m.Pages);
    }

    [Fact]
    public void Fuel_is_asked_after_limits_and_can_refuse_or_trap()
    {
        var m = Memory(1, 2);
        var refused = new ScriptedFuel(GrowthCharge.Refused);
        Assert.Equal(-1, m.Grow(5, refused));
        Assert.Empty(refused.Asked); // over the maximum: fuel never asked
        Assert.Equal(-1, m.Grow(1, refused));
        Assert.Equal(new ulong[] { Page }, refused.Asked);

        var outOfFuel = new ScriptedFuel(GrowthCharge.OutOfFuel);
        Assert.Equal(TrapCode.OutOfFuel, Assert.Throws<TrapException>(() => m.Grow(1, outOfFuel)).Code);
        Assert.Equal(1u, m.Pages);

        Assert.Equal(1, m.Grow(1, new ScriptedFuel(GrowthCharge.Charged)));
        Assert.Equal(2u, m.Pages);
    }

    [Theory]
    [InlineData(0u, 65536u, true)]
    [InlineData(65535u, 1u, true)]
    [InlineData(65536u, 0u, true)]
    [InlineData(65536u, 1u, false)]
    [InlineData(65535u, 2u, false)]
    [InlineData(uint.MaxValue, 2u, false)]
    [InlineData(1u, uint.MaxValue, false)]
    public void Fill_is_bounds_checked_as_a_whole(uint start, uint length, bool ok)
    {
        var m = Memory(1);
        if (ok)
        {
            m.Fill(start, 7, length);
            if (length > 0) Assert.Equal(7, m.Buffer[start + length - 1]);
        }
        else
        {
            Assert.Equal(TrapCode.MemoryOutOfBounds, Assert.Throws<TrapException>(() => m.Fill(start, 7, length)).Code);
            Assert.All(m.Buffer, b => Assert.Equal(0, b));
        }
    }

    [Fact]
    public void Copy_handles_overlap_in_both_directions()
    {
        var m = Memory(1);
        for (var i = 0; i < 8; i++) m.Buffer[i] = (byte)(i + 1);
        m.Copy(2, 0, 6);
        Assert.Equal(new byte[] { 1, 2, 1, 2, 3, 4, 5, 6 }, m.Buffer[..8]);
        m.Copy(0, 2, 6);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6, 5, 6 }, m.Buffer[..8]);
    }

    [Fact]
    public void Copy_and_init_check_both_ranges()
    {
        var m = Memory(1);
        Assert.Throws<TrapException>(() => m.Copy(0, Page - 1, 2));
        Assert.Throws<TrapException>(() => m.Copy(Page - 1, 0, 2));
        Assert.Throws<TrapException>(() => m.Init(0, new byte[4], 3, 2));
        m.Init(Page - 2, new byte[] { 9, 8, 7 }, 1, 2);
        Assert.Equal(new byte[] { 8, 7 }, m.Buffer[(Page - 2)..]);
        m.Init(Page, ReadOnlySpan<byte>.Empty, 0, 0); // zero length at the very end is fine
    }

    [Fact]
    public void A_memory_larger_than_this_implementation_allows_is_a_link_error() =>
        Assert.Throws<LinkException>(() => Memory(LinearMemory.ImplementationMaxPages + 1));
}
