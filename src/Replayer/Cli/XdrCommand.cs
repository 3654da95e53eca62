using System.CommandLine;

namespace Replay.Replayer.Cli;

/// <summary>`replay xdr ...`: decode, encode and verify Stellar XDR.</summary>
public sealed class XdrCommand : ICliCommand
{
    public Command Build(GlobalOptions globals, TextWriter output, TextWriter error)
    {
        var xdr = new Command("xdr", "Decode, encode and check Stellar XDR");
        xdr.Add(XdrCodecCommands.Decode(output));
        xdr.Add(XdrCodecCommands.Encode(output));
        xdr.Add(XdrCheckCommand.Build(output));
        return xdr;
    }
}
