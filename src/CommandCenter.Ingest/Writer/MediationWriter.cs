using CommandCenter.Core.ChangeFeed;
using CommandCenter.Core.Ingest;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using CommandCenter.Ingest.Validation;

namespace CommandCenter.Ingest.Writer;

/// <summary>Writes a batch of mediation records in one transaction. A mediation is linked to its case by
/// (case source, caseRef) and takes the case's grid; a newer delivery (by updatedAt) replaces an older one.</summary>
public sealed class MediationWriter(NpgsqlDataSource db, ILogger<MediationWriter> log)
{
    // The rejects' stream: the same name as the API path.
    private static readonly string Stream = IngestPipeline.Name(IngestStream.Mediations);

    private const string UpsertSql = """
        WITH up AS (
            INSERT INTO mediations AS m (source, external_id, case_id, case_ref, case_source, grid_code,
                mediator_type, mode, level, outcome, failure_route, agreement, started_at, ended_at, source_updated_at)
            SELECT @source, s.external_id, c.id, s.case_ref, s.case_source,
                coalesce(c.grid_code, c.nearest_grid_code, s.grid_code), s.mediator_type, s.mode, s.level,
                s.outcome, s.failure_route, s.agreement, s.started_at, s.ended_at, s.source_updated_at
            FROM stage_mediations s
            LEFT JOIN cases c ON c.source = coalesce(s.case_source, @source) AND c.external_id = s.case_ref
            WHERE s.round = @round
            ON CONFLICT (source, external_id) DO UPDATE SET
                case_id = EXCLUDED.case_id, case_ref = EXCLUDED.case_ref, case_source = EXCLUDED.case_source,
                grid_code = EXCLUDED.grid_code, mediator_type = EXCLUDED.mediator_type, mode = EXCLUDED.mode,
                level = EXCLUDED.level, outcome = EXCLUDED.outcome, failure_route = EXCLUDED.failure_route,
                agreement = EXCLUDED.agreement, started_at = EXCLUDED.started_at, ended_at = EXCLUDED.ended_at,
                source_updated_at = EXCLUDED.source_updated_at
            WHERE m.source_updated_at IS NULL OR EXCLUDED.source_updated_at > m.source_updated_at
            RETURNING m.id, m.external_id, m.case_id, m.grid_code
        )
        SELECT s.line_no, up.id, up.case_id, up.grid_code, old.id, old.source_updated_at
        FROM stage_mediations s
        LEFT JOIN up ON up.external_id = s.external_id
        LEFT JOIN mediations old ON old.source = @source AND old.external_id = s.external_id
        WHERE s.round = @round
        """;

