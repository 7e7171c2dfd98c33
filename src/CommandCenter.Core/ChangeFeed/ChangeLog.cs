using Npgsql;
using NpgsqlTypes;

namespace CommandCenter.Core.ChangeFeed;

/// <summary>The change log: one row per committed batch, announced with NOTIFY. Writers call
/// <see cref="AppendAsync"/> as the last statement of their transaction; readers page through
/// <see cref="ReadAfterAsync"/> by position.</summary>
public static class ChangeLog
{
    public const string Channel = "cc_changes";

    // Held from just before the append until commit. Positions are therefore handed out in commit
    // order: no transaction can take position N+1 and commit while N's transaction is still open,
    // so "position > last" never skips a late committer (design invariant 4). The lock is held only
    // for the append and the commit itself, so writers still do their real work concurrently.
    private const long AppendLockKey = 0x4343434841474C47; // "CCCHAGLG"

    /// <summary>Appends one entry inside <paramref name="tx"/> and queues the NOTIFY (delivered by
    /// PostgreSQL at commit, never before). The kind follows from the payload's type. Returns the entry's position.</summary>
    public static Task<long> AppendAsync(NpgsqlConnection conn, NpgsqlTransaction tx, ChangePayload payload, CancellationToken ct) =>
        AppendAsync(conn, tx, ChangePayloadJson.KindOf(payload), ChangePayloadJson.Serialize(payload), ct);

    // Untyped on purpose and internal: only tests append kinds of their own (ordering tests, unknown kinds).
    internal static async Task<long> AppendAsync(NpgsqlConnection conn, NpgsqlTransaction tx,
        string kind, string payloadJson, CancellationToken ct)
    {
        await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@lock)", conn, tx))
        {
            lockCmd.Parameters.AddWithValue("lock", AppendLockKey);
            await lockCmd.ExecuteNonQueryAsync(ct);
        }
        const string Sql = """
            WITH appended AS (
                INSERT INTO change_log (position, kind, payload)
                VALUES (nextval('change_log_position_seq'), @kind, @payload)
                RETURNING position)
            SELECT position, pg_notify(@channel, position::text) FROM appended
            """;
        await using var cmd = new NpgsqlCommand(Sql, conn, tx);
        cmd.Parameters.AddWithValue("kind", kind);
        cmd.Parameters.AddWithValue("payload", NpgsqlDbType.Jsonb, payloadJson);
        cmd.Parameters.AddWithValue("channel", Channel);
        var position = (long)(await cmd.ExecuteScalarAsync(ct))!;
        return position;
    }

    /// <summary>Entries after <paramref name="afterPosition"/>, oldest first, at most <paramref name="limit"/>.</summary>
    public static async Task<IReadOnlyList<ChangeEntry>> ReadAfterAsync(NpgsqlDataSource db, long afterPosition,
        int limit, CancellationToken ct)
    {
        const string Sql = """
            SELECT position, committed_at, kind, payload::text
            FROM change_log WHERE position > @after ORDER BY position LIMIT @limit
            """;
        await using var cmd = db.CreateCommand(Sql);
        cmd.Parameters.AddWithValue("after", afterPosition);
        cmd.Parameters.AddWithValue("limit", limit);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<ChangeEntry>();
        while (await r.ReadAsync(ct))
        {
            var kind = r.GetString(2);
            // Parsed once here, not per subscriber: every reader shares the same typed entry.
            list.Add(new ChangeEntry(r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1), kind, ChangePayloadJson.Deserialize(kind, r.GetString(3))));
        }
        return list;
    }

    /// <summary>The newest committed position (0 for an empty log).</summary>
    public static async Task<long> HeadAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT coalesce(max(position), 0) FROM change_log");
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
