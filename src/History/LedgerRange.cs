using System.Globalization;

namespace Replay.History;

/// <summary>
/// An inclusive range of ledger sequence numbers; <see cref="Last"/> is null for a range
/// that is still open (a nightly job that follows the network).
/// </summary>
public readonly record struct LedgerRange
{
    public LedgerRange(uint first, uint? last)
    {
        if (last is { } l && l < first)
            throw new ArgumentOutOfRangeException(nameof(last), $"ledger range ends ({l}) before it starts ({first})");
        First = first;
        Last = last;
    }

    public uint First { get; }
    public uint? Last { get; }

    public bool Contains(uint ledger) => ledger >= First && (Last is not { } l || ledger <= l);

    /// <summary>Parses "A-B", "A-" (open) or "A" (one ledger).</summary>
    public static LedgerRange Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            var one = ParseLedger(text, text);
            return new LedgerRange(one, one);
        }
        var first = ParseLedger(text[..dash], text);
        var rest = text[(dash + 1)..];
        return new LedgerRange(first, rest.Length == 0 ? null : ParseLedger(rest, text));
    }

    private static uint ParseLedger(string part, string whole) =>
        uint.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new FormatException($"'{whole}' is not a ledger range (expected A-B, A- or A with ledger numbers)");

    public override string ToString() => Last is { } l
        ? (l == First ? First.ToString(CultureInfo.InvariantCulture) : $"{First.ToString(CultureInfo.InvariantCulture)}-{l.ToString(CultureInfo.InvariantCulture)}")
        : $"{First.ToString(CultureInfo.InvariantCulture)}-";
}
