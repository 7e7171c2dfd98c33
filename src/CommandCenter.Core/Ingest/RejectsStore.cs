using System.Text;
using System.Text.RegularExpressions;
using CommandCenter.Core.Privacy;
using Npgsql;

namespace CommandCenter.Core.Ingest;

/// <summary>Reads the rejects table for the administrator. Raw records hold what sources sent, names
/// and phones included; the administrator needs the reason and the shape of the record, not the
/// resident, so the raw text is masked (phones, ID numbers, reporter names) before it leaves here.</summary>
public sealed partial class RejectsStore(NpgsqlDataSource db)
{
    public async Task<(IReadOnlyList<RejectRow> Page, long Total)> SearchAsync(RejectsQuery q, int offset, int limit, CancellationToken ct)
    {
        var where = new StringBuilder("WHERE true");
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand { Connection = conn };
        if (!string.IsNullOrWhiteSpace(q.Source)) { where.Append(" AND source = @source"); cmd.Parameters.AddWithValue("source", q.Source.Trim()); }
        if (!string.IsNullOrWhiteSpace(q.Stream)) { where.Append(" AND stream = @stream"); cmd.Parameters.AddWithValue("stream", q.Stream); }
        if (!string.IsNullOrWhiteSpace(q.Text))
        {
            where.Append(" AND (reason ILIKE @text OR raw ILIKE @text)");
            cmd.Parameters.AddWithValue("text", "%" + q.Text.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%");
        }
        cmd.CommandText = $"""
            SELECT id, received_at, source, stream, line_no, reason, raw, count(*) OVER ()
            FROM rejects {where} ORDER BY received_at DESC, id DESC OFFSET @offset LIMIT @limit
            """;
        cmd.Parameters.AddWithValue("offset", Math.Max(0, offset));
        cmd.Parameters.AddWithValue("limit", Math.Clamp(limit, 1, 500));
        var rows = new List<RejectRow>();
        long total = 0;
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            rows.Add(new RejectRow(r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetString(3),
                r.IsDBNull(4) ? null : r.GetInt32(4), r.GetString(5), MaskRaw(r.GetString(6))));
            total = r.GetInt64(7);
        }
        return (rows, total);
    }

    public async Task<IReadOnlyList<string>> SourcesAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT DISTINCT source FROM rejects WHERE source IS NOT NULL ORDER BY 1");
        var list = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add(r.GetString(0));
        return list;
    }

    /// <summary>Phones and ID numbers anywhere, and the value of any name-like JSON field.</summary>
    public static string MaskRaw(string raw) =>
        NameField().Replace(Masking.FreeText(raw) ?? "", m => m.Groups[1].Value + Masking.Name(m.Groups[2].Value) + "\"");

    [GeneratedRegex("(\"(?:reporterName|reporter_name|name|workerName|worker_name|contact)\"\\s*:\\s*\")([^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex NameField();
}
