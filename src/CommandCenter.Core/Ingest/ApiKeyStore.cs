using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CommandCenter.Core.Security;
using Npgsql;

namespace CommandCenter.Core.Ingest;

/// <summary>Per-source API keys. A key is 32 random bytes shown once at creation; only its SHA-256 is
/// stored (a random 256-bit key needs no slow password hash), plus its first characters for listing.
/// In Core because both the ingest command line and the web app's admin page manage keys; every
/// creation and revocation is audited in its own transaction.</summary>
public sealed partial class ApiKeyStore(NpgsqlDataSource db)
{
    public const string Header = "X-Api-Key";

    public sealed record KeyInfo(long Id, string Source, string? Label, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

    public static bool IsValidSource(string source) => SourcePattern().IsMatch(source);

    /// <summary>Creates a key for <paramref name="source"/> and returns it; it cannot be read back later.</summary>
    public Task<(long Id, string Key)> CreateAsync(string source, string? label, CancellationToken ct) =>
        CreateAsync(source, label, AuditActor.System, ct);

    public async Task<(long Id, string Key)> CreateAsync(string source, string? label, AuditActor actor, CancellationToken ct)
    {
        if (!IsValidSource(source))
            throw new ArgumentException($"source '{source}' must be 1–50 characters of a-z, 0-9, '.', '_' or '-'", nameof(source));
        var key = "cc_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO api_keys (source, key_hash, label, key_prefix) VALUES (@source, @hash, @label, @prefix) RETURNING id
            """, conn, tx);
        cmd.Parameters.AddWithValue("source", source);
        cmd.Parameters.AddWithValue("hash", Hash(key));
        cmd.Parameters.AddWithValue("label", (object?)label ?? DBNull.Value);
        cmd.Parameters.AddWithValue("prefix", key[..10]);
        var id = (long)(await cmd.ExecuteScalarAsync(ct))!;
        await AuditAsync(conn, tx, actor, AuditActions.ApiKeyCreated, $"{source} #{id} ({key[..10]}…)", label, ct);
        await tx.CommitAsync(ct);
        return (id, key);
    }

    /// <summary>The source a key belongs to, or null for an unknown or revoked key.</summary>
    public async Task<string?> AuthenticateAsync(string key, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT source FROM api_keys WHERE key_hash = @hash AND revoked_at IS NULL");
        cmd.Parameters.AddWithValue("hash", Hash(key));
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    /// <summary>Revokes every active key of a source; returns how many.</summary>
    public Task<int> RevokeSourceAsync(string source, CancellationToken ct) => RevokeSourceAsync(source, AuditActor.System, ct);

    public Task<int> RevokeSourceAsync(string source, AuditActor actor, CancellationToken ct) =>
        RevokeWhereAsync("source = @source", cmd => cmd.Parameters.AddWithValue("source", source), actor, ct);

    /// <summary>Revokes one key, named by its id or by the key itself. Takes effect on the key's next
    /// request: every request looks the key up.</summary>
    public async Task<bool> RevokeAsync(long? id, string? key, CancellationToken ct) => await RevokeAsync(id, key, AuditActor.System, ct);

    public async Task<bool> RevokeAsync(long? id, string? key, AuditActor actor, CancellationToken ct) =>
        await RevokeWhereAsync("(id = @id OR key_hash = @hash)", cmd =>
        {
            cmd.Parameters.AddWithValue("id", id ?? -1);
            cmd.Parameters.AddWithValue("hash", key is null ? "" : Hash(key));
        }, actor, ct) > 0;

    private async Task<int> RevokeWhereAsync(string condition, Action<NpgsqlCommand> bind, AuditActor actor, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var revoked = new List<string>();
        await using (var cmd = new NpgsqlCommand($"""
            UPDATE api_keys SET revoked_at = now()
            WHERE revoked_at IS NULL AND {condition}
            RETURNING source || ' #' || id || ' (' || coalesce(key_prefix, '') || '…)'
            """, conn, tx))
        {
            bind(cmd);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) revoked.Add(r.GetString(0));
        }
        foreach (var target in revoked)
            await AuditAsync(conn, tx, actor, AuditActions.ApiKeyRevoked, target, null, ct);
        await tx.CommitAsync(ct);
        return revoked.Count;
    }

    private static Task AuditAsync(NpgsqlConnection conn, NpgsqlTransaction tx, AuditActor actor, string action, string target, string? label, CancellationToken ct) =>
        AuditLog.AppendAsync(conn, tx, new AuditEntry(actor.Name, actor.Role, action, target, actor.Ip,
            Details: label is null ? null : new Dictionary<string, string?> { ["label"] = label }), null, ct);

    public async Task<IReadOnlyList<KeyInfo>> ListAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            SELECT id, source, label, coalesce(key_prefix, ''), created_at, revoked_at FROM api_keys ORDER BY source, id
            """);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<KeyInfo>();
        while (await r.ReadAsync(ct))
            list.Add(new KeyInfo(r.GetInt64(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3),
                r.GetFieldValue<DateTimeOffset>(4), r.IsDBNull(5) ? null : r.GetFieldValue<DateTimeOffset>(5)));
        return list;
    }

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    [GeneratedRegex("^[a-z0-9._-]{1,50}$")]
    private static partial Regex SourcePattern();
}
