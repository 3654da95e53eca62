namespace Replay.Wasm.Modules;

/// <summary>A custom section: its name and where its payload lies in the module.</summary>
public sealed record CustomSection(string Name, int Offset, int Length, ReadOnlyMemory<byte> Data);
