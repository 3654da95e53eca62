using System.CommandLine;
using System.Text;
using System.Text.Json;
using Replay.Stellar.Json;
using Replay.Stellar.Xdr;

namespace Replay.Replayer.Cli;

/// <summary>`replay xdr decode` (XDR to JSON) and `replay xdr encode` (JSON to base64 XDR), in the Stellar CLI's JSON shape.</summary>
internal static class XdrCodecCommands
{
    public static Command Decode(TextWriter output)
    {
        var type = TypeOption();
        var input = InputArgument("XDR as base64 (one value per line) or raw bytes; - or nothing for standard input");
        var command = new Command("decode", "Print XDR values as JSON");
        command.Add(type);
        command.Add(input);
        command.SetAction(parse =>
        {
            var info = Resolve(parse.GetValue(type)!);
            var values = XdrInput.Values(XdrInput.ReadAll(parse.GetValue(input)));
            foreach (var value in values)
            {
                using var buffer = new MemoryStream();
                try
                {
                    using var writer = new Utf8JsonWriter(buffer, XdrJsonText.WriterOptions);
                    info.WriteJson(value.Bytes, writer);
                }
                catch (XdrException e)
                {
                    throw new UserError($"{value.Where}: not a valid {info.XdrName}: {e.Message}");
                }
                catch (XdrJsonException e)
                {
                    throw new UserError($"{value.Where}: {info.XdrName} has no JSON form: {e.Message}");
                }
                output.WriteLine(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Encode(TextWriter output)
    {
        var type = TypeOption();
        var input = InputArgument("JSON as printed by `replay xdr decode` or `stellar xdr decode`; - or nothing for standard input");
        var command = new Command("encode", "Turn the JSON view of a value into base64 XDR");
        command.Add(type);
        command.Add(input);
        command.SetAction(parse =>
        {
            var info = Resolve(parse.GetValue(type)!);
            var text = XdrInput.ReadAll(parse.GetValue(input));
            JsonDocument doc;
            try
            {
                doc = XdrJsonText.Parse(text);
            }
            catch (JsonException e)
            {
                throw new UserError($"input is not JSON: {e.Message}");
            }
            catch (XdrJsonException e)
            {
                throw new UserError(e.Message);
            }
            using (doc)
            {
                try
                {
                    output.WriteLine(Convert.ToBase64String(info.ReadJson(doc.RootElement)));
                }
                catch (XdrJsonException e)
                {
                    throw new UserError($"not a valid {info.XdrName}: {e.Message}");
                }
                catch (XdrException e)
                {
                    throw new UserError($"cannot encode {info.XdrName}: {e.Message}");
                }
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Option<string> TypeOption() => new("--type")
    {
        Description = "XDR type, by schema name (SCVal) or Stellar CLI name (ScVal)",
        Required = true,
    };

    private static Argument<string?> InputArgument(string description) => new("FILE")
    {
        Description = description,
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static XdrTypeInfo Resolve(string name) =>
        XdrTypes.Find(name) ?? throw new UserError($"unknown XDR type '{name}' (use a schema name such as TransactionEnvelope or LedgerCloseMeta)");
}
