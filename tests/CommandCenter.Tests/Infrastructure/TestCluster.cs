using Npgsql;

namespace CommandCenter.Tests.Infrastructure;

/// <summary>The one PostgreSQL cluster of a test run. ./test.sh starts it and passes its connection
/// string in CC_TEST_PG; a plain `dotnet test` starts (or reuses) one in .data/test-pg itself.</summary>
public static class TestCluster
{
    private static readonly Lazy<string> Admin = new(Locate, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Connection string to the cluster's maintenance database (a superuser).</summary>
    public static string AdminConnectionString => Admin.Value;

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database }.ConnectionString;

    private static string Locate()
    {
        var fromEnv = Environment.GetEnvironmentVariable("CC_TEST_PG");
        var cs = !string.IsNullOrWhiteSpace(fromEnv) ? fromEnv : StartOwnCluster();
        return new NpgsqlConnectionStringBuilder(cs) { Database = "postgres", Pooling = false }.ConnectionString;
    }

    // Runs once per test process, inside a Lazy: blocking here is the simplest correct thing.
    private static string StartOwnCluster() =>
        PgScript.RunAsync("start", ".data/test-pg", "auto").GetAwaiter().GetResult().Trim().Split('\n').Last();

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CommandCenter.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("CommandCenter.sln not found above the test binaries");
    }
}
