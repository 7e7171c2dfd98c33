using CommandCenter.Core.Cases;
using CommandCenter.Core.Kpis;
using CommandCenter.Core.Privacy;
using CommandCenter.Core.Roster;
using CommandCenter.Core.Walls;
using CommandCenter.Shared;
using Npgsql;

namespace CommandCenter.Features.WallControl;

/// <summary>Reads what a wall shows for a command. The case lists use the wall's own "open" definition
/// (<see cref="KpiCalculator"/>'s), titles go through <see cref="Masking.FreeText"/>, and a spotlighted case
/// comes from <see cref="CaseDetailReader.LoadAsync"/>, the masked read.</summary>
public sealed class WallViewLoader(NpgsqlDataSource db, CaseDetailReader cases, GridPeopleReader people, TimeProvider clock)
{
    private const int MaxCases = 12;

    public async Task<WallView> LoadAsync(WallCommand command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        switch (command.Kind)
        {
            case WallCommandKinds.Spotlight when command.CaseId is { } id:
                var detail = await cases.LoadAsync(id, ct);
                var focus = detail is null ? null : new MapFocus(GridCode: detail.State.GridCode, Lon: detail.Longitude, Lat: detail.Latitude, CaseId: id);
                return new WallView(command, detail is null ? $"事件 #{id}" : $"事件 #{id} · {detail.Title}",
                    detail is null ? "该事件已不存在" : $"{detail.CategoryName} · {CaseStatus.Label(detail.State.Status)} · {detail.GridName ?? "网格外"}",
                    focus, [], 0, null, detail);
            case WallCommandKinds.Focus or WallCommandKinds.Scene when command.GridCode is { } grid:
            {
                var (title, sub) = await GridAsync(grid, ct);
                var (list, open) = await OpenCasesAsync("c.grid_code = @code", grid, now, ct);
                var team = await people.LoadAsync(grid, ct);
                return new WallView(command, title, sub, new MapFocus(GridCode: grid), list, open, team, null);
            }
            case WallCommandKinds.Focus or WallCommandKinds.Scene when command.RegionCode is { } region:
            {
                var name = await ScalarAsync("SELECT name FROM regions WHERE code = @code", region, ct) ?? region;
                var (list, open) = await OpenCasesAsync("c.grid_code IN (SELECT code FROM grids WHERE region_code = @code)", region, now, ct);
                var grids = await ScalarAsync("SELECT count(*)::text FROM grids WHERE region_code = @code", region, ct);
                return new WallView(command, name, $"{grids} 个网格 · 在办 {open} 件", new MapFocus(RegionCode: region), list, open, null, null);
            }
            default:
                // 全局态势: the normal picture, named so the room knows the desk chose it.
                return new WallView(command, "全局态势", null, null, [], 0, null, null);
        }
    }

    private async Task<(string Title, string Sub)> GridAsync(string grid, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            SELECT g.name, c.name, r.name
            FROM grids g JOIN communities c ON c.code = g.community_code JOIN regions r ON r.code = g.region_code
            WHERE g.code = @code
            """);
        cmd.Parameters.AddWithValue("code", grid);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return (grid, "网格已不存在");
        return (r.GetString(0), $"{r.GetString(2)} · {r.GetString(1)}");
    }

    private async Task<(IReadOnlyList<WallCaseLine> Cases, int Open)> OpenCasesAsync(string where, string code, DateTimeOffset now, CancellationToken ct)
    {
        var sql = $"""
            SELECT c.id, c.title, cat.name, c.status, c.priority, coalesce(c.accepted_at, c.reported_at), g.name, count(*) OVER ()
            FROM cases c JOIN categories cat ON cat.code = c.category_code LEFT JOIN grids g ON g.code = c.grid_code
            WHERE {KpiCalculator.OpenAtNow} AND {where}
            ORDER BY c.priority, coalesce(c.accepted_at, c.reported_at) DESC
            LIMIT {MaxCases}
            """;
        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.AddWithValue("code", code);
        cmd.Parameters.AddWithValue("now", now);
        var list = new List<WallCaseLine>();
        var open = 0;
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            list.Add(new WallCaseLine(r.GetInt64(0), Masking.FreeText(r.GetString(1)) ?? "", r.GetString(2), CaseStatus.Label(r.GetString(3)),
                r.GetInt16(4), r.GetFieldValue<DateTimeOffset>(5), r.IsDBNull(6) ? null : r.GetString(6)));
            open = (int)r.GetInt64(7);
        }
        return (list, open);
    }

    private async Task<string?> ScalarAsync(string sql, string code, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.AddWithValue("code", code);
        return await cmd.ExecuteScalarAsync(ct) as string;
    }
}
