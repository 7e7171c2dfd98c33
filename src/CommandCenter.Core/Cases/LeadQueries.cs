using CommandCenter.Core.Privacy;
using Npgsql;

namespace CommandCenter.Core.Cases;

/// <summary>A case a leader took charge of (领导包案), as the 领导包案 page lists it.</summary>
public sealed record LeadRow(long CaseId, string Title, string Leader, DateTimeOffset Since, string Note, string Status, string? Assignee,
    DateTimeOffset? DeadlineAt, short SuperviseLevel, DateTimeOffset? ClosedAt, string? LastInstruction, DateTimeOffset? LastInstructionAt)
{
    public bool IsOverdue(DateTimeOffset now) => ClosedAt is null && DeadlineAt is { } d && now > d;
}

/// <summary>Reads for the 领导包案 page: every case under a leader's charge, open ones first.</summary>
public sealed class LeadQueries(NpgsqlDataSource db)
{
    private const string Sql = """
        SELECT c.id, c.title, l.leader, l.since, l.note, c.status,
               coalesce(c.assignee_name, (SELECT d.name FROM departments d WHERE d.code = c.assignee_code), c.assignee_code),
               c.deadline_at, c.supervise_level, c.closed_at, i.note, i.at
        FROM case_leads l
        JOIN cases c ON c.id = l.case_id
        LEFT JOIN LATERAL (SELECT e.note, e.at FROM case_events e
                           WHERE e.case_id = c.id AND e.action = 'instruct' ORDER BY e.at DESC, e.id DESC LIMIT 1) i ON true
        WHERE (@open_only = false OR c.closed_at IS NULL)
          AND (@leader = '' OR l.leader = @leader)
        ORDER BY c.closed_at IS NOT NULL, c.deadline_at NULLS LAST, l.since DESC
        LIMIT 500
        """;

    /// <summary>The cases under charge; <paramref name="leader"/> ("显示名（用户名）") narrows to one leader's. Free text
    /// is masked here, like every other reader of cases.</summary>
    public async Task<IReadOnlyList<LeadRow>> ListAsync(bool openOnly, string? leader, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(Sql);
        cmd.Parameters.AddWithValue("open_only", openOnly);
        cmd.Parameters.AddWithValue("leader", leader ?? "");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<LeadRow>();
        while (await r.ReadAsync(ct))
            list.Add(new LeadRow(r.GetInt64(0), Masking.FreeText(r.GetString(1)) ?? "", r.GetString(2), r.GetFieldValue<DateTimeOffset>(3),
                Masking.FreeText(r.GetString(4)) ?? "", r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6),
                r.IsDBNull(7) ? null : r.GetFieldValue<DateTimeOffset>(7), r.GetInt16(8), r.IsDBNull(9) ? null : r.GetFieldValue<DateTimeOffset>(9),
                r.IsDBNull(10) ? null : Masking.FreeText(r.GetString(10)), r.IsDBNull(11) ? null : r.GetFieldValue<DateTimeOffset>(11)));
        return list;
    }
}
