namespace Replay.Replayer.Bench;

/// <summary>The two summaries benchmark reports use.</summary>
public static class Statistics
{
    /// <summary>Median of the samples (mean of the middle two for an even count).</summary>
    public static double Median(IReadOnlyList<double> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
            throw new ArgumentException("no samples", nameof(samples));
        var sorted = samples.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>Geometric mean of positive ratios; null when any is missing.</summary>
    public static double? GeometricMean(IEnumerable<double?> ratios)
    {
        ArgumentNullException.ThrowIfNull(ratios);
        double logSum = 0;
        var n = 0;
        foreach (var r in ratios)
        {
            if (r is not { } value || value <= 0 || double.IsNaN(value))
                return null;
            logSum += Math.Log(value);
            n++;
        }
        return n == 0 ? null : Math.Exp(logSum / n);
    }

    /// <summary>How many times faster <paramref name="fast"/> is than <paramref name="slow"/> (above 1 = faster).</summary>
    public static double? Speedup(double? fast, double? slow) =>
        fast is { } f && slow is { } s && f > 0 ? s / f : null;
}
