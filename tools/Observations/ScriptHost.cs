using Replay.Soroban.Budget;
using Replay.Soroban.Values;
using Replay.Stellar.Xdr;
using SorobanHost = Replay.Soroban.Host.Host;

namespace Replay.Tools.Observations;

/// <summary>
/// A host set up as rs-soroban-env's <c>Host::test_host()</c> under observation: the trace's protocol (22 by default),
/// the host's default budget, a recorder attached. Scripts call host functions by name through the
/// native (traced) path and build inputs with <see cref="SorobanHost.ToHostVal"/> as the Rust tests'
/// helpers do (untraced).
/// </summary>
public sealed class ScriptHost
{
    /// <param name="protocol">The trace's ledger protocol.</param>
    /// <param name="seededPrng">
    /// True for tests on <c>Host::test_host_with_recording_footprint()</c>, which seeds the base
    /// PRNG (its cost is already in the trace's "begin" step).
    /// </param>
    /// <param name="defaults">The reference host's default cost parameters for the trace's commit (v22's when null).</param>
    public ScriptHost(int protocol = 22, bool seededPrng = false, IReadOnlyList<DefaultCostParams.Entry>? defaults = null)
    {
        Host = new SorobanHost(protocol, Budget.HostDefault(defaults ?? DefaultCostParams.V22));
        if (seededPrng)
            Host.SetBasePrngSeed(new byte[32]);
        Recorder = new Recorder();
        Host.Tracer = Recorder;
        Recorder.Begin(Host);
    }

    public SorobanHost Host { get; }

    public Recorder Recorder { get; }

    /// <summary>Calls a host function; a host error is recorded in the trace and returned as null (the Rust tests assert it).</summary>
    public Val? Try(string name, params Val[] args)
    {
        try
        {
            return Host.Invoke(name, args);
        }
        catch (HostError)
        {
            return null;
        }
    }

    /// <summary>Calls a host function that must succeed.</summary>
    public Val Call(string name, params Val[] args) => Host.Invoke(name, args);

    public static Val U32(uint u) => Val.FromU32(u);

    /// <summary><c>host.test_vec_obj::&lt;u32&gt;(...)</c>: an ScVal vec of U32s converted to a host value.</summary>
    public Val VecOfU32(params uint[] items) =>
        Host.ToHostVal(new SCVal.Vec(items.Select(i => (SCVal)new SCVal.U32(i)).ToArray()));

    /// <summary>A map of U32 → U32 ScVal entries converted to a host value.</summary>
    public Val MapOfU32(params (uint Key, uint Value)[] entries) =>
        Host.ToHostVal(new SCVal.Map(entries.Select(e => new SCMapEntry { Key = new SCVal.U32(e.Key), Val = new SCVal.U32(e.Value) }).ToArray()));

    /// <summary><c>Symbol::try_from_val(host, &amp;str)</c>: a small symbol when it fits, else symbol_new_from_slice (errors kept in the trace).</summary>
    public Val? SymbolFromStr(string text) => SymbolFromBytes(System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary><c>Symbol::try_from_val(host, &amp;[u8])</c> (also its ScSymbol and ScVal::Symbol forms).</summary>
    public Val? SymbolFromBytes(byte[] bytes)
    {
        if (Replay.Soroban.Values.SymbolSmall.TryFromBytes(bytes, out var small))
            return small;
        try
        {
            return Host.SymbolNewFromSlice(bytes);
        }
        catch (HostError)
        {
            return null;
        }
    }

    public IReadOnlyList<TraceStep> Finish()
    {
        Recorder.End(Host);
        return Recorder.Steps;
    }
}
