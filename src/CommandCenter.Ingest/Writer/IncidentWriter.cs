using CommandCenter.Core.Cases;
using CommandCenter.Core.ChangeFeed;
using CommandCenter.Core.Ingest;
using CommandCenter.Ingest.Validation;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace CommandCenter.Ingest.Writer;

/// <summary>Writes a batch of incidents in one transaction: binary COPY into a private staging table,
/// one upsert per round keyed by (source, external id) that never moves a case backwards, the rejects,
/// one change-log entry, commit. Only a committed result is returned (acknowledged means durable).</summary>
public sealed class IncidentWriter(NpgsqlDataSource db, ILogger<IncidentWriter> log)
{
    // The rejects' stream: the same name as the API path.
    private static readonly string Stream = IngestPipeline.Name(IngestStream.Incidents);

    private const string Columns = """
        line_no, round, external_id, channel, category_code, title, description, address, lon, lat,
        grid_code, location_flag, nearest_grid_code, nearest_grid_m, reporter_name, reporter_phone,
        priority, status, occurred_at, reported_at, accepted_at, dispatched_at, assignee_code, deadline_at,
        feedback_at, closed_at, satisfaction, callback_at, source_updated_at, reporter_worker_id
        """;

    // A 回访 result of 不满意 never leaves a case closed (the officer path's rule, CaseMachine.RecordCallback):
    // "held" = the record says 待回访/已办结 but its callback is 不满意, so the case is 处置中 here; "reopen" =
    // that callback is new (later than the stored one): counted as a reopen, with a fresh deadline, and the
    // second one also escalates to 纠风办 at 3级督办. x is the incoming row (the staged row or EXCLUDED).
    private static string Held(string x) => $"({x}.satisfaction IS NOT DISTINCT FROM '不满意' AND {x}.status IN ('callback', 'closed'))";

    // In ON CONFLICT, EXCLUDED is the row as the INSERT's SELECT made it, i.e. already "held" (status 处置中,
    // no 办结 time, the rectification deadline) and marked by unsatisfied_count = 1.
    private const string HeldX = "(EXCLUDED.unsatisfied_count = 1)";

    private const string Reopen = $"({HeldX} AND (c.callback_at IS NULL OR EXCLUDED.callback_at > c.callback_at))";

    // The rectification deadline: the source's if it lies after the callback, else the category's time limit from it.
    private static string ReopenDeadline(string x) =>
        $"(CASE WHEN {x}.deadline_at > {x}.callback_at THEN {x}.deadline_at " +
        $"ELSE {x}.callback_at + (SELECT make_interval(hours => k.time_limit_hours) FROM categories k WHERE k.code = {x}.category_code) END)";

