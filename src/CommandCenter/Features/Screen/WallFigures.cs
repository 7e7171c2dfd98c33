using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using CommandCenter.Core.Time;
using CommandCenter.Live;
using Microsoft.AspNetCore.Components;

namespace CommandCenter.Features.Screen;

/// <summary>Everything the wall prints for one <see cref="LiveSnapshot"/>, formatted once and shared by every
/// wall circuit. Each circuit's render tree keeps references to the strings it rendered (in two buffers), so
/// texts formatted per circuit cost every wall its own copies; made here, twenty walls hold one copy.
/// Keyed by the snapshot object: an entry lives exactly as long as someone holds its snapshot.</summary>
public sealed class WallFigures
{
    private static readonly ConditionalWeakTable<LiveSnapshot, WallFigures> Cache = new();

    public static WallFigures For(LiveSnapshot snapshot) => Cache.GetValue(snapshot, static s => new WallFigures(s));

    /// <summary>今日: the ten tiles of the first row.</summary>
    public ImmutableArray<WallTile> Today { get; }

    /// <summary>本年 / 上线以来: the eight tiles of the record row.</summary>
    public ImmutableArray<WallTile> Record { get; }

    public string Heartbeat { get; }
    public string Position { get; }
    public string Clock { get; }
    public string DataAsOf { get; }
    public string Open { get; }
    public string Overdue { get; }
    public string Urgent { get; }
    public string CategoryTotal { get; }

    /// <summary>The donut's slices as the legend beside it lists them (top 7 and 其他).</summary>
    public IReadOnlyList<(string Name, int Count, string Color)> Slices { get; }

    /// <summary>The charts' options: one object per snapshot, so <c>ApexChart</c> serialises it once for all walls.</summary>
    public object DonutOptions { get; }
    public object TrendOptions { get; }

