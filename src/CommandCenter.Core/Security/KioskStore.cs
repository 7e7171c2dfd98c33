using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace CommandCenter.Core.Security;

/// <summary>Kiosk credentials for the wall screens. A token is 32 random bytes (URL-safe base64) shown
/// once as the link <c>/kiosk/{token}</c>; only its SHA-256 is stored: a random 256-bit secret needs
/// no slow password hash, and a lookup by hash keeps the comparison out of application code.</summary>
public sealed class KioskStore(NpgsqlDataSource db, TimeProvider clock, SessionStore sessions)
{
    public const string LinkPrefix = "/kiosk/";

    public async Task<(long Id, string Token)> CreateAsync(string name, string? location, AuditActor actor, CancellationToken ct)
    {
        name = name.Trim();
        if (name.Length is 0 or > 60)
            throw new SecurityChangeException("大屏名称须为 1–60 个字符");
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO kiosk_credentials (name, location, token_hash, created_at, created_by)
            VALUES (@name, @location, @hash, @now, @by) RETURNING id
            """, conn, tx);
        cmd.Parameters.AddWithValue("name", name);
        cmd.Parameters.AddWithValue("location", location?.Trim() ?? "");
        cmd.Parameters.AddWithValue("hash", Hash(token));
        cmd.Parameters.AddWithValue("now", now);
        cmd.Parameters.AddWithValue("by", actor.Name);
        var id = (long)(await cmd.ExecuteScalarAsync(ct))!;
        await AuditLog.AppendAsync(conn, tx, new AuditEntry(actor.Name, actor.Role, AuditActions.KioskCreated,
            $"{name} (#{id})", actor.Ip, Details: new Dictionary<string, string?> { ["location"] = location }), now, ct);
        await tx.CommitAsync(ct);
        return (id, token);
    }

    /// <summary>The active credential a token belongs to, or null (unknown, malformed or revoked).</summary>
    public async Task<KioskCredential?> FindActiveAsync(string token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100) return null;
        await using var cmd = db.CreateCommand($"SELECT {Columns} FROM kiosk_credentials WHERE token_hash = @hash AND revoked_at IS NULL");
        cmd.Parameters.AddWithValue("hash", Hash(token));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? Read(r) : null;
    }

    public async Task<IReadOnlyList<KioskCredential>> ListAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"SELECT {Columns} FROM kiosk_credentials ORDER BY revoked_at IS NOT NULL, created_at DESC");
        var list = new List<KioskCredential>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add(Read(r));
        return list;
    }

    /// <summary>Revokes a credential and ends its sessions: open screens are dropped at their next
    /// revalidation (seconds), and the link stops working at once.</summary>
    public async Task<bool> RevokeAsync(long id, AuditActor actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        string? name;
        await using (var cmd = new NpgsqlCommand(
            "UPDATE kiosk_credentials SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL RETURNING name", conn, tx))
        {
            cmd.Parameters.AddWithValue("id", id);
            cmd.Parameters.AddWithValue("now", now);
            name = await cmd.ExecuteScalarAsync(ct) as string;
        }
        if (name is null) return false;
        await sessions.EndAllForKioskAsync(conn, tx, id, "kiosk revoked", ct);
        await AuditLog.AppendAsync(conn, tx, new AuditEntry(actor.Name, actor.Role, AuditActions.KioskRevoked, $"{name} (#{id})", actor.Ip), now, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    internal async Task MarkUsedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("UPDATE kiosk_credentials SET last_used_at = @now WHERE id = @id", conn, tx);
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("now", clock.GetUtcNow());
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private const string Columns = "id, name, location, created_at, created_by, revoked_at, last_used_at";

    private static KioskCredential Read(NpgsqlDataReader r) => new(r.GetInt64(0), r.GetString(1), r.GetString(2),
        r.GetFieldValue<DateTimeOffset>(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetFieldValue<DateTimeOffset>(5),
        r.IsDBNull(6) ? null : r.GetFieldValue<DateTimeOffset>(6));
}
