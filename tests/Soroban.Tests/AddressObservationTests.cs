using Replay.Soroban.Budget;
using Replay.Tools.Observations;

namespace Replay.Soroban.Tests;

/// <summary>
/// The strkey conversion scripts (tools/Observations/Scripts.Address.cs) against rs-soroban-env's
/// recorded traces, copied as numbers: observations/20, 21 and 22 at d230d7d5 (the same figures at
/// f0bc81b8; these tests run no Wasm) and the flat observations at b03d2563 (protocol 27, that
/// commit's default budget), with lifecycle.rs's executable getter tests. Every step of these traces
/// was reproduced with the harness
/// (dotnet run --project tools/Observations -- --mirror DIR [--protocol P | --flat] --prefix test__address);
/// CI keeps the step counts, the final figures and the figures after the calls that show each charge.
/// </summary>
public sealed class AddressObservationTests
{
    /// <summary>test, protocol, steps, final cpu, final mem.</summary>
    public static TheoryData<string, int, int, ulong, ulong> Finals => new()
    {
        // d230d7d5, observations/20, 21 and 22 (identical)
        { "test__address__test_account_address_conversions", 20, 12, 6127, 743 },
        { "test__address__test_contract_address_conversions", 20, 12, 6127, 743 },
        { "test__address__invalid_strkey_to_address_conversion", 20, 24, 10470, 1336 },
        { "test__address__test_account_address_conversions", 21, 12, 6127, 743 },
        { "test__address__test_contract_address_conversions", 21, 12, 6127, 743 },
        { "test__address__invalid_strkey_to_address_conversion", 21, 24, 10470, 1336 },
        { "test__address__test_account_address_conversions", 22, 12, 6127, 743 },
        { "test__address__test_contract_address_conversions", 22, 12, 6127, 743 },
        { "test__address__invalid_strkey_to_address_conversion", 22, 24, 10470, 1336 },
        // b03d2563, observations/ (protocol 27)
        { "test__address__test_account_address_conversions", 27, 12, 6141, 823 },
        { "test__address__test_contract_address_conversions", 27, 12, 6141, 823 },
        { "test__address__test_account_address_conversions_with_muxed_address", 27, 12, 6141, 823 },
        { "test__address__test_contract_address_conversions_with_muxed_address", 27, 12, 6141, 823 },
        { "test__address__test_muxed_address_strkey_conversions", 27, 18, 9818, 1457 },
        { "test__address__test_muxed_address_to_components_conversion", 27, 6, 1344, 160 },
        { "test__address__invalid_strkey_to_address_conversion", 27, 48, 29052, 4210 },
        { "test__address__invalid_strkey_to_muxed_address_conversion", 27, 46, 28488, 4130 },
        { "test__address__invalid_muxed_address_to_strkey_conversion", 27, 8, 625, 80 },
        // b03d2563, lifecycle.rs cap_68_executable_getter (a recording-footprint host)
        { "test__lifecycle__cap_68_executable_getter__get_non_existent_executable", 27, 6, 20671, 775 },
        { "test__lifecycle__cap_68_executable_getter__get_account_executable", 27, 10, 19468, 581 },
        { "test__lifecycle__cap_68_executable_getter__get_stellar_asset_contract_executable", 27, 60, 198691, 8376 },
    };

    private static IReadOnlyList<TraceStep> Run(string test, int protocol)
    {
        var host = new ScriptHost(protocol, Scripts.SeededPrng.Contains(test), protocol >= 27 ? DefaultCostParams.B03d2563 : null);
        Scripts.All[test](host);
        return host.Finish();
    }

    [Theory]
    [MemberData(nameof(Finals))]
    public void ScriptsReproduceTheRecordedFigures(string test, int protocol, int steps, ulong cpu, ulong mem)
    {
        var trace = Run(test, protocol);
        Assert.Equal(steps, trace.Count);
        Assert.Equal((cpu, mem), (trace[^1].Cpu, trace[^1].Mem));
    }

    // invalid_strkey_to_address_conversion at protocol 22: the empty string is refused by its
    // length before any charge (the call at cpu 440, its return at 562: the object visit only);
    // a 56-character strkey of the wrong kind (a secret seed, the 6th call) pays both bulk copies
    // (the return at cpu 4444, mem 542 after the call at 3250, 384).
    [Fact]
    public void LengthIsCheckedBeforeTheDecodingCharges()
    {
        var trace = Run("test__address__invalid_strkey_to_address_conversion", 22);
        Assert.Equal((440UL, 64UL), (trace[1].Cpu, trace[1].Mem));
        Assert.Equal((562UL, 64UL), (trace[2].Cpu, trace[2].Mem));
        Assert.Equal((3250UL, 384UL), (trace[11].Cpu, trace[11].Mem));
        Assert.Equal((4444UL, 542UL), (trace[12].Cpu, trace[12].Mem));
    }

    // get_non_existent_executable at b03d2563: get_address_executable of a contract without an
    // instance on a recording footprint returns Void at cpu 18074, mem 421 (from 15372, 160): the
    // read recorded twice and the expiry check of hosts from protocol 23 on included.
    [Fact]
    public void AMissingInstanceIsReadThroughTheRecordingFootprint()
    {
        var trace = Run("test__lifecycle__cap_68_executable_getter__get_non_existent_executable", 27);
        Assert.Equal((15372UL, 160UL), (trace[1].Cpu, trace[1].Mem));
        Assert.Equal((18074UL, 421UL), (trace[2].Cpu, trace[2].Mem));
    }

    // test_muxed_address_strkey_conversions at b03d2563: muxed_address_to_strkey of a muxed
    // address (charged for 43 + 69 bytes) returns at cpu 1662, mem 288; strkey_to_muxed_address
    // back (69 + 86 bytes) at cpu 3426, mem 555.
    [Fact]
    public void MuxedStrkeysAreChargedForTheirLongerPayload()
    {
        var trace = Run("test__address__test_muxed_address_strkey_conversions", 27);
        Assert.Equal((1662UL, 288UL), (trace[2].Cpu, trace[2].Mem));
        Assert.Equal((3426UL, 555UL), (trace[4].Cpu, trace[4].Mem));
    }
}
