namespace Replay.Wasm.Types;

/// <summary>
/// A function signature. Instances are compared structurally: call_indirect's signature
/// check is structural equality of parameter and result lists.
/// </summary>
public sealed class FuncType : IEquatable<FuncType>
{
    private readonly ValType[] _params;
    private readonly ValType[] _results;

    public FuncType(ReadOnlySpan<ValType> parameters, ReadOnlySpan<ValType> results)
    {
        _params = parameters.ToArray();
        _results = results.ToArray();
    }

    public static FuncType Empty { get; } = new([], []);

    public ReadOnlySpan<ValType> Params => _params;
    public ReadOnlySpan<ValType> Results => _results;
    public int ParamCount => _params.Length;
    public int ResultCount => _results.Length;

    public bool Equals(FuncType? other) =>
        other is not null && (ReferenceEquals(this, other) ||
            (_params.AsSpan().SequenceEqual(other._params) && _results.AsSpan().SequenceEqual(other._results)));

    public override bool Equals(object? obj) => obj is FuncType f && Equals(f);

    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var p in _params) h.Add(p);
        h.Add(0xFF);
        foreach (var r in _results) h.Add(r);
        return h.ToHashCode();
    }

    public override string ToString() =>
        $"[{string.Join(" ", _params.Select(p => p.Name()))}] -> [{string.Join(" ", _results.Select(r => r.Name()))}]";
}
