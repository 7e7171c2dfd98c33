using CommandCenter.Ingest.Validation;
using Npgsql;
using NpgsqlTypes;

namespace CommandCenter.Ingest.Writer;

/// <summary>Small pieces every batch writer shares: staging tables, COPY of nullable values, rounds for
/// keys repeated within a batch, the rejects COPY.</summary>
internal static class BatchSql
{
    public static async Task ExecAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A private, transaction-scoped copy of a staging template.</summary>
    public static Task CreateStageAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string name, string template, CancellationToken ct) =>
        ExecAsync(conn, tx, $"CREATE TEMP TABLE {name} (LIKE {template}) ON COMMIT DROP", ct);

    public static Task WriteAsync<T>(this NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken ct) where T : struct =>
        value is { } v ? copy.WriteAsync(v, type, ct) : copy.WriteNullAsync(ct);

    // Npgsql writes timestamptz only from UTC values.
    public static Task WriteTimeAsync(this NpgsqlBinaryImporter copy, DateTimeOffset? value, CancellationToken ct) =>
        value is { } v ? copy.WriteAsync(v.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct) : copy.WriteNullAsync(ct);

    public static Task WriteTextAsync(this NpgsqlBinaryImporter copy, string? value, CancellationToken ct) =>
        value is not null ? copy.WriteAsync(value, NpgsqlDbType.Text, ct) : copy.WriteNullAsync(ct);

    /// <summary>1 for the first occurrence of a key in the batch, 2 for the second, … An upsert cannot
    /// touch one row twice in a statement, so each round is applied on its own, in line order.</summary>
    public static int[] Rounds<T>(IReadOnlyList<ParsedRecord<T>> records, Func<T, string> key)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var rounds = new int[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            var k = key(records[i].Record);
            rounds[i] = seen[k] = seen.GetValueOrDefault(k) + 1;
        }
        return rounds;
    }

    /// <summary>Keeps every rejected record verbatim with its reason, inside the batch's transaction.</summary>
    public static async Task CopyRejectsAsync(NpgsqlConnection conn, string source, string stream,
        IReadOnlyList<RejectedRecord> rejects, CancellationToken ct)
    {
        if (rejects.Count == 0) return;
        await using var copy = await conn.BeginBinaryImportAsync(
            "COPY rejects (source, stream, line_no, raw, reason) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var r in rejects)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(source, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(stream, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(r.Line, NpgsqlDbType.Integer, ct);
            // Never the reason a batch fails: a reason may quote a NUL the sender put in a field.
            await copy.WriteAsync(RawText.Storable(r.Raw), NpgsqlDbType.Text, ct);
            await copy.WriteAsync(RawText.Storable(r.Reason), NpgsqlDbType.Text, ct);
        }
        await copy.CompleteAsync(ct);
    }

    /// <summary>Grid codes or worker ids in ordinal order, so the same batch always writes the same payload.</summary>
    public static IReadOnlyList<string> Sorted(IEnumerable<string> values) => [.. values.Order(StringComparer.Ordinal)];
}
