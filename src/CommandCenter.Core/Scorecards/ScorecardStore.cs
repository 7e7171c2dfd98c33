using CommandCenter.Core.Security;
using Npgsql;
using NpgsqlTypes;

namespace CommandCenter.Core.Scorecards;

/// <summary>The scorecard's versions. A save never changes a stored version: it validates the definition and
/// writes the next version with its audit line in one transaction (the table refuses UPDATE and DELETE), so
/// last month's ranking can be recomputed with the version it was published with.</summary>
public sealed class ScorecardStore(NpgsqlDataSource db, TimeProvider clock)
{
    private const string Columns = "version, definition::text, note, created_at, created_by";

    public async Task<ScorecardVersion> CurrentAsync(CancellationToken ct) =>
        (await ReadAsync($"SELECT {Columns} FROM scorecard_versions ORDER BY version DESC LIMIT 1", null, ct)).SingleOrDefault()
        ?? throw new InvalidOperationException("no scorecard version: migration 0110 seeds version 1");

    public async Task<ScorecardVersion?> GetAsync(int version, CancellationToken ct) =>
        (await ReadAsync($"SELECT {Columns} FROM scorecard_versions WHERE version = @v", version, ct)).SingleOrDefault();

    /// <summary>Every version, newest first.</summary>
    public Task<IReadOnlyList<ScorecardVersion>> ListAsync(CancellationToken ct) =>
        ReadAsync($"SELECT {Columns} FROM scorecard_versions ORDER BY version DESC", null, ct);

    /// <summary>Saves <paramref name="definition"/> as the next version. Throws <see cref="ScorecardInvalidException"/>
    /// with every problem when it breaks a rule, and when <paramref name="basedOn"/> is no longer the newest
    /// version (someone else saved meanwhile: their change must not be overwritten unseen).</summary>
    public async Task<ScorecardVersion> SaveAsync(ScorecardDefinition definition, string note, int basedOn, AuditActor actor, CancellationToken ct)
    {
        var clean = definition with
        {
            Items = [.. definition.Items.Select(i => i with { Name = i.Name.Trim() })],
        };
        var problems = ScorecardRules.Validate(clean);
        if (problems.Count > 0) throw new ScorecardInvalidException(problems);
        note = note.Trim();
        if (note.Length > 200) throw new ScorecardInvalidException(["修改说明最多 200 个字"]);

        var now = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // One saver at a time: the next version number is read and written under this lock.
        await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(361700982341)", conn, tx))
            await lockCmd.ExecuteNonQueryAsync(ct);
        int latest;
        await using (var max = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM scorecard_versions", conn, tx))
            latest = (int)(await max.ExecuteScalarAsync(ct))!;
        if (latest != basedOn)
            throw new ScorecardInvalidException([$"考核细则已被他人修改（当前为第 {latest} 版，您编辑的是第 {basedOn} 版），请刷新后重新修改"]);
        var version = latest + 1;
        await using (var cmd = new NpgsqlCommand("""
            INSERT INTO scorecard_versions (version, definition, note, created_at, created_by)
            VALUES (@v, @d, @note, @at, @by)
            """, conn, tx))
        {
            cmd.Parameters.AddWithValue("v", version);
            cmd.Parameters.AddWithValue("d", NpgsqlDbType.Jsonb, clean.ToJson());
            cmd.Parameters.AddWithValue("note", note);
            cmd.Parameters.AddWithValue("at", now.ToUniversalTime());
            cmd.Parameters.AddWithValue("by", actor.Name);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await AuditLog.AppendAsync(conn, tx, new AuditEntry(actor.Name, actor.Role, AuditActions.ScorecardSaved, $"第 {version} 版", actor.Ip,
            Details: new Dictionary<string, string?> { ["basedOn"] = basedOn.ToString(System.Globalization.CultureInfo.InvariantCulture), ["note"] = note, ["definition"] = clean.ToJson() }), now, ct);
        await tx.CommitAsync(ct);
        return new ScorecardVersion(version, clean, note, now, actor.Name);
    }

    private async Task<IReadOnlyList<ScorecardVersion>> ReadAsync(string sql, int? version, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(sql);
        if (version is { } v) cmd.Parameters.AddWithValue("v", v);
        var list = new List<ScorecardVersion>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(new ScorecardVersion(r.GetInt32(0), ScorecardDefinition.FromJson(r.GetString(1)), r.GetString(2),
                r.GetFieldValue<DateTimeOffset>(3), r.GetString(4)));
        return list;
    }
}
