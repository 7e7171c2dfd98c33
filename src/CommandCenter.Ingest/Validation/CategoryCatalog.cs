using Npgsql;

namespace CommandCenter.Ingest.Validation;

/// <summary>The active categories (the configurable list in the <c>categories</c> table), cached for a
/// minute so validation needs no query per record. Records may name a category by code or by its
/// Chinese name.</summary>
public sealed class CategoryCatalog(NpgsqlDataSource db, TimeProvider clock)
{
    public sealed record Category(string Code, string Name, int TimeLimitHours, bool IsDispute);

    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Snapshot? _snapshot;

    private sealed record Snapshot(DateTimeOffset LoadedAt, IReadOnlyList<Category> All,
        Dictionary<string, Category> ByKey);

    public async Task<IReadOnlyList<Category>> AllAsync(CancellationToken ct) => (await GetAsync(ct)).All;

    /// <summary>The category named by <paramref name="codeOrName"/>, or null.</summary>
    public async Task<Category?> FindAsync(string codeOrName, CancellationToken ct) =>
        (await GetAsync(ct)).ByKey.GetValueOrDefault(codeOrName);

    /// <summary>Forgets the cache (after categories were edited in this process).</summary>
    public void Invalidate() => _snapshot = null;

    private async Task<Snapshot> GetAsync(CancellationToken ct)
    {
        var s = _snapshot;
        if (s is not null && clock.GetUtcNow() - s.LoadedAt < MaxAge) return s;
        await _gate.WaitAsync(ct);
        try
        {
            s = _snapshot;
            if (s is not null && clock.GetUtcNow() - s.LoadedAt < MaxAge) return s;
            const string Sql = """
                SELECT code, name, time_limit_hours, is_dispute FROM categories
                WHERE active ORDER BY sort_order, code
                """;
            var list = new List<Category>();
            await using (var cmd = db.CreateCommand(Sql))
            await using (var r = await cmd.ExecuteReaderAsync(ct))
                while (await r.ReadAsync(ct))
                    list.Add(new Category(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetBoolean(3)));
            var byKey = new Dictionary<string, Category>(StringComparer.Ordinal);
            foreach (var c in list) { byKey[c.Code] = c; byKey[c.Name] = c; }
            return _snapshot = new Snapshot(clock.GetUtcNow(), list, byKey);
        }
        finally
        {
            _gate.Release();
        }
    }
}
