using Npgsql;

namespace CommandCenter.Ingest.Simulator;

/// <summary>The units that act for themselves: any with an enabled 承办单位 or 网格员 account (its unit code and
/// a 网格员's grids). The simulator leaves their cases alone once dispatched, so such a unit sees its simulated
/// cases arrive and must sign for and feed back on them itself. Re-read at most once a minute.</summary>
public sealed class UnitAccounts(NpgsqlDataSource db, TimeProvider clock)
{
    private static readonly TimeSpan RereadAfter = TimeSpan.FromMinutes(1);
    private IReadOnlySet<string> _units = new HashSet<string>();
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    public async Task<IReadOnlySet<string>> CurrentAsync(CancellationToken ct)
    {
        if (clock.GetUtcNow() - _readAt < RereadAfter) return _units;
        await using var cmd = db.CreateCommand("""
            SELECT DISTINCT code FROM (
                SELECT unit_code AS code FROM users WHERE role IN ('unit', 'worker') AND disabled_at IS NULL AND unit_code IS NOT NULL
                UNION ALL
                SELECT unnest(grid_codes) FROM users WHERE role = 'worker' AND disabled_at IS NULL) u
            """);
        var set = new HashSet<string>(StringComparer.Ordinal);
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) set.Add(r.GetString(0));
        (_units, _readAt) = (set, clock.GetUtcNow());
        return _units;
    }
}