    private WallFigures(LiveSnapshot s)
    {
        var k = s.Kpis;
        var asOf = Time(k.AsOf);
        Heartbeat = s.HeartbeatAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        Position = s.Position.ToString(CultureInfo.InvariantCulture);
        Clock = Time(s.HeartbeatAt);
        DataAsOf = Time(s.DataAsOf);
        Open = k.Open.ToString(CultureInfo.InvariantCulture);
        Overdue = k.Overdue.ToString(CultureInfo.InvariantCulture);
        Urgent = k.OpenUrgent.ToString(CultureInfo.InvariantCulture);
        CategoryTotal = s.Categories.Sum(c => c.Count).ToString(CultureInfo.InvariantCulture);
        var slices = WallCharts.DonutSlices(s);
        Slices = slices;
        DonutOptions = WallCharts.DonutOptions(slices);
        TrendOptions = WallCharts.TrendOptions(s);
        Today =
        [
            WallTile.Make("今日受理", N(k.Accepted), "件", $"在办 {k.Open} 件", asOf),
            WallTile.Make("今日办结", N(k.Closed), "件", $"按期 {k.ClosedOnTime} 件", asOf),
            WallTile.Make("结案率", Pct(k.ClosureRate), PctUnit(k.ClosureRate), $"{k.AcceptedAndClosed} / {k.Accepted}", asOf, RateTone(k.ClosureRate, 0.9, 0.6)),
            WallTile.Make("按期办结率", Pct(k.OnTimeRate), PctUnit(k.OnTimeRate), $"{k.ClosedOnTime} / {k.Closed}", asOf, RateTone(k.OnTimeRate, 0.95, 0.85)),
            WallTile.Make("超期件", N(k.Overdue), "件", "在办且已过期限", asOf, k.Overdue > 0 ? "alert" : "good"),
            WallTile.Make("督办件", N(k.Supervised), "件", "在办且已督办", asOf, k.Supervised > 0 ? "warn" : "normal"),
            WallTile.Make("满意率", Pct(k.SatisfactionRate), PctUnit(k.SatisfactionRate), $"回访 {k.Callbacks} 次", asOf, RateTone(k.SatisfactionRate, 0.9, 0.8)),
            WallTile.Make("调解成功率", Pct(k.MediationSuccessRate), PctUnit(k.MediationSuccessRate), $"成功 {k.MediationsSucceeded} · 部分达成 {k.MediationsPartial}", asOf, RateTone(k.MediationSuccessRate, 0.8, 0.6)),
            WallTile.Make("巡查覆盖率", $"{k.GridsPatrolled}/{k.GridsTotal}", null, k.PatrolCoverage is { } cov ? $"已巡查 {cov * 100:0.0}%" : "暂无网格", asOf),
            WallTile.Make("在岗网格员", N(k.WorkersOnDuty), "人", "巡查中网格员", asOf),
        ];
        var (y, all) = (s.Record.Year, s.Record.SinceLaunch);
        Record =
        [
            WallTile.Make("本年累计受理", N(y.Accepted), "件", $"今日 {N(k.Accepted)} 件", asOf),
            WallTile.Make("本年累计办结", N(y.Closed), "件", $"按期 {N(y.ClosedOnTime)} 件", asOf),
            WallTile.Make("本年结案率", Pct(y.ClosureRate), PctUnit(y.ClosureRate), $"{N(y.AcceptedAndClosed)} / {N(y.Accepted)}", asOf, RateTone(y.ClosureRate, 0.9, 0.6)),
            WallTile.Make("本年就地化解率", Pct(y.LocalResolutionRate), PctUnit(y.LocalResolutionRate), $"网格/社区化解 {N(y.DisputesResolvedLocally)} / {N(y.DisputesResolved)}", asOf, RateTone(y.LocalResolutionRate, 0.8, 0.6)),
            WallTile.Make("本年重复投诉率", Pct(y.RepeatRate), PctUnit(y.RepeatRate), $"重复 {N(y.RepeatComplaints)} / {N(y.Reports)} 件", asOf, InverseTone(y.RepeatRate, 0.05, 0.1)),
            WallTile.Make("上线以来受理", N(all.Accepted), "件", s.Record.LaunchDay is { } d ? $"{d:yyyy-MM-dd} 起" : "暂无数据", asOf),
            WallTile.Make("上线以来办结", N(all.Closed), "件", $"按期 {N(all.ClosedOnTime)} 件", asOf),
            WallTile.Make("上线以来结案率", Pct(all.ClosureRate), PctUnit(all.ClosureRate), $"{N(all.AcceptedAndClosed)} / {N(all.Accepted)}", asOf, RateTone(all.ClosureRate, 0.9, 0.6)),
        ];
    }

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
    private static string Pct(double? rate) => rate is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) : "—";
    private static string? PctUnit(double? rate) => rate is null ? null : "%";
    private static string RateTone(double? rate, double good, double warn) =>
        rate is not { } r ? "normal" : r >= good ? "good" : r >= warn ? "normal" : "warn";
    // Lower is better (重复投诉率): good below the first bound, a warning above the second.
    private static string InverseTone(double? rate, double good, double warn) =>
        rate is not { } r ? "normal" : r <= good ? "good" : r <= warn ? "normal" : "warn";
    internal static string Time(DateTimeOffset t) => t == DateTimeOffset.MinValue ? "—" : Shanghai.ToLocal(t).ToString("HH:mm:ss", CultureInfo.InvariantCulture);
}

/// <summary>One KPI tile as the wall renders it (same markup and classes as <c>Shared/KpiTile</c>): the value
/// element stays a real element so its text can change in place; the parts around it are one markup frame
/// each, so a tile costs its circuit a handful of render-tree frames instead of a component of its own.</summary>
public sealed record WallTile(string Label, string TileClass, MarkupString Head, string ValueClass, MarkupString Value, MarkupString Tail)
{
    public static WallTile Make(string label, string value, string? unit, string detail, string asOf, string tone = "normal")
    {
        Func<string?, string?> e = WebUtility.HtmlEncode;
        var head = new MarkupString($"<div class=\"kpi-label\">{e(label)}</div>");
        var valueClass = value.Length + (unit?.Length ?? 0) > 5 ? "kpi-value kpi-value-long" : "kpi-value";
        var valueHtml = new MarkupString(string.IsNullOrEmpty(unit) ? e(value)! : $"{e(value)}<span class=\"kpi-unit\">{e(unit)}</span>");
        var tail = new MarkupString($"<div class=\"kpi-detail\">{e(detail)}</div><div class=\"kpi-asof\" data-test=\"tile-asof\">截至 {e(asOf)}</div>");
        return new WallTile(label, $"kpi-tile tone-{tone}", head, valueClass, valueHtml, tail);
    }
}
