using CommandCenter.Core.ChangeFeed;
using CommandCenter.Core.Ingest;
using CommandCenter.Ingest.Validation;
using Npgsql;
using NpgsqlTypes;

namespace CommandCenter.Ingest.Writer;

/// <summary>Writes a batch of patrol events in one transaction (COPY → insert-if-new → rejects →
/// change log → commit). Patrol events never change once stored, so a repeat is a duplicate.</summary>
public sealed class PatrolWriter(NpgsqlDataSource db)
{
    // The rejects' stream: the same name as the API path.
    private static readonly string Stream = IngestPipeline.Name(IngestStream.Patrols);

    private const string InsertSql = """
        INSERT INTO patrol_events (source, external_id, worker_id, worker_name, kind, at, location, grid_code,
            location_flag, nearest_grid_code, note)
        SELECT @source, s.external_id, s.worker_id, s.worker_name, s.kind, s.at,
            CASE WHEN s.lon IS NOT NULL THEN ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4326) END,
            s.grid_code, s.location_flag, s.nearest_grid_code, s.note
        FROM stage_patrols s ORDER BY s.line_no
        ON CONFLICT (source, external_id) DO NOTHING
        RETURNING external_id, id
        """;

    public async Task<BatchResult> WriteAsync(string source, ParsedBatch<PatrolRecord> batch, CancellationToken ct)
    {
        var outcomes = new List<RecordOutcome>(batch.Count);
        outcomes.AddRange(batch.Rejected.Select(r => new RecordOutcome(r.Line, r.ExternalId, RecordStatus.Rejected, r.Reason)));
        var inserted = new Dictionary<string, long>(StringComparer.Ordinal);
        var grids = new HashSet<string>(StringComparer.Ordinal);
        var workers = new HashSet<string>(StringComparer.Ordinal);

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (batch.Valid.Count > 0)
        {
            await BatchSql.CreateStageAsync(conn, tx, "stage_patrols", "ingest_stage_patrols", ct);
            await CopyAsync(conn, batch.Valid, ct);
            await using var cmd = new NpgsqlCommand(InsertSql, conn, tx);
            cmd.Parameters.AddWithValue("source", source);
            await using (var r = await cmd.ExecuteReaderAsync(ct))
                while (await r.ReadAsync(ct))
                    inserted[r.GetString(0)] = r.GetInt64(1);
            foreach (var p in batch.Valid)
            {
                // A key repeated inside the batch was inserted once: the first line gets it.
                if (inserted.Remove(p.Record.ExternalId, out var id))
                {
                    outcomes.Add(new RecordOutcome(p.Line, p.Record.ExternalId, RecordStatus.Accepted, null, id, p.Warning));
                    workers.Add(p.Record.WorkerId);
                    if ((p.Location?.GridCode ?? p.Location?.NearestGridCode) is { } g) grids.Add(g);
                }
                else
                    outcomes.Add(new RecordOutcome(p.Line, p.Record.ExternalId, RecordStatus.Duplicate));
            }
        }
        await BatchSql.CopyRejectsAsync(conn, source, Stream, batch.Rejected, ct);
        long? position = null;
        var accepted = outcomes.Where(o => o.Status == RecordStatus.Accepted).ToList();
        if (accepted.Count > 0)
        {
            var change = new PatrolsChange([.. accepted.Select(o => o.Id!.Value)], BatchSql.Sorted(grids), source,
                BatchSql.Sorted(workers), accepted.Count);
            position = await ChangeLog.AppendAsync(conn, tx, change, ct);
        }
        await tx.CommitAsync(ct);
        return new BatchResult(outcomes, position);
    }

    private static async Task CopyAsync(NpgsqlConnection conn, List<ParsedRecord<PatrolRecord>> records, CancellationToken ct)
    {
        await using var copy = await conn.BeginBinaryImportAsync("""
            COPY stage_patrols (line_no, external_id, worker_id, worker_name, kind, at, lon, lat, grid_code,
                location_flag, nearest_grid_code, note) FROM STDIN (FORMAT BINARY)
            """, ct);
        foreach (var (line, x, loc, _, _) in records)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(line, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(x.ExternalId, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(x.WorkerId, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(x.WorkerName, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(x.Kind, NpgsqlDbType.Text, ct);
            await copy.WriteTimeAsync(x.At, ct);
            await copy.WriteAsync(x.Longitude, NpgsqlDbType.Double, ct);
            await copy.WriteAsync(x.Latitude, NpgsqlDbType.Double, ct);
            await copy.WriteTextAsync(loc?.GridCode, ct);
            await copy.WriteTextAsync(LocationCheck.Flag(loc), ct);
            await copy.WriteTextAsync(loc?.NearestGridCode, ct);
            await copy.WriteTextAsync(x.Note, ct);
        }
        await copy.CompleteAsync(ct);
    }
}
