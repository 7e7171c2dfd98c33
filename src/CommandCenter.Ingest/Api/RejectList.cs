using Npgsql;
using CommandCenter.Ingest.Validation;

namespace CommandCenter.Ingest.Api;

/// <summary>GET /api/v1/rejects: the caller's own rejected records, newest first, so a source can see
/// what it sent wrong (raw text, reason, line, time).</summary>
public static class RejectList
{
    public sealed record Reject(long Id, DateTimeOffset ReceivedAt, string Stream, int? Line, string Reason, string Raw);

    public static async Task HandleAsync(HttpContext http, IngestRequestHandler auth, NpgsqlDataSource db,
        int? limit, long? before, CancellationToken ct)
    {
        try
        {
            var source = await auth.AuthenticateAsync(http, ct);
            if (source is null) return;
            await using var cmd = db.CreateCommand("""
                SELECT id, received_at, stream, line_no, reason, raw FROM rejects
                WHERE source = @source AND (@before::bigint IS NULL OR id < @before)
                ORDER BY received_at DESC, id DESC LIMIT @limit
                """);
            cmd.Parameters.AddWithValue("source", source);
            cmd.Parameters.AddWithValue("before", NpgsqlTypes.NpgsqlDbType.Bigint, (object?)before ?? DBNull.Value);
            cmd.Parameters.AddWithValue("limit", Math.Clamp(limit ?? 100, 1, 1000));
            var list = new List<Reject>();
            await using (var r = await cmd.ExecuteReaderAsync(ct))
                while (await r.ReadAsync(ct))
                    list.Add(new Reject(r.GetInt64(0), r.GetFieldValue<DateTimeOffset>(1), r.GetString(2),
                        r.IsDBNull(3) ? null : r.GetInt32(3), r.GetString(4), r.GetString(5)));
            await http.Response.WriteAsJsonAsync(new { source, rejects = list }, IngestJson.Options, ct);
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex) && !ct.IsCancellationRequested)
        {
            http.Response.Headers.RetryAfter = "5";
            await IngestRequestHandler.ErrorAsync(http, StatusCodes.Status503ServiceUnavailable, "the database is unavailable; retry later", ct);
        }
    }
}
