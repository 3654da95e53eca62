using BenchmarkDotNet.Running;

// `dotnet run -c Release --project bench/Replay.Bench -- --filter '*'` runs every benchmark;
// BenchmarkSwitcher lets a user pick classes and methods by filter.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
