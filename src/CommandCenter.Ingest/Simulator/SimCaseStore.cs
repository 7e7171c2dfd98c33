using CommandCenter.Core.Cases;
using Npgsql;

namespace CommandCenter.Ingest.Simulator;

/// <summary>Reads the simulator's own open cases back, so a restarted simulator carries them on
/// through the loop instead of leaving them open forever.</summary>
public static class SimCaseStore
{
    public static async Task<List<SimCase>> OpenCasesAsync(NpgsqlDataSource db, SimWorld world, string source, CancellationToken ct)
    {
        const string Sql = """
            SELECT external_id, channel, category_code, title, description, coalesce(address, ''),
                   coalesce(grid_code, nearest_grid_code, ''), ST_X(location), ST_Y(location), reporter_name,
                   reporter_phone, priority, reported_at, dispatched_at, assignee_code, feedback_at, callback_at, satisfaction,
                   status, source_updated_at
            FROM cases WHERE source = @source AND closed_at IS NULL AND location IS NOT NULL
            """;
        await using var cmd = db.CreateCommand(Sql);
        cmd.Parameters.AddWithValue("source", source);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<SimCase>();
        DateTimeOffset? Time(int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        while (await r.ReadAsync(ct))
        {
            var category = world.Categories.FirstOrDefault(c => c.Code == r.GetString(2));
            if (category is null) continue;
            list.Add(new SimCase
            {
                ExternalId = r.GetString(0), Channel = r.GetString(1), Category = category, Title = r.GetString(3),
                Description = r.GetString(4), Address = r.GetString(5), Grid = r.GetString(6), Lon = r.GetDouble(7),
                Lat = r.GetDouble(8), ReporterName = Text(9), ReporterPhone = Text(10), Priority = r.GetInt16(11),
                // 已受理 with a 分流 time: returned (退回) and waiting to be dispatched again, from now.
                ReportedAt = r.GetFieldValue<DateTimeOffset>(12), DispatchAt = r.GetString(18) == CaseStatus.Accepted ? null : Time(13),
                Assignee = Text(14),
                FeedbackAt = Time(15), CallbackAt = Time(16), Satisfaction = Text(17),
                // No column holds the start of 处置; the source's last change is when it began.
                StartAt = r.GetString(18) == CaseStatus.InProgress || Time(15) is not null ? Time(19) : null,
            });
        }
        return list;
    }
}
