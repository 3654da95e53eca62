using System.Globalization;
using ScottPlot;

namespace Replay.Replayer.Reports;

/// <summary>A chart for the HTML report: ScottPlot's SVG, or why the run has no data for it.</summary>
public sealed record Chart(string Id, string Title, IReadOnlyList<string> Series, string? Svg, string? Absent);

/// <summary>The report's charts, drawn server-side by ScottPlot into SVG.</summary>
public static class Charts
{
    private const int Width = 720;
    private const int Height = 360;

    public static IReadOnlyList<Chart> All(ReportModel m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var charts = new List<Chart>
        {
            CpuDeltaDistribution(m),
            DeltaPerGroup(m, "per-contract", "Fuel and CPU delta per contract (other - reference, %)", c => Short(c.Contract)),
            DeltaPerGroup(m, "per-function", "Fuel and CPU delta per function (other - reference, %)", c => c.Function),
            Startup(m),
            LazyEager(m),
            Throughput(m),
        };
        if (m.Trend is { Count: > 0 } trend)
            charts.AddRange(Trends(trend));
        else
            charts.Add(new Chart("trends", "Trends across runs", [], null, "Trends need run history: render the report with --db."));
        return charts;
    }

    private static string Short(string s) => s.Length > 12 ? s[..6] + ".." + s[^4..] : s;

    private static double DeltaPercent(ulong reference, ulong other) =>
        reference == 0 ? 0 : 100.0 * ((double)other - reference) / reference;

    private static Chart CpuDeltaDistribution(ReportModel m)
    {
        const string id = "cpu-delta";
        const string title = "CPU delta per case (other - reference, %)";
        var (reference, other) = m.Pair();
        if (reference is null || other is null)
            return new Chart(id, title, [], null, "The run had a single engine: there is no delta.");
        var deltas = m.Cases
            .Where(c => c.Engines.ContainsKey(reference) && c.Engines.ContainsKey(other))
            .Select(c => DeltaPercent(c.Engines[reference].Cpu, c.Engines[other].Cpu))
            .ToArray();
        if (deltas.Length == 0)
            return new Chart(id, title, [], null, "No case ran on both engines.");
        var series = $"{other} vs {reference}";
        var min = Math.Floor(deltas.Min());
        var max = Math.Ceiling(deltas.Max());
        if (max <= min)
            max = min + 1;
        const int bins = 20;
        var width = (max - min) / bins;
        var counts = new double[bins];
        foreach (var d in deltas)
            counts[Math.Min(bins - 1, (int)((d - min) / width))]++;
        var plot = new Plot();
        var positions = Enumerable.Range(0, bins).Select(i => min + (i + 0.5) * width).ToArray();
        var bars = plot.Add.Bars(positions, counts);
        foreach (var b in bars.Bars)
            b.Size = width * 0.9;
        bars.LegendText = series;
        plot.Title(title);
        plot.XLabel("CPU delta (%)");
        plot.YLabel("cases");
        plot.ShowLegend();
        return new Chart(id, title, [series], plot.GetSvgXml(Width, Height), null);
    }

