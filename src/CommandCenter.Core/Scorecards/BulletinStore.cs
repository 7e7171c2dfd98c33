using System.Security.Cryptography;
using System.Text;
using CommandCenter.Core.Security;
using CommandCenter.Core.Time;
using Npgsql;

namespace CommandCenter.Core.Scorecards;

/// <summary>Monthly 通报: a preview computed now, or the published one read back as it was stored. Publishing
/// computes the content with the newest scorecard version and stores its JSON text with a SHA-256 and the
/// audit line in one transaction; the table refuses UPDATE and DELETE, and a month is published once.</summary>
public sealed class BulletinStore(NpgsqlDataSource db, BulletinBuilder builder, ScorecardStore scorecards, TimeProvider clock)
{
    public async Task<PublishedBulletin?> GetAsync(ScorePeriod month, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            SELECT scorecard_version, content, content_sha256, published_at, published_by FROM bulletins WHERE month = @m
            """);
        cmd.Parameters.AddWithValue("m", month.First);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct)
            ? new PublishedBulletin(Code(month), r.GetInt32(0), r.GetString(1), r.GetString(2), r.GetFieldValue<DateTimeOffset>(3), r.GetString(4))
            : null;
    }

    /// <summary>The month computed now with the newest scorecard (what publishing would store).</summary>
    public async Task<BulletinContent> PreviewAsync(ScorePeriod month, CancellationToken ct) =>
        await builder.BuildAsync(month, await scorecards.CurrentAsync(ct), ct);

    /// <summary>Why <paramref name="month"/> cannot be published now, or null.</summary>
    public string? PublishBlocker(ScorePeriod month)
    {
        var today = DateOnly.FromDateTime(Shanghai.ToLocal(clock.GetUtcNow()).Date);
        return month.Last >= today ? $"{month.Label}尚未结束，月度通报在次月 1 日起才能发布" : null;
    }

    public async Task<PublishedBulletin> PublishAsync(ScorePeriod month, AuditActor actor, CancellationToken ct)
    {
        if (month.Kind != ScorePeriodKind.Month) throw new ArgumentException("bulletins are monthly", nameof(month));
        if (PublishBlocker(month) is { } why) throw new ScorecardInvalidException([why]);
        var scorecard = await scorecards.CurrentAsync(ct);
        var content = await builder.BuildAsync(month, scorecard, ct);
        var json = content.ToJson();
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
        var now = clock.GetUtcNow();

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var cmd = new NpgsqlCommand("""
            INSERT INTO bulletins (month, scorecard_version, content, content_sha256, published_at, published_by)
            VALUES (@m, @v, @content, @sha, @at, @by)
            ON CONFLICT (month) DO NOTHING
            """, conn, tx))
        {
            cmd.Parameters.AddWithValue("m", month.First);
            cmd.Parameters.AddWithValue("v", scorecard.Version);
            cmd.Parameters.AddWithValue("content", json);
            cmd.Parameters.AddWithValue("sha", sha);
            cmd.Parameters.AddWithValue("at", now.ToUniversalTime());
            cmd.Parameters.AddWithValue("by", actor.Label);
            if (await cmd.ExecuteNonQueryAsync(ct) == 0)
                throw new ScorecardInvalidException([$"{month.Label}的通报已经发布，发布后不能再修改或重新发布"]);
        }
        await AuditLog.AppendAsync(conn, tx, new AuditEntry(actor.Name, actor.Role, AuditActions.BulletinPublished, Code(month), actor.Ip,
            Details: new Dictionary<string, string?> { ["scorecardVersion"] = scorecard.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), ["sha256"] = sha }), now, ct);
        await tx.CommitAsync(ct);
        return new PublishedBulletin(Code(month), scorecard.Version, json, sha, now, actor.Label);
    }

    private static string Code(ScorePeriod month) => month.First.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
}
