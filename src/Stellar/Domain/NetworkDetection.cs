using Replay.Stellar.Xdr;

namespace Replay.Stellar.Domain;

/// <summary>
/// Which known network a ledger belongs to, found the only way a ledger says it: the network id
/// salts every transaction hash, so the right passphrase makes an envelope hash to one of the
/// ledger's result hashes.
/// </summary>
public static class NetworkDetection
{
    /// <summary>The known network whose id makes the first envelope hash to a result, or null (also for a ledger without transactions).</summary>
    public static Network? Detect(IReadOnlyList<TransactionEnvelope> envelopes, IReadOnlySet<Hash> resultHashes)
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        ArgumentNullException.ThrowIfNull(resultHashes);
        if (envelopes.Count == 0)
            return null;
        foreach (var candidate in Network.Known)
        {
            if (resultHashes.Contains(TransactionHash.Of(envelopes[0], candidate.Id)))
                return candidate;
        }
        return null;
    }

    public static Network? Detect(LedgerCloseMeta ledger) =>
        Detect(LedgerTransactions.EnvelopesOf(ledger), new HashSet<Hash>(LedgerTransactions.ResultHashesOf(ledger)));
}