    // The guard (newer source time AND not a lower status rank) is evaluated by PostgreSQL against the
    // row as locked, so concurrent deliveries of one case cannot move it backwards either. Milestone
    // times the source leaves out keep what is stored (an officer may have set them). The one backward
    // move a source may cause is the reopen after a new 不满意 callback.
    private static readonly string UpsertSql = $"""
        WITH prev AS (
            SELECT s.line_no, c.id, c.status, c.source_updated_at, c.unsatisfied_count
            FROM stage_incidents s JOIN cases c ON c.source = @source AND c.external_id = s.external_id
            WHERE s.round = @round
        ), up AS (
            INSERT INTO cases AS c (source, external_id, channel, category_code, title, description, address,
                location, grid_code, location_flag, nearest_grid_code, nearest_grid_m, reporter_name,
                reporter_phone, priority, status, occurred_at, reported_at, accepted_at, dispatched_at,
                assignee_code, deadline_at, feedback_at, closed_at, satisfaction, callback_at, source_updated_at,
                unsatisfied_count, reopened_count, reporter_worker_id)
            SELECT @source, s.external_id, s.channel, s.category_code, s.title, s.description, s.address,
                CASE WHEN s.lon IS NOT NULL THEN ST_SetSRID(ST_MakePoint(s.lon, s.lat), 4326) END,
                s.grid_code, s.location_flag, s.nearest_grid_code, s.nearest_grid_m, s.reporter_name,
                s.reporter_phone, s.priority,
                CASE WHEN {Held("s")} THEN 'in_progress' ELSE s.status END,
                s.occurred_at, s.reported_at, s.accepted_at, s.dispatched_at, s.assignee_code,
                CASE WHEN {Held("s")} THEN {ReopenDeadline("s")} ELSE s.deadline_at END,
                CASE WHEN {Held("s")} THEN NULL ELSE s.feedback_at END,
                CASE WHEN {Held("s")} THEN NULL ELSE s.closed_at END,
                s.satisfaction, s.callback_at, s.source_updated_at,
                {Held("s")}::int, {Held("s")}::int, s.reporter_worker_id
            FROM stage_incidents s WHERE s.round = @round
            ON CONFLICT (source, external_id) DO UPDATE SET
                channel = EXCLUDED.channel, category_code = EXCLUDED.category_code, title = EXCLUDED.title,
                description = EXCLUDED.description, address = EXCLUDED.address, location = EXCLUDED.location,
                grid_code = EXCLUDED.grid_code, location_flag = EXCLUDED.location_flag,
                nearest_grid_code = EXCLUDED.nearest_grid_code, nearest_grid_m = EXCLUDED.nearest_grid_m,
                reporter_name = EXCLUDED.reporter_name, reporter_phone = EXCLUDED.reporter_phone,
                reporter_worker_id = coalesce(EXCLUDED.reporter_worker_id, c.reporter_worker_id),
                priority = EXCLUDED.priority,
                status = EXCLUDED.status,
                occurred_at = coalesce(EXCLUDED.occurred_at, c.occurred_at),
                reported_at = EXCLUDED.reported_at,
                accepted_at = coalesce(c.accepted_at, EXCLUDED.accepted_at),
                dispatched_at = coalesce(EXCLUDED.dispatched_at, c.dispatched_at),
                assignee_code = coalesce(EXCLUDED.assignee_code, c.assignee_code),
                -- After a reopen the source may extend the rectification deadline, not bring back the old one.
                deadline_at = CASE WHEN {Reopen} THEN EXCLUDED.deadline_at
                                   WHEN c.unsatisfied_count > 0 AND (EXCLUDED.deadline_at IS NULL OR EXCLUDED.deadline_at <= c.deadline_at) THEN c.deadline_at
                                   ELSE coalesce(EXCLUDED.deadline_at, c.deadline_at) END,
                feedback_at = CASE WHEN {Reopen} THEN NULL WHEN {HeldX} THEN c.feedback_at
                                   ELSE coalesce(EXCLUDED.feedback_at, c.feedback_at) END,
                closed_at = CASE WHEN {HeldX} THEN NULL ELSE coalesce(EXCLUDED.closed_at, c.closed_at) END,
                satisfaction = coalesce(EXCLUDED.satisfaction, c.satisfaction),
                callback_at = coalesce(EXCLUDED.callback_at, c.callback_at),
                unsatisfied_count = c.unsatisfied_count + ({Reopen})::int,
                reopened_count = c.reopened_count + ({Reopen})::int,
                escalated_jfb = c.escalated_jfb OR ({Reopen} AND c.unsatisfied_count >= 1),
                supervise_level = CASE WHEN {Reopen} AND c.unsatisfied_count >= 1 THEN 3 ELSE c.supervise_level END,
                supervised_at = CASE WHEN {Reopen} AND c.unsatisfied_count >= 1 THEN EXCLUDED.callback_at ELSE c.supervised_at END,
                source_updated_at = EXCLUDED.source_updated_at,
                version = c.version + 1,
                updated_at = now()
            WHERE EXCLUDED.source_updated_at > c.source_updated_at
              AND ({Reopen} OR case_status_rank(EXCLUDED.status) >= case_status_rank(c.status))
            RETURNING c.id, c.external_id, c.status, c.source_updated_at, (xmax = 0) AS inserted,
                      c.unsatisfied_count, c.escalated_jfb, c.callback_at
        ), ev AS (
            -- A source update that changes the status is an event of the case's timeline. A new case's
            -- 受理 is the case row itself (source, reported_at, accepted_at): one row per new case here
            -- would cost a third of the write for no information. A 不满意 callback that reopens the case
            -- is a 回访 event, as when an officer records it (so the audit log and 考核 see it alike).
            INSERT INTO case_events (case_id, at, actor, action, from_status, to_status, note, data)
            SELECT up.id,
                   CASE WHEN reopened THEN up.callback_at ELSE up.source_updated_at END,
                   @actor,
                   CASE WHEN reopened THEN 'callback' ELSE 'source-update' END,
                   p.status, up.status,
                   CASE WHEN NOT reopened THEN NULL WHEN up.unsatisfied_count >= 2 THEN '再次不满意，移交纠风办问责' ELSE '不满意，重新整改' END,
                   CASE WHEN reopened THEN jsonb_build_object('satisfaction', '不满意', 'reopened', true,
                        'escalatedJfb', up.unsatisfied_count >= 2) END
            FROM up LEFT JOIN prev p ON p.id = up.id,
                 LATERAL (SELECT up.unsatisfied_count > coalesce(p.unsatisfied_count, 0) AS reopened) r
            WHERE reopened OR (NOT up.inserted AND p.status IS DISTINCT FROM up.status)
        ), hist AS (
            -- The version this update replaces was accepted once: its redelivery is a duplicate, not stale.
            INSERT INTO case_source_versions (case_id, source_updated_at)
            SELECT p.id, p.source_updated_at FROM up JOIN prev p ON p.id = up.id
            WHERE NOT up.inserted
            ON CONFLICT DO NOTHING
        )
        SELECT s.line_no, up.id, up.inserted, p.id, p.status, p.source_updated_at,
               EXISTS (SELECT 1 FROM case_source_versions v
                       WHERE v.case_id = p.id AND v.source_updated_at = s.source_updated_at) AS seen
        FROM stage_incidents s
        LEFT JOIN up ON up.external_id = s.external_id
        LEFT JOIN prev p ON p.line_no = s.line_no
        WHERE s.round = @round
        """;

