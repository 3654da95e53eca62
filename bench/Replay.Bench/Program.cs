using BenchmarkDotNet.Running;

// `dotnet run -c Release --project bench/Replay.Bench -- --filter '*'` runs every benchmark;
// BenchmarkSwitcher lets a user pick classes and methods by filter.
// `-- invoke [passes]` prints invocations per second per core of the corpus invocations instead
// (thread CPU time and wall time, every engine variant, with and without a compiled-module cache).
if (args.Length > 0 && args[0] == "invoke")
    return Replay.Bench.InvokeWorkload.Report(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3);
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
