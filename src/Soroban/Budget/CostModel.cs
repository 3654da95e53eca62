namespace Replay.Soroban.Budget;

/// <summary>
/// One dimension's cost of one cost type: <c>const × iterations + ((linear × input × iterations) &gt;&gt; 7)</c>,
/// every step saturating (fact: budget/model.rs, MeteredCostComponent::evaluate; the linear
/// term is scaled by 2^7 and unscaled after multiplying).
/// </summary>
public readonly record struct CostModel(ulong ConstTerm, ulong LinearTerm)
{
    public const int LinearScaleBits = 7;

    public ulong Evaluate(ulong iterations, ulong? input)
    {
        var constPart = SatMul(ConstTerm, iterations);
        if (input is not { } x || LinearTerm == 0)
            return constPart;
        var lin = SatMul(SatMul(LinearTerm, x), iterations) >> LinearScaleBits;
        return SatAdd(constPart, lin);
    }

    /// <summary>
    /// The host linked for protocols 20 and 21 evaluates one iteration (the linear term unscaled
    /// per iteration) and multiplies the result by <paramref name="iterations"/>, which rounds
    /// differently from <see cref="Evaluate"/> when the linear part has a fraction.
    /// </summary>
    public ulong EvaluatePerIteration(ulong iterations, ulong? input) => SatMul(Evaluate(1, input), iterations);

    internal static ulong SatMul(ulong a, ulong b)
    {
        var hi = Math.BigMul(a, b, out var lo);
        return hi != 0 ? ulong.MaxValue : lo;
    }

    internal static ulong SatAdd(ulong a, ulong b)
    {
        var s = a + b;
        return s < a ? ulong.MaxValue : s;
    }
}