    // 分流 without a deadline from the source: the category's time limit runs from the dispatch.
    private const string DeadlineSql = """
        UPDATE cases c SET deadline_at = c.dispatched_at + make_interval(hours => cat.time_limit_hours)
        FROM categories cat
        WHERE c.id = ANY(@ids) AND c.deadline_at IS NULL AND c.dispatched_at IS NOT NULL
          AND cat.code = c.category_code
        """;

    public async Task<BatchResult> WriteAsync(string source, ParsedBatch<IncidentRecord> batch, CancellationToken ct)
    {
        var outcomes = new List<RecordOutcome>(batch.Count);
        var rejects = new List<RejectedRecord>(batch.Rejected);
        outcomes.AddRange(batch.Rejected.Select(r => new RecordOutcome(r.Line, r.ExternalId, RecordStatus.Rejected, r.Reason)));
        var changed = new List<long>();
        var urgent = new List<long>();
        // Named in the change log so a reader (the hub) can tell new cases from updated ones by position.
        var createdIds = new List<long>();
        var grids = new HashSet<string>(StringComparer.Ordinal);
        int created = 0, updated = 0;

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (batch.Valid.Count > 0)
        {
            var rounds = BatchSql.Rounds(batch.Valid, r => r.ExternalId);
            await BatchSql.CreateStageAsync(conn, tx, "stage_incidents", "ingest_stage_incidents", ct);
            await CopyAsync(conn, batch.Valid, rounds, ct);
            // A fresh temp table has no statistics; without them the planner nests loops over it (quadratic).
            await BatchSql.ExecAsync(conn, tx, "ANALYZE stage_incidents", ct);
            var byLine = batch.Valid.ToDictionary(r => r.Line);
            for (var round = 1; round <= rounds.Max(); round++)
            {
                await using var cmd = new NpgsqlCommand(UpsertSql, conn, tx);
                cmd.Parameters.AddWithValue("source", source);
                cmd.Parameters.AddWithValue("round", round);
                cmd.Parameters.AddWithValue("actor", "ingest:" + source);
                await using var r = await cmd.ExecuteReaderAsync(ct);
                while (await r.ReadAsync(ct))
                {
                    var p = byLine[r.GetInt32(0)];
                    if (!r.IsDBNull(1))
                    {
                        var id = r.GetInt64(1);
                        if (r.GetBoolean(2)) { created++; createdIds.Add(id); } else updated++;
                        changed.Add(id);
                        if (p.Record.Priority == 1 && CaseStatus.IsOpen(p.Record.Status)) urgent.Add(id);
                        var grid = p.Location?.GridCode ?? p.Location?.NearestGridCode;
                        if (grid is not null) grids.Add(grid);
                        outcomes.Add(new RecordOutcome(p.Line, p.Record.ExternalId, RecordStatus.Accepted, null, id, p.Warning));
                        continue;
                    }
                    var prevId = r.IsDBNull(3) ? (long?)null : r.GetInt64(3);
                    var reason = prevId is null ? null : StaleReason(p.Record, prevId.Value, r.GetString(4), r.GetFieldValue<DateTimeOffset>(5), r.GetBoolean(6));
                    if (reason is null)
                        outcomes.Add(new RecordOutcome(p.Line, p.Record.ExternalId, RecordStatus.Duplicate, null, prevId));
                    else
                    {
                        log.LogInformation("Ignored incident {Source}/{ExternalId} (line {Line}): {Reason}", source, p.Record.ExternalId, p.Line, reason);
                        rejects.Add(new RejectedRecord(p.Line, p.Record.ExternalId, p.RawText(), reason));
                        outcomes.Add(new RecordOutcome(p.Line, p.Record.ExternalId, RecordStatus.Rejected, reason, prevId));
                    }
                }
            }
            if (changed.Count > 0 && batch.Valid.Any(v => v.Record.DispatchedAt is not null && v.Record.DeadlineAt is null))
            {
                await using var cmd = new NpgsqlCommand(DeadlineSql, conn, tx);
                cmd.Parameters.AddWithValue("ids", changed.ToArray());
                await cmd.ExecuteNonQueryAsync(ct);
            }
        }
        await BatchSql.CopyRejectsAsync(conn, source, Stream, rejects, ct);
        long? position = null;
        if (changed.Count > 0)
        {
            var change = new IncidentsChange([.. changed.Distinct()], BatchSql.Sorted(grids), source, created, updated, urgent, createdIds);
            position = await ChangeLog.AppendAsync(conn, tx, change, ct);
        }
        await tx.CommitAsync(ct);
        return new BatchResult(outcomes, position);
    }