    public async Task<BatchResult> WriteAsync(string source, ParsedBatch<MediationRecord> batch, CancellationToken ct)
    {
        var outcomes = new List<RecordOutcome>(batch.Count);
        outcomes.AddRange(batch.Rejected.Select(r => new RecordOutcome(r.Line, r.ExternalId, RecordStatus.Rejected, r.Reason)));
        var rejects = new List<RejectedRecord>(batch.Rejected);
        var ids = new List<long>();
        var caseIds = new HashSet<long>();
        var grids = new HashSet<string>(StringComparer.Ordinal);

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (batch.Valid.Count > 0)
        {
            var rounds = BatchSql.Rounds(batch.Valid, r => r.ExternalId);
            await BatchSql.CreateStageAsync(conn, tx, "stage_mediations", "ingest_stage_mediations", ct);
            await CopyAsync(conn, batch.Valid, rounds, ct);
            await BatchSql.ExecAsync(conn, tx, "ANALYZE stage_mediations", ct);   // no statistics yet: see IncidentWriter
            var byLine = batch.Valid.ToDictionary(r => r.Line);
            for (var round = 1; round <= rounds.Max(); round++)
            {
                await using var cmd = new NpgsqlCommand(UpsertSql, conn, tx);
                cmd.Parameters.AddWithValue("source", source);
                cmd.Parameters.AddWithValue("round", round);
                await using var r = await cmd.ExecuteReaderAsync(ct);
                while (await r.ReadAsync(ct))
                {
                    var p = byLine[r.GetInt32(0)];
                    if (!r.IsDBNull(1))
                    {
                        var id = r.GetInt64(1);
                        ids.Add(id);
                        if (!r.IsDBNull(2)) caseIds.Add(r.GetInt64(2));
                        if (!r.IsDBNull(3)) grids.Add(r.GetString(3));
                        var warning = r.IsDBNull(2) && p.Record.CaseRef is not null
                            ? $"case '{p.Record.CaseRef}' is not known (yet); stored with its reference only" : null;
                        outcomes.Add(new RecordOutcome(p.Line, p.Record.ExternalId, RecordStatus.Accepted, null, id, warning));
                        continue;
                    }
                    var storedAt = r.IsDBNull(5) ? (DateTimeOffset?)null : r.GetFieldValue<DateTimeOffset>(5);
                    if (storedAt is null || storedAt == p.Record.SourceUpdatedAt)
                        outcomes.Add(new RecordOutcome(p.Line, p.Record.ExternalId, RecordStatus.Duplicate, null, r.IsDBNull(4) ? null : r.GetInt64(4)));
                    else
                    {
                        var reason = $"out of order: this update (updatedAt {p.Record.SourceUpdatedAt:O}) is older than the one stored ({storedAt:O}); ignored";
                        log.LogInformation("Ignored mediation {Source}/{ExternalId} (line {Line}): {Reason}", source, p.Record.ExternalId, p.Line, reason);
                        rejects.Add(new RejectedRecord(p.Line, p.Record.ExternalId, p.RawText(), reason));
                        outcomes.Add(new RecordOutcome(p.Line, p.Record.ExternalId, RecordStatus.Rejected, reason));
                    }
                }
            }
        }
        await BatchSql.CopyRejectsAsync(conn, source, Stream, rejects, ct);
        long? position = null;
        if (ids.Count > 0)
        {
            var change = new MediationsChange([.. ids], BatchSql.Sorted(grids), source, [.. caseIds.Order()], ids.Count);
            position = await ChangeLog.AppendAsync(conn, tx, change, ct);
        }
        await tx.CommitAsync(ct);
        return new BatchResult(outcomes, position);
    }

    private static async Task CopyAsync(NpgsqlConnection conn, List<ParsedRecord<MediationRecord>> records, int[] rounds, CancellationToken ct)
    {
        await using var copy = await conn.BeginBinaryImportAsync("""
            COPY stage_mediations (line_no, round, external_id, case_source, case_ref, grid_code, mediator_type,
                mode, level, outcome, failure_route, agreement, started_at, ended_at, source_updated_at)
            FROM STDIN (FORMAT BINARY)
            """, ct);
        for (var i = 0; i < records.Count; i++)
        {
            var x = records[i].Record;
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(records[i].Line, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(rounds[i], NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(x.ExternalId, NpgsqlDbType.Text, ct);
            await copy.WriteTextAsync(x.CaseSource, ct);
            await copy.WriteTextAsync(x.CaseRef, ct);
            await copy.WriteTextAsync(x.GridCode, ct);
            await copy.WriteAsync(x.MediatorType, NpgsqlDbType.Text, ct);
            await copy.WriteTextAsync(x.Mode, ct);
            await copy.WriteAsync(x.Level, NpgsqlDbType.Text, ct);
            await copy.WriteTextAsync(x.Outcome, ct);
            await copy.WriteTextAsync(x.FailureRoute, ct);
            await copy.WriteTextAsync(x.Agreement, ct);
            await copy.WriteTimeAsync(x.StartedAt, ct);
            await copy.WriteTimeAsync(x.EndedAt, ct);
            await copy.WriteTimeAsync(x.SourceUpdatedAt, ct);
        }
        await copy.CompleteAsync(ct);
    }
}
