using Replay.Stellar.Xdr;

namespace Replay.Stellar.Tests;

/// <summary>Valid ledgers made in the test, so reader tests and the fuzzer run without ../shared.</summary>
internal static class SyntheticLedgers
{
    /// <summary>The smallest LedgerCloseMeta: version 0, every field zero, no transactions.</summary>
    public static byte[] Empty { get; } = Enumerable.Range(1, 1024).Select(words => new byte[4 * words]).First(Decodes);

    /// <summary>The empty ledger with one SCP entry of <paramref name="count"/> quorum sets, each nesting <paramref name="depth"/> deep.</summary>
    public static byte[] WithQuorumSets(int count, int depth = 1, uint sequence = 0)
    {
        var meta = (LedgerCloseMeta.V0)XdrCodec.Decode<LedgerCloseMeta>(Empty);
        meta.Value.LedgerHeader.Header.LedgerSeq = sequence;
        meta.Value.ScpInfo =
        [
            new SCPHistoryEntry.V0(new SCPHistoryEntryV0
            {
                QuorumSets = [.. Enumerable.Range(0, count).Select(_ => Nested(depth))],
                LedgerMessages = new LedgerSCPMessages { LedgerSeq = sequence, Messages = [] },
            }),
        ];
        return meta.ToXdr();
    }

    private static SCPQuorumSet Nested(int depth) => new()
    {
        Threshold = (uint)depth,
        Validators = [],
        InnerSets = depth > 1 ? [Nested(depth - 1)] : [],
    };

    private static bool Decodes(byte[] candidate)
    {
        try
        {
            XdrCodec.Decode<LedgerCloseMeta>(candidate);
            return true;
        }
        catch (XdrException)
        {
            return false;
        }
    }
}
