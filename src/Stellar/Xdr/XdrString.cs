using System.Text;

namespace Replay.Stellar.Xdr;

/// <summary>
/// An XDR <c>string</c>. The protocol does not promise UTF-8 (memos and asset codes on pubnet
/// hold arbitrary bytes), so the bytes are kept exactly and text is only a view of them;
/// that is what makes re-encoding byte-identical.
/// </summary>
public readonly struct XdrString : IEquatable<XdrString>
{
    private readonly byte[]? _bytes;

    public XdrString(byte[] bytes) => _bytes = bytes ?? throw new ArgumentNullException(nameof(bytes));

    public XdrString(string text) => _bytes = Encoding.UTF8.GetBytes(text ?? throw new ArgumentNullException(nameof(text)));

    public static XdrString Empty => new([]);

    public ReadOnlySpan<byte> Bytes => _bytes;

    public int Length => _bytes?.Length ?? 0;

    public byte[] ToArray() => Bytes.ToArray();

    /// <summary>UTF-8 text (invalid sequences shown as U+FFFD).</summary>
    public override string ToString() => Encoding.UTF8.GetString(Bytes);

    public static implicit operator XdrString(string text) => new(text);

    public static XdrString FromString(string text) => new(text);

    public bool Equals(XdrString other) => Bytes.SequenceEqual(other.Bytes);

    public override bool Equals(object? obj) => obj is XdrString s && Equals(s);

    public override int GetHashCode()
    {
        var h = new HashCode();
        h.AddBytes(Bytes);
        return h.ToHashCode();
    }

    public static bool operator ==(XdrString left, XdrString right) => left.Equals(right);

    public static bool operator !=(XdrString left, XdrString right) => !left.Equals(right);
}
