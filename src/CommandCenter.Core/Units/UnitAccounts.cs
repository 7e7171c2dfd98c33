using Npgsql;

namespace CommandCenter.Core.Units;

/// <summary>The one lookup of "which unit does this account act for", read from <c>users</c> on each call rather
/// than kept in the cookie: an administrator's re-binding or disabling takes effect on the next request (and
/// ends the account's sessions), and the cookie holds no more than the session. Used by the /work and /m
/// circuits and by the photo endpoints.</summary>
public sealed class UnitAccounts(NpgsqlDataSource db, UnitDirectory units)
{
    private const string Sql = """
        SELECT user_name, display_name, role, unit_code, grid_codes FROM users
        WHERE id = @id AND role IN ('unit', 'worker') AND unit_code IS NOT NULL AND disabled_at IS NULL
        """;

    /// <summary>The account's binding and unit; null for every other role, a disabled or an unknown account.</summary>
    public async Task<UnitAccount?> FindAsync(long userId, CancellationToken ct)
    {
        string userName, displayName, role, unitCode;
        string[] grids;
        await using (var cmd = db.CreateCommand(Sql))
        {
            cmd.Parameters.AddWithValue("id", userId);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct)) return null;
            (userName, displayName, role, unitCode, grids) = (r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetFieldValue<string[]>(4));
        }
        return new UnitAccount(userName, displayName, role, new Security.UnitBinding(unitCode, grids), await units.FindAsync(unitCode, ct));
    }
}
