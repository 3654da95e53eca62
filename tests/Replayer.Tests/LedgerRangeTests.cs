using Replay.History;

namespace Replay.Replayer.Tests;

public sealed class LedgerRangeTests
{
    [Theory]
    [InlineData("53312000-53312063", 53312000u, 53312063u)]
    [InlineData("7", 7u, 7u)]
    [InlineData("7-", 7u, null)]
    public void Parses_closed_single_and_open_ranges(string text, uint first, uint? last)
    {
        var range = LedgerRange.Parse(text);
        Assert.Equal(first, range.First);
        Assert.Equal(last, range.Last);
        Assert.Equal(text, range.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("a-b")]
    [InlineData("-5")]
    [InlineData("1-2-3")]
    [InlineData("99999999999")]
    public void Rejects_what_is_not_a_range(string text) =>
        Assert.Throws<FormatException>(() => LedgerRange.Parse(text));

    [Fact]
    public void Rejects_a_range_that_ends_before_it_starts() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LedgerRange.Parse("10-9"));

    [Fact]
    public void Contains_respects_open_ends()
    {
        Assert.True(new LedgerRange(5, null).Contains(uint.MaxValue));
        Assert.False(new LedgerRange(5, 6).Contains(7));
        Assert.False(new LedgerRange(5, 6).Contains(4));
    }
}
