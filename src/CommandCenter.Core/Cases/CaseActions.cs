using System.Text.Json;
using Microsoft.Extensions.Logging;
using Npgsql;
using CommandCenter.Core.ChangeFeed;
using CommandCenter.Core.Notices;

namespace CommandCenter.Core.Cases;

/// <summary>Applies duty officers' actions to cases. Each action is one transaction: read the case, let
/// <see cref="CaseMachine"/> decide, write the new state only if <c>cases.version</c> is still the one the
/// officer saw (optimistic concurrency: of two officers acting on one case one wins, the other gets
/// <see cref="CaseActionResult.ConflictMessage"/>), write the audit row and append the change log last.</summary>
public sealed class CaseActions(NpgsqlDataSource db, TimeProvider clock, ILogger<CaseActions> logger)
{
    /// <summary>Applies <paramref name="command"/> to case <paramref name="caseId"/> as the officer who saw it at
    /// <paramref name="expectedVersion"/>.</summary>
    public Task<CaseActionResult> ApplyAsync(long caseId, int expectedVersion, CaseCommand command, string actor, CancellationToken ct) =>
        ApplyAsync(caseId, expectedVersion, command, actor, guard: null, ct);

    /// <summary>As above, with <paramref name="guard"/> judged on the case as read inside the transaction (e.g.
    /// "the case is still this unit's"): a message refuses the action, null lets the state machine decide. Inside
    /// the transaction, so a case re-dispatched a moment earlier cannot slip past it.</summary>
    public async Task<CaseActionResult> ApplyAsync(long caseId, int expectedVersion, CaseCommand command, string actor,
        Func<CaseState, string?>? guard, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(actor)) return CaseActionResult.Refused("请先填写值班员姓名");
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var before = await CaseStateStore.LoadAsync(conn, tx, caseId, ct);
        if (before is null) return CaseActionResult.NotFound(caseId);
        if (guard?.Invoke(before) is { } refusal) return CaseActionResult.Refused(refusal);
        if (before.Version != expectedVersion) return CaseActionResult.Conflict();

        if (command is CaseCommand.Merge merge)
            command = await WithPrimaryAsync(conn, tx, merge, ct);
        var now = clock.GetUtcNow();
        var decision = CaseMachine.Decide(before, command, now);
        if (!decision.Allowed) return CaseActionResult.Refused(decision.Refusal!);
        var after = decision.NewState!;

        // The WHERE version = @expected makes a concurrent writer that committed first win: this UPDATE then
        // matches no row (PostgreSQL re-checks the condition after waiting for the other transaction).
        if (!await CaseStateStore.SaveAsync(conn, tx, after, expectedVersion, now, ct))
        {
            await tx.RollbackAsync(ct);
            return CaseActionResult.Conflict();
        }
        await CaseStateStore.SaveSummonsAsync(conn, tx, before, after, ct);
        await SaveMediationAsync(conn, tx, after, command, now, ct);
        if (command is CaseCommand.TakeCharge lead) await SaveLeadAsync(conn, tx, caseId, actor.Trim(), lead, now, ct);
        await AppendEventAsync(conn, tx, caseId, now, actor.Trim(), decision, before.Status, after.Status, ct);
        await AppendChangeAsync(conn, tx, [after], decision.Action, ct);
        // A 督办, 催办 or 批示 is only worth something if the unit hears of it: the notice commits with the action.
        if (Notices(after, command, decision, actor.Trim()) is { Count: > 0 } notices)
            await NoticeStore.AddAsync(conn, tx, notices, now, ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Case {CaseId}: {Action} by {Actor} ({From} -> {To})", caseId, decision.Action, actor, before.Status, after.Status);
        return new CaseActionResult(CaseActionOutcome.Done, $"已{CaseActionKind.Label(decision.Action)}", expectedVersion + 1);
    }

