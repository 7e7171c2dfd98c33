using CommandCenter.Core;
using CommandCenter.Core.Replica;
using CommandCenter.Core.Time;
using CommandCenter.Core.Trends;
using CommandCenter.Core.Patrols;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CommandCenter.Features.Trends;

public static class TrendsExtensions
{
    public static WebApplicationBuilder AddTrends(this WebApplicationBuilder builder)
    {
        // Writers leave rollup parts pending; this node folds them in the background, readers before they read.
        builder.AddTrendFolder();
        builder.Services.TryAddSingleton<TrendQueries>();   // AddLiveUpdates may have registered it
        builder.Services.AddSingleton<TrendComparisons>();
        builder.Services.AddSingleton<TrendCases>();
        // 纠风办 list and handling record: on /trends, the reports and the case pages.
        builder.Services.AddSingleton<CommandCenter.Core.Jfb.JfbCases>();
        // 巡查分析 (issue 15): coverage, per-worker figures and ranking, 未巡查网格.
        builder.Services.AddValidatedOptions<PatrolOptions>(PatrolOptions.Section);
        builder.Services.AddSingleton<PatrolCoverage>();
        builder.Services.AddSingleton<PatrolAnalytics>();
        builder.Services.AddSingleton<PatrolLoader>();
        // /trends reads the replica when ConnectionStrings:Replica names one (issue 17), else the primary.
        builder.AddReadReplica();
        builder.Services.AddSingleton<TrendReadSource>();
        builder.Services.AddSingleton<TrendDashboard>();
        builder.Services.AddSingleton<PeriodReportLoader>();
        return builder;
    }

    /// <summary>GET /trends/export/{table}.csv with the page's query string: every table of the page as CSV
    /// (UTF-8 with BOM); /trends/heat.json: this week's 受理量 per grid for the heat layer.</summary>
    public static WebApplication MapTrendExports(this WebApplication app)
    {
        app.MapGet("/trends/export/{table}.csv", async (string table, HttpRequest request, TrendDashboard dashboard,
            TimeProvider clock, CancellationToken ct) =>
        {
            if (!TrendTables.Names.Contains(table))
                return Results.Problem($"没有名为「{table}」的表格；可导出：{string.Join("、", TrendTables.Names)}。", statusCode: 404);
            var filter = Filter(request, clock);
            if (table == "cases" && filter.Scope.GridCode is null)
                return Results.Problem("事件清单按网格导出：请在地址中给出 grid 参数（先下钻到一个网格）。", statusCode: 400);
            var view = await dashboard.LoadAsync(filter, ct);
            return Results.File(TrendTables.Build(table, view)!.ToBytes(), "text/csv; charset=utf-8", TrendTables.FileName(table, view));
        }).RequireAuthorization(Security.Policies.Trends);
        app.MapGet("/trends/heat.json", async (HttpRequest request, TrendDashboard dashboard, TimeProvider clock, CancellationToken ct) =>
        {
            var grids = await dashboard.GridsAsync(Filter(request, clock), ct);
            return Results.Json(grids.ToDictionary(g => g.Code, g => new { name = g.Name, count = g.Current.Accepted, rank = g.Rank }));
        }).RequireAuthorization(Security.Policies.Trends);
        return app;
    }

    private static TrendFilter Filter(HttpRequest r, TimeProvider clock)
    {
        var q = r.Query;
        var today = DateOnly.FromDateTime(Shanghai.ToLocal(clock.GetUtcNow()).Date);
        return TrendFilter.Parse(q["from"], q["to"], q["gran"], q["region"], q["community"], q["grid"], today, out _);
    }
}
