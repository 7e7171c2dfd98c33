using System.Globalization;
using CommandCenter.Core.Cases;
using CommandCenter.Core.Privacy;
using CommandCenter.Core.Security;
using CommandCenter.Core.Units;
using CommandCenter.Features.Cases;
using CommandCenter.Features.Trends;
using CommandCenter.Security;

namespace CommandCenter.Features.Work;

/// <summary>GET /work/export.csv: the signed-in unit's own work list as CSV (the same rows as /work, read through
/// the unit's binding, so no other unit's case can be in it). Titles and addresses are masked as on the list;
/// the export is written to the audit log with its row count.</summary>
public static class WorkExport
{
    public static WebApplication MapWorkExport(this WebApplication app)
    {
        app.MapGet("/work/export.csv", async (HttpContext http, SignedInUnit units, UnitCases cases, AuditLog audit, TimeProvider clock,
            CancellationToken ct) =>
        {
            if (await units.FindAsync(http.User, ct) is not { } account)
                return Results.Problem("此账号未绑定承办单位，请联系管理员。", statusCode: 403);
            var rows = await cases.ListAsync(account.Binding, http.Request.Query["q"], ct);
            var csv = new TrendCsv("编号", "标题", "分类", "状态", "紧急程度", "上报时间", "分流时间", "办理期限", "督办", "地址", "网格", "签收时间", "签收人", "吹哨");
            foreach (var r in rows)
                csv.Row(r.Id, Masking.FreeText(r.Title), r.CategoryName, CaseStatus.Label(r.Status), Priority(r.Priority), Time(r.ReportedAt),
                    Time(r.DispatchedAt), Time(r.DeadlineAt), r.SuperviseLevel > 0 ? $"{r.SuperviseLevel}级" : "", Masking.FreeText(r.Address), r.GridName,
                    Time(r.SignedAt), r.SignedBy, r.Summoned ? "是" : "");
            await audit.AppendAsync(new AuditEntry(account.Actor, account.Role, AuditActions.DataExported, $"承办工作台 {account.UnitName}",
                http.Connection.RemoteIpAddress?.ToString(), Details: new Dictionary<string, string?>
                {
                    ["rows"] = rows.Count.ToString(CultureInfo.InvariantCulture), ["unit"] = account.Binding.UnitCode,
                }), ct);
            var day = CaseText.FullTime(clock.GetUtcNow())[..10].Replace("-", "", StringComparison.Ordinal);
            return Results.File(csv.ToBytes(), "text/csv; charset=utf-8", $"承办事件-{account.UnitName}-{day}.csv");
        }).RequireAuthorization(Policies.Unit);
        return app;
    }

    // Local (Asia/Shanghai) time, as on every page: the people who open this file read local time.
    private static string? Time(DateTimeOffset? at) => at is { } t ? CaseText.FullTime(t) : null;

    private static string Priority(short p) => p switch { 1 => "紧急", 2 => "较急", _ => "一般" };
}
