using System.Diagnostics;
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

    private static string StartOwnCluster()
    {
        var psi = new ProcessStartInfo("bash", ["scripts/pg.sh", "start", ".data/test-pg", "auto"])
        {
            WorkingDirectory = RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["CC_PG_FSYNC"] = "off";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEnd();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"scripts/pg.sh could not start the test cluster: {stderr}");
        return stdout.Trim().Split('\n').Last();
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CommandCenter.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("CommandCenter.sln not found above the test binaries");
    }
}
