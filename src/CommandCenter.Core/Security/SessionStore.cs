using Npgsql;

namespace CommandCenter.Core.Security;

/// <summary>Server-side sessions (<c>auth_sessions</c>). The cookie names a session; this decides
/// whether it still stands, so ending it here ends it in every tab, circuit and hub connection.</summary>
public sealed class SessionStore(NpgsqlDataSource db, TimeProvider clock, Microsoft.Extensions.Options.IOptions<SecurityOptions> options)
{
    // Writing last_seen_at on every request would turn each page load into a write; a minute of
    // slack in a 30-minute idle timeout is immaterial.
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    public async Task<Guid> CreateAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, long? userId, long? kioskId,
        string role, string? ip, string? userAgent, CancellationToken ct)
    {
        var id = Guid.NewGuid();
        var now = clock.GetUtcNow();
        const string Sql = """
            INSERT INTO auth_sessions (id, user_id, kiosk_id, role, created_at, last_seen_at, ip, user_agent)
            VALUES (@id, @user, @kiosk, @role, @now, @now, @ip, @ua)
            """;
        await using var cmd = new NpgsqlCommand(Sql, conn, tx);
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("user", (object?)userId ?? DBNull.Value);
        cmd.Parameters.AddWithValue("kiosk", (object?)kioskId ?? DBNull.Value);
        cmd.Parameters.AddWithValue("role", role);
        cmd.Parameters.AddWithValue("now", now);
        cmd.Parameters.AddWithValue("ip", (object?)ip ?? DBNull.Value);
        cmd.Parameters.AddWithValue("ua", (object?)Truncate(userAgent, 300) ?? DBNull.Value);
        await cmd.ExecuteNonQueryAsync(ct);
        return id;
    }

    /// <summary>Checks a session. With <paramref name="touch"/> (a real request from the person) it
    /// also counts as activity for the idle timeout. A session found idle is ended and audited once.</summary>
    public async Task<SessionCheck> CheckAsync(Guid sessionId, string role, bool touch, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        const string Sql = """
            SELECT s.ended_at, s.last_seen_at, s.kiosk_id IS NOT NULL, k.revoked_at, u.disabled_at, u.role, u.user_name, s.ip
            FROM auth_sessions s
            LEFT JOIN users u ON u.id = s.user_id
            LEFT JOIN kiosk_credentials k ON k.id = s.kiosk_id
            WHERE s.id = @id
            """;
        DateTimeOffset lastSeen;
        string? userName, ip;
        await using (var cmd = new NpgsqlCommand(Sql, conn))
        {
            cmd.Parameters.AddWithValue("id", sessionId);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct)) return SessionCheck.Unknown;
            if (!r.IsDBNull(0)) return SessionCheck.Ended;
            lastSeen = r.GetFieldValue<DateTimeOffset>(1);
            if (r.GetBoolean(2))
                return r.IsDBNull(3) ? SessionCheck.Valid : SessionCheck.Revoked; // screens never idle out
            if (!r.IsDBNull(4)) return SessionCheck.Disabled;
            if (r.GetString(5) != role) return SessionCheck.RoleChanged;
            userName = r.GetString(6);
            ip = r.IsDBNull(7) ? null : r.GetString(7);
        }
        if (now - lastSeen > options.Value.IdleTimeout)
        {
            await using var tx = await conn.BeginTransactionAsync(ct);
            if (await EndAsync(conn, tx, sessionId, "idle", ct))
                await AuditLog.AppendAsync(conn, tx, new AuditEntry(userName, role, AuditActions.SessionEnded,
                    Ip: ip, Details: new Dictionary<string, string?> { ["reason"] = "空闲超时" }), now, ct);
            await tx.CommitAsync(ct);
            return SessionCheck.Idle;
        }
        if (touch && now - lastSeen >= TouchEvery)
        {
            await using var upd = new NpgsqlCommand(
                "UPDATE auth_sessions SET last_seen_at = @now WHERE id = @id AND last_seen_at < @now", conn);
            upd.Parameters.AddWithValue("id", sessionId);
            upd.Parameters.AddWithValue("now", now);
            await upd.ExecuteNonQueryAsync(ct);
        }
        return SessionCheck.Valid;
    }

    /// <summary>Of the given sessions, those that no longer stand (for dropping open hub connections).</summary>
    public async Task<IReadOnlySet<Guid>> FindInvalidAsync(IReadOnlyCollection<Guid> sessionIds, CancellationToken ct)
    {
        var invalid = new HashSet<Guid>();
        if (sessionIds.Count == 0) return invalid;
        var idleBefore = clock.GetUtcNow() - options.Value.IdleTimeout;
        const string Sql = """
            SELECT id FROM unnest(@ids) AS want(id)
            WHERE NOT EXISTS (
                SELECT 1 FROM auth_sessions s
                LEFT JOIN users u ON u.id = s.user_id
                LEFT JOIN kiosk_credentials k ON k.id = s.kiosk_id
                WHERE s.id = want.id AND s.ended_at IS NULL
                  AND (k.id IS NOT NULL AND k.revoked_at IS NULL
                       OR u.id IS NOT NULL AND u.disabled_at IS NULL AND u.role = s.role AND s.last_seen_at >= @idleBefore))
            """;
        await using var cmd = db.CreateCommand(Sql);
        cmd.Parameters.AddWithValue("ids", sessionIds.ToArray());
        cmd.Parameters.AddWithValue("idleBefore", idleBefore);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) invalid.Add(r.GetGuid(0));
        return invalid;
    }

    /// <summary>Ends one session; false when it had already ended.</summary>
    public async Task<bool> EndAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid sessionId, string reason, CancellationToken ct) =>
        await EndWhereAsync(conn, tx, "id = @id", sessionId, reason, ct) > 0;

    public async Task<bool> EndAsync(Guid sessionId, string reason, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await EndAsync(conn, null, sessionId, reason, ct);
    }

    /// <summary>Ends every open session of a person (disabled, role changed, password reset).</summary>
    public Task<int> EndAllForUserAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, long userId, string reason, CancellationToken ct) =>
        EndWhereAsync(conn, tx, "user_id = @id", userId, reason, ct);

    /// <summary>Ends every open session of a wall screen's credential (revoked).</summary>
    public Task<int> EndAllForKioskAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, long kioskId, string reason, CancellationToken ct) =>
        EndWhereAsync(conn, tx, "kiosk_id = @id", kioskId, reason, ct);

    private async Task<int> EndWhereAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string condition, object id, string reason, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"UPDATE auth_sessions SET ended_at = @now, end_reason = @reason WHERE {condition} AND ended_at IS NULL", conn, tx);
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("now", clock.GetUtcNow());
        cmd.Parameters.AddWithValue("reason", reason);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    private static string? Truncate(string? s, int max) => s is null || s.Length <= max ? s : s[..max];
}