    private static Chart DeltaPerGroup(ReportModel m, string id, string title, Func<CaseCost, string> key)
    {
        var (reference, other) = m.Pair();
        if (reference is null || other is null)
            return new Chart(id, title, [], null, "The run had a single engine: there is no delta.");
        var groups = m.Cases
            .Where(c => c.Engines.ContainsKey(reference) && c.Engines.ContainsKey(other))
            .GroupBy(key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (
                Name: g.Key.Length == 0 ? "(none)" : g.Key,
                Cpu: DeltaPercent(Sum(g, reference, true), Sum(g, other, true)),
                Fuel: DeltaPercent(Sum(g, reference, false), Sum(g, other, false))))
            .ToArray();
        if (groups.Length == 0)
            return new Chart(id, title, [], null, "No case ran on both engines.");
        var plot = new Plot();
        var cpuBars = new List<Bar>();
        var fuelBars = new List<Bar>();
        for (var i = 0; i < groups.Length; i++)
        {
            cpuBars.Add(new Bar { Position = i * 3 + 0, Value = groups[i].Cpu, FillColor = Colors.SteelBlue });
            fuelBars.Add(new Bar { Position = i * 3 + 1, Value = groups[i].Fuel, FillColor = Colors.DarkOrange });
        }
        var cpu = plot.Add.Bars(cpuBars);
        cpu.LegendText = "cpu";
        var fuel = plot.Add.Bars(fuelBars);
        fuel.LegendText = "fuel";
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, groups.Length).Select(i => i * 3 + 0.5)], [.. groups.Select(g => g.Name)]);
        plot.Title(title);
        plot.YLabel("delta (%)");
        plot.ShowLegend();
        return new Chart(id, title, ["cpu", "fuel"], plot.GetSvgXml(Width, Height), null);
    }

    private static ulong Sum(IEnumerable<CaseCost> cases, string engine, bool cpu)
    {
        ulong total = 0;
        foreach (var c in cases)
            total += cpu ? c.Engines[engine].Cpu : c.Engines[engine].Fuel;
        return total;
    }

    private static Chart Startup(ReportModel m)
    {
        const string id = "instantiation";
        const string title = "Instantiation against execution CPU per engine";
        if (m.Startup.Count == 0)
            return new Chart(id, title, [], null, "The split of instantiation and execution cost is kept for divergent cases (divergences/) and in the database: this run has none.");
        var plot = new Plot();
        var inst = new List<Bar>();
        var exec = new List<Bar>();
        for (var i = 0; i < m.Startup.Count; i++)
        {
            inst.Add(new Bar { Position = i * 3, Value = m.Startup[i].InstantiationCpu, FillColor = Colors.SeaGreen });
            exec.Add(new Bar { Position = i * 3 + 1, Value = m.Startup[i].ExecutionCpu, FillColor = Colors.SlateBlue });
        }
        plot.Add.Bars(inst).LegendText = "instantiation";
        plot.Add.Bars(exec).LegendText = "execution";
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, m.Startup.Count).Select(i => i * 3 + 0.5)], [.. m.Startup.Select(s => s.Engine)]);
        plot.Title(title);
        plot.YLabel("CPU instructions");
        plot.ShowLegend();
        return new Chart(id, title, ["instantiation", "execution"], plot.GetSvgXml(Width, Height), null);
    }

    private static Chart LazyEager(ReportModel m)
    {
        const string id = "lazy-eager";
        const string title = "Lazy against eager start-up";
        var keys = m.EngineKeys;
        var lazy = keys.FirstOrDefault(k => k.Contains("lazy", StringComparison.Ordinal));
        var eager = keys.FirstOrDefault(k => k.Contains("eager", StringComparison.Ordinal));
        var lazySplit = m.Startup.FirstOrDefault(s => s.Engine == lazy);
        var eagerSplit = m.Startup.FirstOrDefault(s => s.Engine == eager);
        if (lazy is null || eager is null)
            return new Chart(id, title, [], null, "This run used one compilation mode (run with --modes lazy,eager for this chart).");
        if (lazySplit is null || eagerSplit is null)
            return new Chart(id, title, [], null, "The run had both modes but no case with the instantiation split recorded.");
        var plot = new Plot();
        plot.Add.Bars(new Bar[] { new Bar { Position = 0, Value = lazySplit.InstantiationCpu, FillColor = Colors.SeaGreen } }).LegendText = "lazy";
        plot.Add.Bars(new Bar[] { new Bar { Position = 1, Value = eagerSplit.InstantiationCpu, FillColor = Colors.Crimson } }).LegendText = "eager";
        plot.Axes.Bottom.SetTicks([0, 1], [lazy, eager]);
        plot.Title(title);
        plot.YLabel("instantiation CPU");
        plot.ShowLegend();
        return new Chart(id, title, ["lazy", "eager"], plot.GetSvgXml(Width, Height), null);
    }

    private static Chart Throughput(ReportModel m)
    {
        const string id = "throughput";
        const string title = "Cases per second";
        var rate = m.Real("casesPerSecond");
        var plot = new Plot();
        plot.Add.Bars(new Bar[] { new Bar { Position = 0, Value = rate, FillColor = Colors.SteelBlue } }).LegendText = "cases/s";
        plot.Axes.Bottom.SetTicks([0], [string.Create(CultureInfo.InvariantCulture, $"{m.Number("cases")} cases in {m.Real("seconds"):0.###} s")]);
        plot.Title(title);
        plot.YLabel("cases per second");
        plot.ShowLegend();
        return new Chart(id, title, ["cases/s"], plot.GetSvgXml(Width, Height), null);
    }

    private static IEnumerable<Chart> Trends(IReadOnlyList<TrendPoint> trend)
    {
        var xs = trend.Select(t => (double)t.RunId).ToArray();
        var plot = new Plot();
        plot.Add.Scatter(xs, [.. trend.Select(t => (double)t.New)]).LegendText = "new";
        plot.Add.Scatter(xs, [.. trend.Select(t => (double)t.Known)]).LegendText = "known";
        plot.Add.Scatter(xs, [.. trend.Select(t => (double)t.Regressed)]).LegendText = "regressed";
        plot.Add.Scatter(xs, [.. trend.Select(t => (double)t.Fixed)]).LegendText = "fixed";
        plot.Title("Signatures by status across runs");
        plot.XLabel("run");
        plot.ShowLegend();
        yield return new Chart("trend-status", "Signatures by status across runs", ["new", "known", "regressed", "fixed"], plot.GetSvgXml(Width, Height), null);
        var cost = new Plot();
        cost.Add.Scatter(xs, [.. trend.Select(t => t.CpuDeltaPercent)]).LegendText = "cpu delta %";
        cost.Title("CPU delta across runs");
        cost.XLabel("run");
        cost.ShowLegend();
        yield return new Chart("trend-cost", "CPU delta across runs", ["cpu delta %"], cost.GetSvgXml(Width, Height), null);
    }
}
