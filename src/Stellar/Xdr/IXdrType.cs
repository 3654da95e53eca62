namespace Replay.Stellar.Xdr;

/// <summary>
/// Implemented by every generated struct and union: static decode and instance encode, so generic
/// helpers (<see cref="XdrCodec"/>, stream readers) work on any type without reflection.
/// </summary>
public interface IXdrType<TSelf> where TSelf : IXdrType<TSelf>
{
    /// <summary>Name of the type in the XDR schema (root of error paths).</summary>
    static abstract string XdrName { get; }

    static abstract TSelf Decode(ref XdrReader reader);

    void Encode(ref XdrWriter writer);
}
