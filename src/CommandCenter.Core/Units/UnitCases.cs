using CommandCenter.Core.Cases;
using CommandCenter.Core.Security;
using Npgsql;

namespace CommandCenter.Core.Units;

/// <summary>What a unit may read: the cases dispatched to it (<c>assignee_code</c> in its scope) and the
/// cases it was summoned to by 吹哨. Every read takes the unit's <see cref="UnitBinding"/>, so there is no
/// query here that could return another unit's case.</summary>
public sealed class UnitCases(NpgsqlDataSource db, CaseDetailReader details, TimeProvider clock)
{
    // Closed cases stay on the list for a week, so a unit sees how its last ones ended.
    private static readonly TimeSpan KeepClosed = TimeSpan.FromDays(7);

    private const string ListSql = """
        SELECT c.id, c.title, k.name, c.status, c.priority, c.reported_at, c.dispatched_at, c.deadline_at, c.supervise_level,
               c.address, g.name,
               (SELECT count(*)::int FROM notices n WHERE n.case_id = c.id AND n.unit_code = ANY (@scope) AND n.read_at IS NULL),
               sg.at, sg.actor, coalesce(c.assignee_code = ANY (@scope), false), s.department_code IS NOT NULL, s.checked_in_at, s.reported_at
        FROM cases c
        JOIN categories k ON k.code = c.category_code
        LEFT JOIN grids g ON g.code = c.grid_code
        LEFT JOIN LATERAL (SELECT x.department_code, x.checked_in_at, x.reported_at FROM case_summons x
                           WHERE x.case_id = c.id AND x.department_code = ANY (@scope) LIMIT 1) s ON true
        LEFT JOIN LATERAL (SELECT e.at, e.actor FROM case_events e
                           WHERE e.case_id = c.id AND e.action = 'start' AND e.at >= c.dispatched_at ORDER BY e.at DESC LIMIT 1) sg ON true
        WHERE c.merged_into IS NULL
          AND (c.assignee_code = ANY (@scope) OR s.department_code IS NOT NULL)
          AND (c.closed_at IS NULL OR c.closed_at > @since)
          AND (@q = '' OR c.title ILIKE @like OR coalesce(c.address, '') ILIKE @like OR c.id::text = @q)
        ORDER BY c.closed_at IS NOT NULL, c.priority, c.supervise_level DESC, coalesce(c.dispatched_at, c.reported_at) DESC
        LIMIT 300
        """;

    /// <summary>The unit's cases, open ones first, most urgent and newest first; <paramref name="search"/> matches
    /// title, address or the case number — within the unit's own cases only.</summary>
    public async Task<IReadOnlyList<WorkRow>> ListAsync(UnitBinding unit, string? search, CancellationToken ct)
    {
        var q = (search ?? "").Trim();
        await using var cmd = db.CreateCommand(ListSql);
        cmd.Parameters.AddWithValue("scope", unit.Scope.ToArray());
        cmd.Parameters.AddWithValue("since", (clock.GetUtcNow() - KeepClosed).ToUniversalTime());
        cmd.Parameters.AddWithValue("q", q);
        cmd.Parameters.AddWithValue("like", "%" + q.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<WorkRow>();
        while (await r.ReadAsync(ct))
            list.Add(new WorkRow(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInt16(4),
                r.GetFieldValue<DateTimeOffset>(5), Time(r, 6), Time(r, 7), r.GetInt16(8), Str(r, 9), Str(r, 10), r.GetInt32(11),
                Time(r, 12), Str(r, 13), r.GetBoolean(14), r.GetBoolean(15), Time(r, 16), Time(r, 17)));
        return list;
    }

    /// <summary>A case's detail, or null when it does not exist or is not this unit's (the caller cannot tell
    /// which: an unknown number and another unit's case look the same).</summary>
    public async Task<CaseDetail?> FindAsync(UnitBinding unit, long caseId, CancellationToken ct)
    {
        var detail = await details.LoadAsync(caseId, ct);
        return detail is not null && IsUnits(unit, detail.State) ? detail : null;
    }

    /// <summary>Whether <paramref name="state"/> is the unit's: dispatched to it, or it was summoned to it.</summary>
    public static bool IsUnits(UnitBinding unit, CaseState state) =>
        state.MergedInto is null
        && (state.AssigneeCode is { } a && unit.Scope.Contains(a) || state.Summons.Any(s => unit.Scope.Contains(s.DepartmentCode)));

    private static string? Str(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
    private static DateTimeOffset? Time(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);
}
