using Npgsql;
using Replay.Replayer.Store;

namespace Replay.Replayer.Tests;

public sealed class DatabaseTests
{
    [Theory]
    [InlineData("Host=h;Username=u", 3)]
    [InlineData("Host=h;Username=u;Command Timeout=60", 3)]
    [InlineData("Host=h;Username=u;Timeout=9", 9)]
    [InlineData("Host=h;Username=u;timeout=7", 7)]
    public void A_connect_timeout_is_kept_when_given_and_short_otherwise(string connectionString, int expected) =>
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(new Database(connectionString).ConnectionString).Timeout);

    [Fact]
    public void The_endpoint_names_host_port_and_database() =>
        Assert.Equal("db.example:6543/replay", new Database("Host=db.example;Port=6543;Username=u;Database=replay").Endpoint);
}
