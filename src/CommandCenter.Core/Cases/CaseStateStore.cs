using Npgsql;

namespace CommandCenter.Core.Cases;

/// <summary>Reads and writes the columns <see cref="CaseMachine"/> owns, inside a caller's transaction.</summary>
internal static class CaseStateStore
{
    private const string SelectSql = """
        SELECT c.id, c.status, c.version, c.priority, c.grid_code, c.category_code, k.time_limit_hours, k.is_dispute,
               c.accepted_at, c.dispatched_at, c.assignee_code,
               coalesce(c.assignee_name, (SELECT d.name FROM departments d WHERE d.code = c.assignee_code), c.assignee_code), c.deadline_at, c.feedback_at,
               c.closed_at, c.supervise_level, c.supervised_at, c.satisfaction, c.callback_at, c.unsatisfied_count,
               c.escalated_jfb, c.reopened_count, c.merged_into,
               EXISTS (SELECT 1 FROM mediations m WHERE m.case_id = c.id AND m.ended_at IS NULL),
               (SELECT l.leader FROM case_leads l WHERE l.case_id = c.id)
        FROM cases c JOIN categories k ON k.code = c.category_code
        """;

    public static async Task<CaseState?> LoadAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, long id, CancellationToken ct)
    {
        var list = await LoadManyAsync(conn, tx, "WHERE c.id = @id", cmd => cmd.Parameters.AddWithValue("id", id), ct);
        if (list.Count == 0) return null;
        return list[0] with { Summons = await LoadSummonsAsync(conn, tx, id, ct) };
    }

    /// <summary>States for a WHERE clause over <c>c</c> (cases) and <c>k</c> (categories), without summons.</summary>
    public static async Task<List<CaseState>> LoadManyAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string whereSql,
        Action<NpgsqlCommand> bind, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(SelectSql + " " + whereSql, conn, tx);
        bind(cmd);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<CaseState>();
        while (await r.ReadAsync(ct))
        {
            list.Add(new CaseState
            {
                Id = r.GetInt64(0), Status = r.GetString(1), Version = r.GetInt32(2), Priority = r.GetInt16(3),
                GridCode = Str(r, 4), CategoryCode = r.GetString(5), TimeLimitHours = r.GetInt32(6), IsDispute = r.GetBoolean(7),
                AcceptedAt = Time(r, 8), DispatchedAt = Time(r, 9), AssigneeCode = Str(r, 10), AssigneeName = Str(r, 11),
                DeadlineAt = Time(r, 12), FeedbackAt = Time(r, 13), ClosedAt = Time(r, 14), SuperviseLevel = r.GetInt16(15),
                SupervisedAt = Time(r, 16), Satisfaction = Str(r, 17), CallbackAt = Time(r, 18), UnsatisfiedCount = r.GetInt16(19),
                EscalatedJfb = r.GetBoolean(20), ReopenedCount = r.GetInt16(21),
                MergedInto = r.IsDBNull(22) ? null : r.GetInt64(22), MediationOpen = r.GetBoolean(23),
                LeadBy = Str(r, 24),
            });
        }
        return list;
    }

    public static async Task<IReadOnlyList<SummonsState>> LoadSummonsAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, long id, CancellationToken ct)
    {
        const string Sql = """
            SELECT s.department_code, d.name, s.summoned_at, s.checked_in_at, s.reported_at, s.report
            FROM case_summons s JOIN departments d ON d.code = s.department_code
            WHERE s.case_id = @id ORDER BY s.summoned_at, d.name
            """;
        await using var cmd = new NpgsqlCommand(Sql, conn, tx);
        cmd.Parameters.AddWithValue("id", id);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<SummonsState>();
        while (await r.ReadAsync(ct))
            list.Add(new SummonsState(r.GetString(0), r.GetString(1), r.GetFieldValue<DateTimeOffset>(2), Time(r, 3), Time(r, 4), Str(r, 5)));
        return list;
    }

    /// <summary>Writes the new state if the row still has <paramref name="expectedVersion"/>; false when another
    /// transaction changed it first (the caller reports a conflict and rolls back).</summary>
    public static async Task<bool> SaveAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CaseState s, int expectedVersion,
        DateTimeOffset now, CancellationToken ct)
    {
        const string Sql = """
            UPDATE cases SET status = @status, priority = @priority, grid_code = @grid, accepted_at = @accepted,
                dispatched_at = @dispatched, assignee_code = @assignee, assignee_name = @assignee_name, deadline_at = @deadline,
                feedback_at = @feedback, closed_at = @closed, supervise_level = @level, supervised_at = @supervised,
                satisfaction = @satisfaction, callback_at = @callback, unsatisfied_count = @unsatisfied,
                escalated_jfb = @jfb, reopened_count = @reopened, merged_into = @merged,
                version = version + 1, updated_at = @now
            WHERE id = @id AND version = @version
            """;
        await using var cmd = new NpgsqlCommand(Sql, conn, tx);
        var p = cmd.Parameters;
        p.AddWithValue("id", s.Id);
        p.AddWithValue("version", expectedVersion);
        p.AddWithValue("status", s.Status);
        p.AddWithValue("priority", s.Priority);
        p.AddWithValue("grid", Db(s.GridCode));
        p.AddWithValue("accepted", Db(s.AcceptedAt));
        p.AddWithValue("dispatched", Db(s.DispatchedAt));
        p.AddWithValue("assignee", Db(s.AssigneeCode));
        p.AddWithValue("assignee_name", Db(s.AssigneeName));
        p.AddWithValue("deadline", Db(s.DeadlineAt));
        p.AddWithValue("feedback", Db(s.FeedbackAt));
        p.AddWithValue("closed", Db(s.ClosedAt));
        p.AddWithValue("level", s.SuperviseLevel);
        p.AddWithValue("supervised", Db(s.SupervisedAt));
        p.AddWithValue("satisfaction", Db(s.Satisfaction));
        p.AddWithValue("callback", Db(s.CallbackAt));
        p.AddWithValue("unsatisfied", s.UnsatisfiedCount);
        p.AddWithValue("jfb", s.EscalatedJfb);
        p.AddWithValue("reopened", s.ReopenedCount);
        p.AddWithValue("merged", Db(s.MergedInto));
        p.AddWithValue("now", now.ToUniversalTime());
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>Inserts or updates the summons rows that differ between the old and the new state.</summary>
    public static async Task SaveSummonsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CaseState before, CaseState after, CancellationToken ct)
    {
        const string Sql = """
            INSERT INTO case_summons (case_id, department_code, summoned_at, checked_in_at, reported_at, report)
            VALUES (@id, @dept, @summoned, @checked, @reported, @report)
            ON CONFLICT (case_id, department_code) DO UPDATE
            SET checked_in_at = excluded.checked_in_at, reported_at = excluded.reported_at, report = excluded.report
            """;
        foreach (var s in after.Summons.Where(x => !before.Summons.Contains(x)))
        {
            await using var cmd = new NpgsqlCommand(Sql, conn, tx);
            cmd.Parameters.AddWithValue("id", after.Id);
            cmd.Parameters.AddWithValue("dept", s.DepartmentCode);
            cmd.Parameters.AddWithValue("summoned", s.SummonedAt.ToUniversalTime());
            cmd.Parameters.AddWithValue("checked", Db(s.CheckedInAt));
            cmd.Parameters.AddWithValue("reported", Db(s.ReportedAt));
            cmd.Parameters.AddWithValue("report", Db(s.Report));
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    public static object Db(string? v) => (object?)v ?? DBNull.Value;
    public static object Db(long? v) => v is { } x ? x : DBNull.Value;
    public static object Db(DateTimeOffset? v) => v is { } x ? x.ToUniversalTime() : DBNull.Value;
    private static string? Str(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
    private static DateTimeOffset? Time(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);
}
