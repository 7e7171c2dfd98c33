using CommandCenter.Core.Scorecards;
using CommandCenter.Features.Trends;

namespace CommandCenter.Features.Scorecards;

/// <summary>The bulletin as CSV (the trends' CSV conventions: UTF-8 with BOM, CRLF, formula-like text
/// neutralised): <see cref="Build"/> one line per ranked unit, <see cref="BuildCases"/> the named 超期 and 纠风办
/// cases. Built from the <see cref="BulletinContent"/> only, so a published bulletin's CSV is the same bytes
/// every time.</summary>
public static class BulletinCsv
{
    public static byte[] Build(BulletinContent b)
    {
        var header = new List<string> { "表", "类别", "排名", "单位编码", "单位", "总分", "较上月", "名次变化", "重点管理" };
        header.AddRange(b.Items.Select(i => i.Name + (i.IsDeduction ? "（扣分）" : "（得分）")));
        header.AddRange(["办结量", "按期办结率", "满意率", "超期件", "纠风办件", "考核细则版本"]);
        var csv = new TrendCsv([.. header]);
        foreach (var s in b.Sections)
            foreach (var r in s.Rows)
            {
                var fields = new List<object?>
                {
                    "排名", s.KindLabel, r.Rank, r.Code, r.Name, r.Total, r.Change, r.RankChange, r.Focus ? "是" : "",
                };
                fields.AddRange(r.Points.Cast<object?>());
                fields.AddRange([r.Closed, r.OnTimeRate, r.SatisfactionRate, r.Overdue, r.Jfb, b.ScorecardVersion]);
                csv.Row([.. fields]);
            }
        return csv.ToBytes();
    }

    public static byte[] BuildCases(BulletinContent b)
    {
        var csv = new TrendCsv("表", "编号", "事件", "承办单位", "网格", "反映人", "状态", "时间", "情况", "考核细则版本");
        foreach (var (table, cases) in new[] { ("超期件", b.OverdueCases), ("纠风办件", b.JfbCases) })
            foreach (var c in cases)
                csv.Row(table, c.Id, c.Title, c.Unit, c.Grid, c.Reporter, c.Status, c.When, c.Detail, b.ScorecardVersion);
        return csv.ToBytes();
    }

    public static string FileName(BulletinContent b, bool cases = false) =>
        $"考核通报-{b.Month}-v{b.ScorecardVersion}{(cases ? "-事件" : "")}.csv";
}
