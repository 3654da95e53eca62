using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Replay.Tests.Common;

/// <summary>The contracts uploaded in ../shared's recorded stellar-core test networks.</summary>
public static class CorpusContracts
{
    /// <summary>
    /// Every distinct Wasm module inside the core-tests XDR streams, by the first 16 hex digits
    /// of its SHA-256. Found without an XDR decoder: a module is carried as variable-length
    /// opaque, so its 4-byte big-endian length sits just before the magic.
    /// </summary>
    public static Dictionary<string, byte[]> Extract()
    {
        byte[] magic = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00];
        var found = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(SharedData.PathOf("corpus", "core-tests"), "*.xdr").Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(file);
            for (int at = bytes.AsSpan().IndexOf(magic); at >= 4; )
            {
                uint length = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at - 4));
                if (length <= (uint)(bytes.Length - at))
                {
                    var module = bytes.AsSpan(at, (int)length).ToArray();
                    found.TryAdd(Convert.ToHexString(SHA256.HashData(module))[..16], module);
                }
                int next = bytes.AsSpan(at + 1).IndexOf(magic);
                at = next < 0 ? -1 : at + 1 + next;
            }
        }
        return found;
    }
}
