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
            StartupFuel(m),
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

    private static Chart Startup(ReportModel m) => SplitChart(m, "instantiation",
        "Instantiation against execution CPU per engine (all cases)", "CPU instructions (millions)",
        new SplitSeries("instantiation CPU", "instantiation CPU", s => s.InstantiationCpu / 1e6, Colors.SeaGreen),
        new SplitSeries("execution CPU", "execution CPU", s => s.ExecutionCpu / 1e6, Colors.SlateBlue));

    /// <summary>
    /// Fuel: instantiation charges none on either engine (Soroban fills a VM's fuel only when it
    /// calls a function); a lazily compiling engine pays compilation fuel at each function's first
    /// call, which the outcome counts as instantiation.
    /// </summary>
    private static Chart StartupFuel(ReportModel m) => SplitChart(m, "instantiation-fuel",
        "Compilation against execution fuel per engine (all cases)", "fuel (thousands)",
        new SplitSeries("compilation fuel", "compilation fuel (lazy: at first call)", s => s.InstantiationFuel / 1e3, Colors.Gold),
        new SplitSeries("execution fuel", "execution fuel", s => s.ExecutionFuel / 1e3, Colors.DarkOrange));

    /// <summary>One series of a split chart: its name in the chart's series list, its legend, its value per engine.</summary>
    private sealed record SplitSeries(string Name, string Legend, Func<StartupSplit, double> Value, Color Color);

    /// <summary>Two bars per engine: the part of a cost paid before the invoked function ran, and the rest.</summary>
    private static Chart SplitChart(ReportModel m, string id, string title, string yLabel, SplitSeries first, SplitSeries second)
    {
        var splits = m.Startup;
        if (splits.Count == 0)
            return new Chart(id, title, [], null, "The run's outcome lines carry no instantiation split (written by an older replay): rerun it.");
        var plot = new Plot();
        var a = new List<Bar>();
        var b = new List<Bar>();
        for (var i = 0; i < splits.Count; i++)
        {
            a.Add(new Bar { Position = i * 3, Value = first.Value(splits[i]), FillColor = first.Color });
            b.Add(new Bar { Position = i * 3 + 1, Value = second.Value(splits[i]), FillColor = second.Color });
        }
        plot.Add.Bars(a).LegendText = first.Legend;
        plot.Add.Bars(b).LegendText = second.Legend;
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, splits.Count).Select(i => i * 3 + 0.5)],
            [.. splits.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Engine} ({s.Cases} cases)"))]);
        plot.Title(title);
        plot.XLabel("engine");
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperLeft);
        return new Chart(id, title, [first.Name, second.Name], plot.GetSvgXml(Width, Height), null);
    }

    /// <summary>The key of a compilation mode ("register/Lazy", "register/Eager"), exactly: LazyTranslation is another mode.</summary>
    private static string? ModeKey(ReportModel m, string mode) =>
        m.EngineKeys.FirstOrDefault(k => k.EndsWith("/" + mode, StringComparison.OrdinalIgnoreCase));

    private static Chart LazyEager(ReportModel m)
    {
        const string id = "lazy-eager";
        const string title = "Lazy against eager start-up (mean per case)";
        var lazy = ModeKey(m, "Lazy");
        var eager = ModeKey(m, "Eager");
        if (lazy is null || eager is null || lazy == eager)
            return new Chart(id, title, [], null, "This run used one compilation mode of the register engine (run with --modes lazy,eager for this chart).");
        var lazySplit = m.Startup.FirstOrDefault(s => s.Engine == lazy);
        var eagerSplit = m.Startup.FirstOrDefault(s => s.Engine == eager);
        if (lazySplit is null || eagerSplit is null)
            return new Chart(id, title, [], null, "The run had both modes but its outcome lines carry no instantiation split.");
        // Per mode: what a case pays to start (instantiation CPU) and the fuel it then spends
        // (lazy compilation's fuel is charged at each function's first call, so it is in there).
        var plot = new Plot();
        var modes = new[] { (Key: lazy, Split: lazySplit), (Key: eager, Split: eagerSplit) };
        var cpu = new List<Bar>();
        var fuel = new List<Bar>();
        for (var i = 0; i < modes.Length; i++)
        {
            var s = modes[i].Split;
            cpu.Add(new Bar { Position = i * 3, Value = s.InstantiationCpu / (double)s.Cases, FillColor = Colors.SeaGreen });
            fuel.Add(new Bar { Position = i * 3 + 1, Value = (s.InstantiationFuel + s.ExecutionFuel) / (double)s.Cases, FillColor = Colors.Crimson });
        }
        plot.Add.Bars(cpu).LegendText = "instantiation CPU per case";
        var fuelBars = plot.Add.Bars(fuel);
        fuelBars.LegendText = "fuel per case, compilation included (right axis)";
        fuelBars.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Right.Label.Text = "fuel per case";
        plot.Axes.Bottom.SetTicks([0.5, 3.5], [lazy, eager]);
        plot.Title(title);
        plot.XLabel("compilation mode");
        plot.YLabel("instantiation CPU instructions per case");
        plot.ShowLegend();
        return new Chart(id, title, ["lazy", "eager"], plot.GetSvgXml(Width, Height), null);
    }

    private static Chart Throughput(ReportModel m)
    {
        const string id = "throughput";
        const string title = "Cases per second";
        var plot = new Plot();
        if (m.Trend is { Count: > 1 } trend)
        {
            // With run history: the rate of each run.
            var bars = trend.Select((t, i) => new Bar { Position = i, Value = t.CasesPerSecond, FillColor = Colors.SteelBlue }).ToArray();
            plot.Add.Bars(bars).LegendText = "cases/s";
            plot.Axes.Bottom.SetTicks([.. trend.Select((_, i) => (double)i)], [.. trend.Select(t => "run " + t.RunId.ToString(CultureInfo.InvariantCulture))]);
            plot.XLabel("run");
        }
        else
        {
            var rate = m.Real("casesPerSecond");
            plot.Add.Bars(new Bar[] { new Bar { Position = 0, Value = rate, FillColor = Colors.SteelBlue } }).LegendText = "cases/s";
            plot.Axes.Bottom.SetTicks([0], [string.Create(CultureInfo.InvariantCulture, $"{m.Number("cases")} cases in {m.Real("seconds"):0.###} s")]);
            plot.XLabel("run (both engines, the diff and the writes, end to end)");
        }
        plot.Title(title);
        plot.YLabel("cases per second");
        plot.ShowLegend();
        return new Chart(id, title, ["cases/s"], plot.GetSvgXml(Width, Height), null);
    }

    private static IEnumerable<Chart> Trends(IReadOnlyList<TrendPoint> trend)
    {
        var xs = trend.Select(t => (double)t.RunId).ToArray();
        var ticks = trend.Select(t => "run " + t.RunId.ToString(CultureInfo.InvariantCulture)).ToArray();
        var plot = new Plot();
        foreach (var (name, values, color) in new (string, Func<TrendPoint, long>, Color)[]
        {
            ("new", t => t.New, Colors.Crimson),
            ("known", t => t.Known, Colors.Gray),
            ("regressed", t => t.Regressed, Colors.DarkOrange),
            ("fixed", t => t.Fixed, Colors.SeaGreen),
        })
        {
            var line = plot.Add.Scatter(xs, [.. trend.Select(t => (double)values(t))], color);
            line.LegendText = name;
            line.MarkerSize = 7;
        }
        plot.Axes.Bottom.SetTicks(xs, ticks);
        plot.Title("Divergence signatures by status, per run");
        plot.XLabel("run");
        plot.YLabel("signatures");
        plot.ShowLegend();
        yield return new Chart("trend-status", "Divergence signatures by status, per run", ["new", "known", "regressed", "fixed"], plot.GetSvgXml(Width, Height), null);
        var cost = new Plot();
        var cpu = cost.Add.Scatter(xs, [.. trend.Select(t => t.CpuDeltaPercent)], Colors.SteelBlue);
        cpu.LegendText = "CPU delta";
        cpu.MarkerSize = 7;
        var fuel = cost.Add.Scatter(xs, [.. trend.Select(t => t.FuelDeltaPercent)], Colors.DarkOrange);
        fuel.LegendText = "fuel delta";
        fuel.MarkerSize = 7;
        cost.Axes.Bottom.SetTicks(xs, ticks);
        cost.Title("Cost delta across runs (register against stack, % of stack)");
        cost.XLabel("run");
        cost.YLabel("delta (%)");
        cost.ShowLegend();
        yield return new Chart("trend-cost", "Cost delta across runs (register against stack, % of stack)", ["CPU delta", "fuel delta"], cost.GetSvgXml(Width, Height), null);
    }
}
