using System.Globalization;
using System.Text;

namespace Replay.Replayer.Cli;

/// <summary>One XDR value of the input and where it came from ("line 3", "input"), for error messages.</summary>
internal readonly record struct XdrInputValue(byte[] Bytes, string Where);

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
        if (Directory.Exists(path))
            throw new UserError($"{path} is a directory, not a file");
        if (!File.Exists(path))
            throw new UserError($"no such file: {path}");
        try
        {
            using var file = File.OpenRead(path);
            return ReadBounded(file, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"cannot read {path}: {e.Message}");
        }
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
    /// The XDR values in the input. Input made only of base64 characters and whitespace is base64
    /// text, one value per non-empty line, and a line that does not decode is an error naming it
    /// (never a reason to read the text as raw bytes). Anything else is one raw value.
    /// </summary>
    public static List<XdrInputValue> Values(byte[] input)
    {
        if (!LooksLikeText(input))
            return [new XdrInputValue(input, "input")];
        var values = new List<XdrInputValue>();
        var lineNumber = 0;
        foreach (var line in Encoding.ASCII.GetString(input).Split('\n'))
        {
            lineNumber++;
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
                continue;
            var where = string.Create(CultureInfo.InvariantCulture, $"line {lineNumber}");
            var decoded = new byte[trimmed.Length];
            if (!Convert.TryFromBase64String(trimmed, decoded, out var written))
                throw new UserError($"{where} is not base64 (the input is base64 text, one value per line)");
            values.Add(new XdrInputValue(decoded[..written], where));
        }
        return values.Count > 0 ? values : [new XdrInputValue(input, "input")];
    }

    private static bool LooksLikeText(byte[] input)
    {
        if (input.Length == 0)
            return false;
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
