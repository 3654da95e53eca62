using System.Security.Cryptography;
using System.Text;
using Replay.Stellar.Xdr;

namespace Replay.Stellar.Domain;

/// <summary>A Stellar network, identified by its passphrase; its id (SHA-256 of the passphrase) salts every transaction hash.</summary>
public sealed record Network(string Name, string Passphrase)
{
    public static Network Public { get; } = new("pubnet", "Public Global Stellar Network ; September 2015");

    public static Network Testnet { get; } = new("testnet", "Test SDF Network ; September 2015");

    public static Network Futurenet { get; } = new("futurenet", "Test SDF Future Network ; October 2022");

    public static Network Standalone { get; } = new("standalone", "Standalone Network ; February 2017");

    /// <summary>The passphrase stellar-core's own unit tests run under.</summary>
    public static Network CoreTests { get; } = new("core-tests", "(V) (;,,;) (V)");

    /// <summary>Networks tried, in this order, when a file does not say which network it is from.</summary>
    public static IReadOnlyList<Network> Known { get; } = [Public, Testnet, Futurenet, Standalone, CoreTests];

    public Hash Id { get; } = IdOf(Passphrase);

    public static Hash IdOf(string passphrase)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        return Hash.FromBytes(SHA256.HashData(Encoding.UTF8.GetBytes(passphrase)));
    }

    /// <summary>A network given only by passphrase: a known one if it matches, else a custom entry.</summary>
    public static Network FromPassphrase(string passphrase) =>
        Known.FirstOrDefault(n => string.Equals(n.Passphrase, passphrase, StringComparison.Ordinal))
        ?? new Network("custom", passphrase);
}
