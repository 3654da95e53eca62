namespace Replay.Stellar.Json;

/// <summary>Input quoted in an error message is cut short, so a hostile megabyte string is not echoed back whole.</summary>
public static class TextPreview
{
    public const int MaxLength = 80;

    public static string Shorten(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= MaxLength ? text : string.Concat(text.AsSpan(0, MaxLength - 3), "...");
    }
}
