using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace CommandCenter.Core.Security;

/// <summary>The append-only audit log (table <c>audit_log</c>; the database refuses UPDATE, TRUNCATE and
/// DELETE of rows younger than 180 days). Write inside the transaction of the change being audited
/// where there is one, so a change never lands without its audit line.</summary>
public sealed class AuditLog(NpgsqlDataSource db, TimeProvider clock)
{
    public async Task AppendAsync(AuditEntry entry, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await AppendAsync(conn, null, entry, clock.GetUtcNow(), ct);
    }

    public Task AppendAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, AuditEntry entry, CancellationToken ct) =>
        AppendAsync(conn, tx, entry, clock.GetUtcNow(), ct);

    /// <param name="at">the time of the event; null for the database's transaction time (writers that
    /// take no <see cref="TimeProvider"/>)</param>
    public static async Task AppendAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, AuditEntry entry,
        DateTimeOffset? at, CancellationToken ct)
    {
        const string Sql = """
            INSERT INTO audit_log (at, actor, actor_role, action, target, ip, succeeded, details)
            VALUES (coalesce(@at, now()), @actor, @role, @action, @target, @ip, @ok, @details)
            """;
        await using var cmd = new NpgsqlCommand(Sql, conn, tx);
        cmd.Parameters.AddWithValue("at", NpgsqlDbType.TimestampTz, at is { } t ? t.ToUniversalTime() : DBNull.Value);
        cmd.Parameters.AddWithValue("actor", Truncate(entry.Actor, 100)!);
        cmd.Parameters.AddWithValue("role", (object?)entry.ActorRole ?? DBNull.Value);
        cmd.Parameters.AddWithValue("action", entry.Action);
        cmd.Parameters.AddWithValue("target", (object?)Truncate(entry.Target, 200) ?? DBNull.Value);
        cmd.Parameters.AddWithValue("ip", (object?)entry.Ip ?? DBNull.Value);
        cmd.Parameters.AddWithValue("ok", entry.Succeeded);
        cmd.Parameters.AddWithValue("details", NpgsqlDbType.Jsonb,
            JsonSerializer.Serialize(entry.Details ?? new Dictionary<string, string?>()));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Newest first. Returns one page and the total number of matching lines.</summary>
    public async Task<(IReadOnlyList<AuditRecord> Page, long Total)> SearchAsync(AuditQuery q, CancellationToken ct)
    {
        var where = new StringBuilder("WHERE true");
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand { Connection = conn };
        if (q.From is { } from) { where.Append(" AND at >= @from"); cmd.Parameters.AddWithValue("from", from.ToUniversalTime()); }
        if (q.To is { } to) { where.Append(" AND at < @to"); cmd.Parameters.AddWithValue("to", to.ToUniversalTime()); }
        if (!string.IsNullOrWhiteSpace(q.Actor)) { where.Append(" AND actor ILIKE @actor"); cmd.Parameters.AddWithValue("actor", Like(q.Actor)); }
        if (!string.IsNullOrWhiteSpace(q.Action)) { where.Append(" AND action = @action"); cmd.Parameters.AddWithValue("action", q.Action); }
        if (q.Succeeded is { } ok) { where.Append(" AND succeeded = @ok"); cmd.Parameters.AddWithValue("ok", ok); }
        if (!string.IsNullOrWhiteSpace(q.Text))
        {
            where.Append(" AND (coalesce(target, '') ILIKE @text OR details::text ILIKE @text OR coalesce(ip, '') ILIKE @text)");
            cmd.Parameters.AddWithValue("text", Like(q.Text));
        }
        cmd.CommandText = $"""
            SELECT id, at, actor, actor_role, action, target, ip, succeeded, details::text, count(*) OVER ()
            FROM audit_log {where}
            ORDER BY at DESC, id DESC
            OFFSET @offset LIMIT @limit
            """;
        cmd.Parameters.AddWithValue("offset", Math.Max(0, q.Offset));
        cmd.Parameters.AddWithValue("limit", Math.Clamp(q.Limit, 1, 500));
        var page = new List<AuditRecord>();
        long total = 0;
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            page.Add(new AuditRecord(r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1), r.GetString(2),
                r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5),
                r.IsDBNull(6) ? null : r.GetString(6), r.GetBoolean(7), r.GetString(8)));
            total = r.GetInt64(9);
        }
        if (page.Count == 0 && q.Offset > 0)
        {
            // Past the end: the window function saw no rows, so count separately for the pager.
            await r.DisposeAsync();
            cmd.CommandText = $"SELECT count(*) FROM audit_log {where}";
            total = (long)(await cmd.ExecuteScalarAsync(ct))!;
        }
        return (page, total);
    }

    private static string Like(string text) =>
        "%" + text.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";

    private static string? Truncate(string? s, int max) => s is null || s.Length <= max ? s : s[..max];
}
