using System.Globalization;

namespace Replay.Wasm.Binary;

/// <summary>
/// Base of every error the front end (decoder and validator) reports. Catching this type is
/// enough to reject a module; nothing else escapes the front end for bad input.
/// </summary>
public abstract class WasmFrontEndException : Exception
{
    protected WasmFrontEndException(string rule, string? detail, long offset, int functionIndex)
        : base(Format(rule, detail, offset, functionIndex))
    {
        Rule = rule;
        Detail = detail;
        Offset = offset;
        FunctionIndex = functionIndex;
    }

    /// <summary>
    /// The rule broken, worded like the spec test suite's expected message where one exists
    /// ("type mismatch", "unexpected end", "integer too large"), so script assertions can match it.
    /// </summary>
    public string Rule { get; }

    /// <summary>Specifics beyond the rule (expected and actual types, the index at fault), or null.</summary>
    public string? Detail { get; }

    /// <summary>Byte offset in the module binary where the problem was found.</summary>
    public long Offset { get; }

    /// <summary>Index of the function (in the function index space) whose body is at fault, or -1.</summary>
    public int FunctionIndex { get; }

    private static string Format(string rule, string? detail, long offset, int functionIndex)
    {
        var where = functionIndex >= 0
            ? string.Create(CultureInfo.InvariantCulture, $"function {functionIndex}, offset 0x{offset:x}")
            : string.Create(CultureInfo.InvariantCulture, $"offset 0x{offset:x}");
        return detail is null ? $"{rule} ({where})" : $"{rule}: {detail} ({where})";
    }
}