    /// <summary>Raises the 督办 level of every handled case whose deadline crossed a threshold, in one transaction
    /// with one change-log row. Cases changed concurrently by an officer are skipped and caught next time.
    /// Returns how many cases were raised.</summary>
    public async Task<int> AutoSuperviseAsync(SuperviseOptions options, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // The earliest threshold is Level1 before the deadline: anything due later than now - Level1 cannot qualify.
        // Only the cases whose level must rise (SupervisePolicy.LevelAt in SQL), locked up front and skipping
        // those an officer (or the other web node's sweep) holds: the sweep never waits on a row while holding
        // the rows it already changed, which is how it once deadlocked against an officer's action (40P01).
        var candidates = await CaseStateStore.LoadManyAsync(conn, tx, """
            WHERE c.closed_at IS NULL AND c.merged_into IS NULL AND c.status IN ('dispatched', 'in_progress')
              AND c.deadline_at <= @horizon
              AND c.supervise_level < CASE WHEN @now - c.deadline_at >= @level3 THEN 3
                                           WHEN @now - c.deadline_at >= @level2 THEN 2 ELSE 1 END
            ORDER BY c.deadline_at LIMIT 5000
            FOR UPDATE OF c SKIP LOCKED
            """, cmd =>
            {
                cmd.Parameters.AddWithValue("horizon", (now - options.Level1).ToUniversalTime());
                cmd.Parameters.AddWithValue("now", now.ToUniversalTime());
                cmd.Parameters.AddWithValue("level2", options.Level2);
                cmd.Parameters.AddWithValue("level3", options.Level3);
            }, ct);
        var raised = new List<CaseState>();
        var notices = new List<NoticeDraft>();
        foreach (var s in candidates)
        {
            var level = SupervisePolicy.LevelAt(s.DeadlineAt!.Value, now, options);
            if (level <= s.SuperviseLevel) continue;
            var decision = CaseMachine.Decide(s, new CaseCommand.AutoSupervise(level, SupervisePolicy.Reason(level)), now);
            if (!decision.Allowed) continue;
            if (!await CaseStateStore.SaveAsync(conn, tx, decision.NewState!, s.Version, now, ct)) continue;
            await AppendEventAsync(conn, tx, s.Id, now, "系统", decision, s.Status, s.Status, ct);
            raised.Add(decision.NewState!);
            if (s.AssigneeCode is { } unit)
                notices.Add(new NoticeDraft(s.Id, unit, NoticeKinds.Supervise, $"{level}级督办：{SupervisePolicy.Reason(level)}", "系统"));
        }
        if (raised.Count == 0)
        {
            await tx.RollbackAsync(ct);
            return 0;
        }
        await AppendChangeAsync(conn, tx, raised, CaseActionKind.AutoSupervise, ct);
        await NoticeStore.AddAsync(conn, tx, notices, now, ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Automatic 督办 raised {Count} cases", raised.Count);
        return raised.Count;
    }

    /// <summary>Who must hear of this action: the unit the case is with (督办, 催办, 批示, 包案) and, for a 批示, the
    /// duty officers too (a leader's instruction changes how the center drives the case).</summary>
    private static List<NoticeDraft> Notices(CaseState s, CaseCommand command, Decision d, string actor)
    {
        var list = new List<NoticeDraft>();
        if (s.AssigneeCode is { } unit)
        {
            switch (command)
            {
                case CaseCommand.Supervise c: list.Add(new NoticeDraft(s.Id, unit, NoticeKinds.Supervise, $"{c.Level}级督办：{d.Note}", actor)); break;
                case CaseCommand.Urge: list.Add(new NoticeDraft(s.Id, unit, NoticeKinds.Urge, $"催办：{d.Note}", actor)); break;
                case CaseCommand.Instruct: list.Add(new NoticeDraft(s.Id, unit, NoticeKinds.Instruction, d.Note!, actor)); break;
                case CaseCommand.TakeCharge: list.Add(new NoticeDraft(s.Id, unit, NoticeKinds.Lead, $"{actor} 包案：{d.Note}", actor)); break;
            }
        }
        if (command is CaseCommand.Instruct) list.Add(new NoticeDraft(s.Id, null, NoticeKinds.Instruction, d.Note!, actor));
        return list;
    }

    private static async Task SaveLeadAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long caseId, string actor, CaseCommand.TakeCharge c,
        DateTimeOffset now, CancellationToken ct)
    {
        // The machine refused a second 包案 on the state it read; the primary key refuses one that raced it.
        await using var cmd = new NpgsqlCommand("INSERT INTO case_leads (case_id, leader, since, note) VALUES (@id, @leader, @now, @note)", conn, tx);
        cmd.Parameters.AddWithValue("id", caseId);
        cmd.Parameters.AddWithValue("leader", actor);
        cmd.Parameters.AddWithValue("now", now);
        cmd.Parameters.AddWithValue("note", c.Note.Trim());
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<CaseCommand.Merge> WithPrimaryAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CaseCommand.Merge m, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT status, merged_into FROM cases WHERE id = @id", conn, tx);
        cmd.Parameters.AddWithValue("id", m.PrimaryId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return m with { PrimaryStatus = null, PrimaryMergedInto = null };
        return m with { PrimaryStatus = r.GetString(0), PrimaryMergedInto = r.IsDBNull(1) ? null : r.GetInt64(1) };
    }

    private static async Task SaveMediationAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CaseState s, CaseCommand command,
        DateTimeOffset now, CancellationToken ct)
    {
        const string StartSql = """
            INSERT INTO mediations (source, external_id, case_id, grid_code, mediator_type, level, started_at)
            VALUES ('officer', 'case-' || @id || '-' || (SELECT count(*) + 1 FROM mediations WHERE case_id = @id),
                    @id, @grid, @type, @level, @now)
            """;
        const string EndSql = """
            UPDATE mediations SET outcome = @outcome, failure_route = @route, agreement = @agreement,
                   level = coalesce(@level, level), ended_at = @now
            WHERE case_id = @id AND ended_at IS NULL
            """;
        NpgsqlCommand? cmd = command switch
        {
            CaseCommand.StartMediation m => new NpgsqlCommand(StartSql, conn, tx)
            {
                Parameters = { new("grid", CaseStateStore.Db(s.GridCode)), new("type", m.MediatorType), new("level", m.Level) },
            },
            CaseCommand.EndMediation m => new NpgsqlCommand(EndSql, conn, tx)
            {
                Parameters =
                {
                    new("outcome", m.Outcome), new("route", CaseStateStore.Db(m.FailureRoute)),
                    new("agreement", CaseStateStore.Db(m.Agreement)),
                    new("level", NpgsqlTypes.NpgsqlDbType.Text) { Value = CaseStateStore.Db(m.Level) },
                },
            },
            _ => null,
        };
        if (cmd is null) return;
        await using (cmd)
        {
            cmd.Parameters.AddWithValue("id", s.Id);
            cmd.Parameters.AddWithValue("now", now.ToUniversalTime());
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    internal static async Task AppendEventAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long caseId, DateTimeOffset at, string actor,
        Decision d, string? from, string? to, CancellationToken ct)
    {
        const string Sql = """
            INSERT INTO case_events (case_id, at, actor, action, from_status, to_status, note, data)
            VALUES (@id, @at, @actor, @action, @from, @to, @note, @data::jsonb)
            """;
        await using var cmd = new NpgsqlCommand(Sql, conn, tx);
        cmd.Parameters.AddWithValue("id", caseId);
        cmd.Parameters.AddWithValue("at", at.ToUniversalTime());
        cmd.Parameters.AddWithValue("actor", actor);
        cmd.Parameters.AddWithValue("action", d.Action);
        cmd.Parameters.AddWithValue("from", CaseStateStore.Db(from));
        cmd.Parameters.AddWithValue("to", CaseStateStore.Db(to));
        cmd.Parameters.AddWithValue("note", CaseStateStore.Db(d.Note));
        cmd.Parameters.AddWithValue("data", JsonSerializer.Serialize(d.Data));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    internal static Task AppendChangeAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<CaseState> cases, string action, CancellationToken ct)
    {
        var change = new CaseActionChange(
            [.. cases.Select(c => c.Id)],
            [.. cases.Select(c => c.GridCode).OfType<string>().Distinct()],
            action,
            [.. cases.Select(c => c.Status)]);
        return ChangeLog.AppendAsync(conn, tx, change, ct);
    }
}
