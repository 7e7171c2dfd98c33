using CommandCenter.Tests.Infrastructure;
using Npgsql;

namespace CommandCenter.Tests.Trends;

/// <summary>A fresh migrated database for one test: the recount tests compare whole tables, so no other
/// test's rows may be in them.</summary>
internal sealed class OwnDatabase : IAsyncDisposable
{
    private readonly PostgisDatabase _db = new();

    public NpgsqlDataSource DataSource => _db.DataSource;
    public string ConnectionString => _db.ConnectionString;

    public static async Task<OwnDatabase> CreateAsync()
    {
        var own = new OwnDatabase();
        await own._db.InitializeAsync();
        return own;
    }

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();
}
