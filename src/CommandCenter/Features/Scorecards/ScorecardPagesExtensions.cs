using CommandCenter.Core.Scorecards;

namespace CommandCenter.Features.Scorecards;

public static class ScorecardPagesExtensions
{
    public static WebApplicationBuilder AddScorecardPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddScorecards();
        return builder;
    }

    /// <summary>GET /scorecards/bulletin.csv?month=yyyy-MM[&amp;table=cases]: the published bulletin's ranking (or its
    /// named cases) as CSV, byte for byte the same every time; the preview's while the month is unpublished.</summary>
    public static WebApplication MapScorecardExports(this WebApplication app)
    {
        app.MapGet("/scorecards/bulletin.csv", async (HttpRequest request, BulletinStore bulletins, TimeProvider clock, CancellationToken ct) =>
        {
            var month = BulletinMonth.Parse(request.Query["month"], clock, out var problem);
            if (problem is not null) return Results.Problem(problem, statusCode: 400);
            var table = request.Query["table"].ToString();
            if (table is not ("" or "ranking" or "cases"))
                return Results.Problem($"没有名为「{table}」的表格；可导出：ranking（排名）、cases（通报事件）。", statusCode: 404);
            var content = (await bulletins.GetAsync(month, ct))?.Content ?? await bulletins.PreviewAsync(month, ct);
            return table == "cases"
                ? Results.File(BulletinCsv.BuildCases(content), "text/csv; charset=utf-8", BulletinCsv.FileName(content, cases: true))
                : Results.File(BulletinCsv.Build(content), "text/csv; charset=utf-8", BulletinCsv.FileName(content));
        }).RequireAuthorization(Security.Policies.Scorecards);
        return app;
    }
}
