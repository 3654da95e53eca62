using Replay.Wasm.Runtime;

namespace Replay.Wasm.SpecTest;

/// <summary>
/// The one place that decides whether an error satisfies a script's expected text.
/// Traps are compared by code: a trap whose <see cref="TrapCode.SpecMessage"/> differs from the
/// expected text only by a known synonym is the same trap. Front-end and link errors are compared
/// by text only to count mismatches (the rejection itself is what passes the assertion).
/// </summary>
public static class SpecMessages
{
    /// <summary>
    /// Texts that name the same trap as some <see cref="TrapCode"/> under other wording, each with
    /// the code it means. The spec's suite says "undefined element" for a call_indirect index past
    /// the table's end (an out-of-bounds table access, as Wasmi classifies it) and "uninitialized
    /// element" for a null entry; wabt and older suites use the variants listed.
    /// </summary>
    public static IReadOnlyList<(string Text, TrapCode Code)> TrapSynonyms { get; } =
    [
        ("undefined element", TrapCode.TableOutOfBounds),
        ("out of bounds table access", TrapCode.TableOutOfBounds),
        ("uninitialized element", TrapCode.IndirectCallToNull),
        ("indirect call to null", TrapCode.IndirectCallToNull),
        ("unreachable", TrapCode.UnreachableCodeReached),
        ("out of bounds memory access", TrapCode.MemoryOutOfBounds),
        ("memory access out of bounds", TrapCode.MemoryOutOfBounds),
        ("integer divide by zero", TrapCode.IntegerDivisionByZero),
        ("integer overflow", TrapCode.IntegerOverflow),
        ("invalid conversion to integer", TrapCode.BadConversionToInteger),
        ("indirect call type mismatch", TrapCode.BadSignature),
        ("indirect call signature mismatch", TrapCode.BadSignature),
        ("call stack exhausted", TrapCode.StackOverflow),
        ("stack overflow", TrapCode.StackOverflow),
    ];

    /// <summary>The trap codes an expected text may be satisfied by (empty when the text names no trap we know).</summary>
    public static IEnumerable<TrapCode> TrapCodesFor(string expectedText)
    {
        ArgumentNullException.ThrowIfNull(expectedText);
        foreach (var code in Enum.GetValues<TrapCode>())
        {
            if (expectedText.StartsWith(code.SpecMessage(), StringComparison.Ordinal))
                yield return code;
        }
        foreach (var (text, code) in TrapSynonyms)
        {
            if (expectedText.StartsWith(text, StringComparison.Ordinal))
                yield return code;
        }
    }

    /// <summary>Whether a trap of <paramref name="actual"/> satisfies an assertion expecting <paramref name="expectedText"/>.</summary>
    public static bool TrapMatches(string expectedText, TrapCode actual) => TrapCodesFor(expectedText).Contains(actual);

    /// <summary>
    /// Whether a rejection message says what the script expected. The suite's texts are
    /// prefixes of the reference interpreter's messages, so our message (or its rule) must
    /// start with the expected text.
    /// </summary>
    public static bool RejectionMatches(string expectedText, string? rule, string message)
    {
        ArgumentNullException.ThrowIfNull(expectedText);
        ArgumentNullException.ThrowIfNull(message);
        if ((rule is not null && rule.StartsWith(expectedText, StringComparison.Ordinal)) || message.StartsWith(expectedText, StringComparison.Ordinal))
            return true;
        // The suite often appends the index or opcode at fault ("unknown memory 1", "illegal opcode ff");
        // our messages carry it in the detail instead, so the rule alone must match the words before it.
        int space = expectedText.LastIndexOf(' ');
        return rule is not null && space > 0 && IsNumber(expectedText.AsSpan(space + 1))
            && string.Equals(rule, expectedText[..space], StringComparison.Ordinal);
    }

    private static bool IsNumber(ReadOnlySpan<char> token)
    {
        if (token.IsEmpty)
            return false;
        foreach (char c in token)
        {
            if (!char.IsAsciiHexDigit(c))
                return false;
        }
        return true;
    }
}
