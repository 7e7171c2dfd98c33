using CommandCenter.Core.Privacy;
using Npgsql;

namespace CommandCenter.Core.Cases;

/// <summary>Reads for the duty queue: filtered counts and pages, newest urgent cases first. Paged on the
/// server so 10,000 open cases cost one small query per visible window.</summary>
public sealed class CaseQueries(NpgsqlDataSource db, TimeProvider clock)
{
    private const string From = """
        FROM cases c
        JOIN categories k ON k.code = c.category_code
        LEFT JOIN grids g ON g.code = c.grid_code
        LEFT JOIN communities m ON m.code = g.community_code
        """;

    // Most urgent first; within a priority, cases still waiting for the officer (not yet dispatched), then the newest.
    private const string Order = "ORDER BY c.priority, (c.status IN ('pending', 'accepted')) DESC, c.reported_at DESC, c.id DESC";

    public async Task<int> CountAsync(CaseQueueFilter f, CancellationToken ct)
    {
        await using var cmd = Build($"SELECT count(*) {From}", f, "");
        return (int)(long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public async Task<IReadOnlyList<CaseQueueRow>> PageAsync(CaseQueueFilter f, int offset, int limit, CancellationToken ct)
    {
        const string Select = """
            SELECT c.id, c.title, k.name, c.status, c.priority, c.grid_code, g.name, m.name, c.source, c.channel,
                   c.reported_at, c.deadline_at, c.supervise_level, c.escalated_jfb,
                   coalesce(c.assignee_name, (SELECT d.name FROM departments d WHERE d.code = c.assignee_code), c.assignee_code),
                   (SELECT count(*)::int FROM case_summons s WHERE s.case_id = c.id AND s.reported_at IS NULL), c.version,
                   sg.at, sg.actor,
                   c.status = 'dispatched' AND EXISTS (SELECT 1 FROM notices n WHERE n.case_id = c.id AND n.kind = 'sign-overdue' AND n.unit_code IS NULL)
            """;
        // The latest 签收 since the latest 分流: a case returned and re-dispatched is unsigned again.
        const string Signed = """
            LEFT JOIN LATERAL (SELECT e.at, e.actor FROM case_events e
                               WHERE e.case_id = c.id AND e.action = 'start' AND e.at >= c.dispatched_at ORDER BY e.at DESC LIMIT 1) sg ON true
            """;
        await using var cmd = Build($"{Select} {From} {Signed}", f, $"{Order} OFFSET @offset LIMIT @limit");
        cmd.Parameters.AddWithValue("offset", Math.Max(0, offset));
        cmd.Parameters.AddWithValue("limit", Math.Clamp(limit, 1, 500));
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<CaseQueueRow>();
        while (await r.ReadAsync(ct))
        {
            // Titles are free text a reporter may have written a phone number into: masked here, for every queue view.
            list.Add(new CaseQueueRow(r.GetInt64(0), Masking.FreeText(r.GetString(1))!, r.GetString(2), r.GetString(3), r.GetInt16(4),
                S(r, 5), S(r, 6), S(r, 7), r.GetString(8), r.GetString(9), r.GetFieldValue<DateTimeOffset>(10),
                r.IsDBNull(11) ? null : r.GetFieldValue<DateTimeOffset>(11), r.GetInt16(12), r.GetBoolean(13), S(r, 14), r.GetInt32(15), r.GetInt32(16))
            {
                SignedAt = r.IsDBNull(17) ? null : r.GetFieldValue<DateTimeOffset>(17), SignedBy = S(r, 18), SignOverdue = r.GetBoolean(19),
            });
        }
        return list;
    }

    /// <summary>Ids of open 紧急 cases waiting for the officer (待受理, or 已受理 at the source and not yet
    /// dispatched — grid workers' reports arrive accepted), newest first: the queue alerts on ones it has not seen.</summary>
    public async Task<IReadOnlyList<long>> UrgentWaitingAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            SELECT id FROM cases WHERE closed_at IS NULL AND status IN ('pending', 'accepted') AND priority = 1
            ORDER BY reported_at DESC LIMIT 200
            """);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var ids = new List<long>();
        while (await r.ReadAsync(ct)) ids.Add(r.GetInt64(0));
        return ids;
    }

    private NpgsqlCommand Build(string head, CaseQueueFilter f, string tail)
    {
        var where = new List<string>();
        var cmd = db.CreateCommand();
        void Add(string clause, string name, object value) { where.Add(clause); cmd.Parameters.AddWithValue(name, value); }

        if (f.Status is { } st) Add("c.status = @status", "status", st);
        else where.Add("c.closed_at IS NULL");
        if (f.CategoryCode is { } cat) Add("c.category_code = @cat", "cat", cat);
        if (f.GridCode is { } grid) Add("c.grid_code = @grid", "grid", grid);
        else if (f.CommunityCode is { } com) Add("g.community_code = @com", "com", com);
        else if (f.RegionCode is { } reg) Add("g.region_code = @reg", "reg", reg);
        if (f.Source is { } src) Add("c.source = @src", "src", src);
        if (f.Priority is { } pr) Add("c.priority = @pr", "pr", pr);
        if (f.SupervisedOnly) where.Add("c.supervise_level > 0");
        if (f.OverdueOnly)
            Add("c.status IN ('dispatched', 'in_progress') AND c.deadline_at < @now", "now", clock.GetUtcNow());
        if (!string.IsNullOrWhiteSpace(f.Search))
        {
            var text = f.Search.Trim().TrimStart('#');
            if (long.TryParse(text, out var id)) Add("(c.id = @id OR c.external_id = @text)", "id", id);
            else where.Add("(c.title ILIKE @like OR c.description ILIKE @like OR c.address ILIKE @like OR c.channel ILIKE @like OR c.external_id = @text)");
            cmd.Parameters.AddWithValue("text", text);
            cmd.Parameters.AddWithValue("like", "%" + text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%");
        }
        cmd.CommandText = $"{head} WHERE {string.Join(" AND ", where)} {tail}";
        return cmd;
    }

    private static string? S(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