    /// <summary>Why an existing case did not take this delivery; null (a duplicate) when it is a version the
    /// case already took: the stored one (an officer may since have moved the status on) or an earlier one
    /// (<paramref name="seenBefore"/>, e.g. the first of two versions of one case in a redelivered batch).</summary>
    private static string? StaleReason(IncidentRecord incoming, long caseId, string storedStatus, DateTimeOffset storedAt, bool seenBefore)
    {
        if (seenBefore) return null;
        // A record whose last callback is 不满意 means 处置中 here, whatever status it names (see Held).
        var status = incoming.Satisfaction == Satisfaction.Unsatisfied && incoming.Status is CaseStatus.Callback or CaseStatus.Closed
            ? CaseStatus.InProgress : incoming.Status;
        if (incoming.SourceUpdatedAt == storedAt && CaseStatus.Rank(status) <= CaseStatus.Rank(storedStatus)) return null;
        if (CaseStatus.Rank(status) < CaseStatus.Rank(storedStatus))
            return $"would move case {caseId} backwards from {CaseStatus.Label(storedStatus)} ({storedStatus}) to {CaseStatus.Label(status)} ({status}); ignored";
        return $"out of order: this update (updatedAt {incoming.SourceUpdatedAt:O}) is not newer than the one stored for case {caseId} ({storedAt:O}); ignored";
    }

    private static async Task CopyAsync(NpgsqlConnection conn, List<ParsedRecord<IncidentRecord>> records, int[] rounds, CancellationToken ct)
    {
        await using var copy = await conn.BeginBinaryImportAsync($"COPY stage_incidents ({Columns}) FROM STDIN (FORMAT BINARY)", ct);
        for (var i = 0; i < records.Count; i++)
        {
            var (line, x, loc) = (records[i].Line, records[i].Record, records[i].Location);
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(line, NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(rounds[i], NpgsqlDbType.Integer, ct);
            await copy.WriteAsync(x.ExternalId, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(x.Channel, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(x.CategoryCode, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(x.Title, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(x.Description, NpgsqlDbType.Text, ct);
            await copy.WriteTextAsync(x.Address, ct);
            await copy.WriteAsync(x.Longitude, NpgsqlDbType.Double, ct);
            await copy.WriteAsync(x.Latitude, NpgsqlDbType.Double, ct);
            await copy.WriteTextAsync(loc?.GridCode, ct);
            await copy.WriteTextAsync(LocationCheck.Flag(loc), ct);
            await copy.WriteTextAsync(loc?.NearestGridCode, ct);
            await copy.WriteAsync(loc?.NearestDistanceMeters, NpgsqlDbType.Double, ct);
            await copy.WriteTextAsync(x.ReporterName, ct);
            await copy.WriteTextAsync(x.ReporterPhone, ct);
            await copy.WriteAsync(x.Priority, NpgsqlDbType.Smallint, ct);
            await copy.WriteAsync(x.Status, NpgsqlDbType.Text, ct);
            await copy.WriteTimeAsync(x.OccurredAt, ct);
            await copy.WriteTimeAsync(x.ReportedAt, ct);
            await copy.WriteTimeAsync(x.AcceptedAt, ct);
            await copy.WriteTimeAsync(x.DispatchedAt, ct);
            await copy.WriteTextAsync(x.AssigneeCode, ct);
            await copy.WriteTimeAsync(x.DeadlineAt, ct);
            await copy.WriteTimeAsync(x.FeedbackAt, ct);
            await copy.WriteTimeAsync(x.ClosedAt, ct);
            await copy.WriteTextAsync(x.Satisfaction, ct);
            await copy.WriteTimeAsync(x.CallbackAt, ct);
            await copy.WriteTimeAsync(x.SourceUpdatedAt, ct);
            await copy.WriteTextAsync(x.ReporterWorkerId, ct);
        }
        await copy.CompleteAsync(ct);
    }
}
