namespace Replay.Stellar.Tests;

/// <summary>A fact that is skipped, with a message, when ../shared (schema and corpus) is absent.</summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute()
    {
        if (SharedData.XdrJson is null || SharedData.Corpus is null)
            Skip = SharedData.AbsentMessage;
    }
}

/// <summary>A theory skipped, with a message, when ../shared is absent.</summary>
public sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    public SharedDataTheoryAttribute()
    {
        if (SharedData.XdrJson is null || SharedData.Corpus is null)
            Skip = SharedData.AbsentMessage;
    }
}
