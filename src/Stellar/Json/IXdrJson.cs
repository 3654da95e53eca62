using System.Text.Json;

namespace Replay.Stellar.Json;

/// <summary>Implemented by every generated struct and union: the JSON view used by the Stellar CLI.</summary>
public interface IXdrJson<TSelf> where TSelf : IXdrJson<TSelf>
{
    static abstract TSelf ReadJson(JsonElement element);

    void WriteJson(Utf8JsonWriter writer);
}
