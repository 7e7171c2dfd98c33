using Npgsql;

namespace CommandCenter.Bench;

/// <summary>What a benchmark gets: its options (--key value pairs after the name), the repo root and a
/// database on bench.sh's throwaway cluster, created fresh and migrated for this run.</summary>
public sealed class BenchContext(IReadOnlyDictionary<string, string> options, string repoRoot, string adminConnectionString)
{
    public IReadOnlyDictionary<string, string> Options { get; } = options;
    public string RepoRoot { get; } = repoRoot;
    public string AdminConnectionString { get; } = adminConnectionString;

    public int Int(string key, int fallback) => Options.TryGetValue(key, out var v) ? int.Parse(v) : fallback;

    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database }.ConnectionString;

    public static void Log(string message) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");
}
