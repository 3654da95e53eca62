namespace Replay.Tools.XdrGen;

/// <summary>
/// A fixed-length opaque (Hash, uint256, AssetCode4...) becomes an inline-array value type: no
/// heap allocation per hash, value equality, and usable as a span from a local.
/// </summary>
public static class FixedOpaqueEmitter
{
    public static void Emit(CodeWriter w, string name, int size, string? xdrName, string? source, string? file)
    {
        w.Doc(xdrName is null ? $"Fixed-length opaque of {size} bytes." : $"XDR typedef {xdrName} ({file}).", source);
        w.Line($"[System.Runtime.CompilerServices.InlineArray(Length)]");
        w.Open($"public struct {name} : IEquatable<{name}>");
        w.Line($"public const int Length = {size};");
        w.Line();
        w.Line("private byte _element0;");
        w.Line();
        w.Open($"public static {name} FromBytes(ReadOnlySpan<byte> bytes)");
        w.Line("if (bytes.Length != Length)");
        w.Line($"    throw new ArgumentException($\"{name} needs {{Length}} bytes, got {{bytes.Length}}\", nameof(bytes));");
        w.Line($"var value = default({name});");
        w.Line("bytes.CopyTo(value);");
        w.Line("return value;");
        w.Close();
        w.Line();
        w.Open($"public static {name} Decode(ref XdrReader r)");
        w.Line($"var value = default({name});");
        w.Line("r.ReadFixed(value);");
        w.Line("return value;");
        w.Close();
        w.Line();
        w.Open("public readonly void Encode(ref XdrWriter w)");
        w.Line("var copy = this;");
        w.Line("w.WriteFixed(copy);");
        w.Close();
        w.Line();
        w.Open("public readonly byte[] ToArray()");
        w.Line("var copy = this;");
        w.Line("return ((ReadOnlySpan<byte>)copy).ToArray();");
        w.Close();
        w.Line();
        w.Open("public readonly void CopyTo(Span<byte> destination)");
        w.Line("var copy = this;");
        w.Line("((ReadOnlySpan<byte>)copy).CopyTo(destination);");
        w.Close();
        w.Line();
        w.Open($"public readonly bool Equals({name} other)");
        w.Line("var a = this;");
        w.Line("return ((ReadOnlySpan<byte>)a).SequenceEqual(other);");
        w.Close();
        w.Line();
        w.Line($"public override readonly bool Equals(object? obj) => obj is {name} other && Equals(other);");
        w.Line();
        w.Open("public override readonly int GetHashCode()");
        w.Line("var copy = this;");
        w.Line("var h = new HashCode();");
        w.Line("h.AddBytes(copy);");
        w.Line("return h.ToHashCode();");
        w.Close();
        w.Line();
        w.Line("/// <summary>Lower-case hex, as the Stellar tools print hashes.</summary>");
        w.Open("public override readonly string ToString()");
        w.Line("var copy = this;");
        w.Line("return Convert.ToHexStringLower(copy);");
        w.Close();
        w.Line();
        w.Line($"public static bool operator ==({name} left, {name} right) => left.Equals(right);");
        w.Line();
        w.Line($"public static bool operator !=({name} left, {name} right) => !left.Equals(right);");
        w.Close();
    }
}
