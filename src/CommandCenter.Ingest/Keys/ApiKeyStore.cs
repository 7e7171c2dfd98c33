using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace CommandCenter.Ingest.Keys;

/// <summary>Per-source API keys. A key is 32 random bytes shown once at creation; only its SHA-256 is
/// stored (a random 256-bit key needs no slow password hash), plus its first characters for listing.</summary>
public sealed partial class ApiKeyStore(NpgsqlDataSource db)
{
    public const string Header = "X-Api-Key";

    public sealed record KeyInfo(long Id, string Source, string? Label, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

    public static bool IsValidSource(string source) => SourcePattern().IsMatch(source);

    /// <summary>Creates a key for <paramref name="source"/> and returns it; it cannot be read back later.</summary>
    public async Task<(long Id, string Key)> CreateAsync(string source, string? label, CancellationToken ct)
    {
        if (!IsValidSource(source))
            throw new ArgumentException($"source '{source}' must be 1–50 characters of a-z, 0-9, '.', '_' or '-'", nameof(source));
        var key = "cc_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await using var cmd = db.CreateCommand("""
            INSERT INTO api_keys (source, key_hash, label, key_prefix) VALUES (@source, @hash, @label, @prefix) RETURNING id
            """);
        cmd.Parameters.AddWithValue("source", source);
        cmd.Parameters.AddWithValue("hash", Hash(key));
        cmd.Parameters.AddWithValue("label", (object?)label ?? DBNull.Value);
        cmd.Parameters.AddWithValue("prefix", key[..10]);
        return ((long)(await cmd.ExecuteScalarAsync(ct))!, key);
    }

    /// <summary>The source a key belongs to, or null for an unknown or revoked key.</summary>
    public async Task<string?> AuthenticateAsync(string key, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT source FROM api_keys WHERE key_hash = @hash AND revoked_at IS NULL");
        cmd.Parameters.AddWithValue("hash", Hash(key));
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    /// <summary>Revokes every active key of a source; returns how many.</summary>
    public async Task<int> RevokeSourceAsync(string source, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("UPDATE api_keys SET revoked_at = now() WHERE source = @source AND revoked_at IS NULL");
        cmd.Parameters.AddWithValue("source", source);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Revokes one key, named by its id or by the key itself.</summary>
    public async Task<bool> RevokeAsync(long? id, string? key, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            UPDATE api_keys SET revoked_at = now()
            WHERE revoked_at IS NULL AND (id = @id OR key_hash = @hash)
            """);
        cmd.Parameters.AddWithValue("id", id ?? -1);
        cmd.Parameters.AddWithValue("hash", key is null ? "" : Hash(key));
        return await cmd.ExecuteNonQueryAsync(ct) > 0;
    }

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
