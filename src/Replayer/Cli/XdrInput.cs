using System.Text;

namespace Replay.Replayer.Cli;

/// <summary>Reads the FILE|- argument of the xdr commands and tells base64 text from raw XDR bytes.</summary>
internal static class XdrInput
{
    /// <summary>Bounds what the commands read, so a mistaken path (a device, a huge archive) fails clearly.</summary>
    private const long MaxInputBytes = 256L * 1024 * 1024;

    public static byte[] ReadAll(string? path)
    {
        if (path is null or "-")
        {
            using var stdin = Console.OpenStandardInput();
            return ReadBounded(stdin, "standard input");
        }
        if (!File.Exists(path))
            throw new UserError($"no such file: {path}");
        using var file = File.OpenRead(path);
        return ReadBounded(file, path);
    }

    private static byte[] ReadBounded(Stream stream, string what)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + n > MaxInputBytes)
                throw new UserError($"{what} is larger than {MaxInputBytes} bytes");
            buffer.Write(chunk, 0, n);
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// The XDR values in the input: each non-empty line decoded if the whole input is base64 text,
    /// otherwise the input itself as one raw value.
    /// </summary>
    public static List<byte[]> Values(byte[] input)
    {
        var lines = new List<byte[]>();
        if (LooksLikeText(input))
        {
            foreach (var line in Encoding.ASCII.GetString(input).Split('\n'))
            {
                var trimmed = line.Trim();
                if (trimmed.Length == 0)
                    continue;
                var decoded = new byte[trimmed.Length];
                if (!Convert.TryFromBase64String(trimmed, decoded, out var written))
                    return [input];
                lines.Add(decoded[..written]);
            }
            if (lines.Count > 0)
                return lines;
        }
        return [input];
    }

    private static bool LooksLikeText(byte[] input)
    {
        foreach (var b in input)
        {
            var ok = b is (byte)'+' or (byte)'/' or (byte)'=' or (byte)'\n' or (byte)'\r' or (byte)' ' or (byte)'\t'
                || (b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z');
            if (!ok)
                return false;
        }
        return true;
    }
}
