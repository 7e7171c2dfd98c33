using System.Globalization;
using CommandCenter.Core.Campaigns;
using CommandCenter.Core.Security;
using CommandCenter.Features.Cases;
using CommandCenter.Features.Trends;
using CommandCenter.Security;

namespace CommandCenter.Features.Campaigns;

/// <summary>GET /campaigns/{id}/export.csv: a campaign's report — one row per target grid with its totals and rates,
/// then the 合计 row (the same figures as /campaigns/{id}). Written to the audit log as data.export with its row count.</summary>
public static class CampaignExport
{
    public static WebApplication MapCampaignExport(this WebApplication app)
    {
        app.MapGet("/campaigns/{id:long}/export.csv", async (long id, HttpContext http, CampaignStore store, CurrentActor actor, AuditLog audit,
            TimeProvider clock, CancellationToken ct) =>
        {
            if (await store.GetAsync(id, ct) is not { } c) return Results.NotFound();
            var grids = await store.GridsAsync(id, c.Counters.Count, ct);
            var csv = Build(c, grids);
            var who = new AuditActor(http.User.Identity!.Name!, http.User.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value,
                http.Connection.RemoteIpAddress?.ToString());
            await audit.AppendAsync(new AuditEntry(who.Name, who.Role, AuditActions.DataExported, $"专项任务 #{id} {c.Title}", who.Ip,
                Details: new Dictionary<string, string?> { ["rows"] = grids.Count.ToString(CultureInfo.InvariantCulture) }), ct);
            var day = CaseText.FullTime(clock.GetUtcNow())[..10].Replace("-", "", StringComparison.Ordinal);
            return Results.File(csv, "text/csv; charset=utf-8", $"专项任务-{c.Title}-{day}.csv");
        }).RequireAuthorization(Policies.Campaigns);
        return app;
    }

    /// <summary>The file's bytes: header, a row per grid, the 合计 row. Rates are percentages with one decimal (numbers,
    /// so a spreadsheet can sort them); empty where there is no base yet.</summary>
    public static byte[] Build(Campaign c, IReadOnlyList<CampaignGridRow> grids)
    {
        var header = new List<string> { "网格编号", "网格", "片区" };
        foreach (var k in c.Counters)
        {
            header.Add(k.Label);
            if (k.GridTarget is not null) header.Add($"{k.Label}目标");
            if (k.Ord > 0) header.Add($"{k.RateLabel}(%)");
        }
        header.AddRange(["上报次数", "最近上报时间", "最近上报人"]);
        var csv = new TrendCsv([.. header]);
        foreach (var g in grids)
            csv.Row([g.GridCode, g.GridName, g.RegionName, .. Figures(c, g.Totals, 1), g.Reports,
                g.LastReportAt is { } at ? CaseText.FullTime(at) : null, g.LastReportedBy]);
        var totals = Enumerable.Range(0, c.Counters.Count).Select(i => grids.Sum(g => g.Totals[i])).ToArray();
        csv.Row(["合计", $"{grids.Count(g => g.Reports > 0)}/{grids.Count} 个网格已上报", null, .. Figures(c, totals, grids.Count),
            grids.Sum(g => g.Reports), null, null]);
        return csv.ToBytes();
    }

    private static IEnumerable<object?> Figures(Campaign c, IReadOnlyList<int> totals, int gridCount)
    {
        foreach (var k in c.Counters)
        {
            yield return totals[k.Ord];
            if (k.GridTarget is { } t) yield return t * gridCount;
            if (k.Ord > 0) yield return CampaignRates.Rate(totals, k.Ord) is { } r ? Math.Round(r * 100, 1) : null;
        }
    }
}
