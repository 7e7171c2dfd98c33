using System.Security.Claims;
using CommandCenter.Core.Security;
using Npgsql;

namespace CommandCenter.Security;

/// <summary>The unit binding of a signed-in 承办单位 or 网格员, read from <c>users</c> on each call rather
/// than kept in the cookie: an administrator's re-binding takes effect on the next request, and the
/// cookie holds no more than the session.</summary>
public sealed class SignedInUnit(NpgsqlDataSource db)
{
    /// <summary>The binding, display name and user name; null for every other role or a disabled account.</summary>
    public async Task<(UnitBinding Binding, string DisplayName, string UserName)?> FindAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (!(user.IsInRole(Roles.Unit) || user.IsInRole(Roles.Worker))
            || !long.TryParse(user.FindFirst(SecurityClaims.SubjectId)?.Value, out var id))
            return null;
        const string Sql = """
            SELECT unit_code, grid_codes, display_name, user_name FROM users
            WHERE id = @id AND role IN ('unit', 'worker') AND unit_code IS NOT NULL AND disabled_at IS NULL
            """;
        await using var cmd = db.CreateCommand(Sql);
        cmd.Parameters.AddWithValue("id", id);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        return (new UnitBinding(r.GetString(0), r.GetFieldValue<string[]>(1)), r.GetString(2), r.GetString(3));
    }
}
