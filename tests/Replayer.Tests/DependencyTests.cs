using System.Reflection;
using System.Text.Json;
using Replay.Replayer.Resilience;

namespace Replay.Replayer.Tests;

/// <summary>The replayer carries no policy or package that nothing uses.</summary>
public sealed class DependencyTests
{
    [Fact]
    public void The_resilience_policies_are_the_ones_in_use()
    {
        var members = typeof(ResiliencePolicies)
            .GetMembers(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(m => m is not MethodInfo { IsSpecialName: true })
            .Select(m => m.Name)
            .Order(StringComparer.Ordinal);
        Assert.Equal(["DatabaseConnect", "DatabaseWrite", "IsTransientDatabaseError"], members);
    }

    [Fact]
    public void No_rate_limiting_package_is_deployed_with_the_tool()
    {
        var deps = Path.Combine(AppContext.BaseDirectory, "replay.deps.json");
        Assert.True(File.Exists(deps), $"{deps} not found");
        using var json = JsonDocument.Parse(File.ReadAllText(deps));
        var libraries = json.RootElement.GetProperty("libraries").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Contains(libraries, l => l.StartsWith("Polly.Core/", StringComparison.Ordinal));
        Assert.DoesNotContain(libraries, l => l.Contains("RateLimiting", StringComparison.Ordinal));
    }
}
