using CommandCenter.Core.Kpis;
using CommandCenter.Core.Trends;

namespace CommandCenter.Features.Trends;

/// <summary>ApexCharts options for the trend charts (page and report alike). Each chart has an id so it
/// can be exported as PNG through ApexCharts' own dataURI.</summary>
public static class TrendCharts
{
    private static readonly string[] Palette =
        ["#1f6fd1", "#24a889", "#f0a020", "#e4572e", "#8e6bd8", "#3bb4d8", "#d6489a", "#7d8c9c", "#9bc53d", "#c06c30", "#5566aa", "#2e8b57", "#b8860b", "#708090"];

    public static object CategoryVolumes(TrendView v, bool print = false) =>
        Stacked("trend-categories", v, v.Categories, print);

    public static object ChannelVolumes(TrendView v, bool print = false) =>
        Stacked("trend-channels", v, v.Channels, print);

    public static object Rates(TrendView v, bool print = false)
    {
        (string Name, Func<KpiSnapshot, double?> Rate)[] lines =
        [
            ("结案率", k => k.ClosureRate), ("按期办结率", k => k.OnTimeRate), ("满意率", k => k.SatisfactionRate),
            ("调解成功率", k => k.MediationSuccessRate), ("就地化解率", k => k.LocalResolutionRate),
        ];
        return Base("trend-rates", "line", v, print, new
        {
            series = lines.Select(l => new
            {
                name = l.Name,
                data = v.Series.Select(p => l.Rate(p.Kpis) is { } r ? Math.Round(r * 100, 1) : (double?)null).ToArray(),
            }).ToArray(),
            yaxis = new { min = 0, max = 100, title = new { text = "%" } },
            stroke = new { width = 2, curve = "straight" },
            markers = new { size = 3 },
        });
    }

    public static object Durations(TrendView v, bool print = false) => Base("trend-durations", "line", v, print, new
    {
        series = new object[]
        {
            new { name = "平均响应时长(分钟)", data = v.Series.Select(p => Round(p.Kpis.ResponseMeanMinutes)).ToArray() },
            new { name = "平均办结时长(小时)", data = v.Series.Select(p => Round(p.Kpis.CloseMeanHours)).ToArray() },
        },
        yaxis = new object[]
        {
            new { title = new { text = "分钟" }, min = 0 },
            new { opposite = true, title = new { text = "小时" }, min = 0 },
        },
        stroke = new { width = 2 },
        markers = new { size = 3 },
    });

    private static object Stacked(string id, TrendView v, IReadOnlyList<TrendSlice> slices, bool print)
    {
        var buckets = v.Series.Select(p => p.Bucket).ToList();
        var keys = slices.GroupBy(s => s.Label).OrderByDescending(g => g.Sum(s => s.Accepted)).Select(g => g.Key).ToList();
        // On paper the legend must stay short: the 7 largest and 其他.
        const string Other = "其他";
        var shown = print && keys.Count > 8 ? keys.Take(7).ToHashSet() : keys.ToHashSet();
        var lookup = slices.GroupBy(s => (Label: shown.Contains(s.Label) ? s.Label : Other, s.Bucket))
            .ToDictionary(g => g.Key, g => g.Sum(s => s.Accepted));
        if (shown.Count < keys.Count) keys = [.. keys.Take(7), Other];
        return Base(id, "bar", v, print, new
        {
            series = keys.Select(k => new { name = k, data = buckets.Select(b => lookup.GetValueOrDefault((k, b))).ToArray() }).ToArray(),
            plotOptions = new { bar = new { columnWidth = "70%" } },
            yaxis = new { title = new { text = "件" } },
        }, stacked: true);
    }

    /// <summary>The shared part (type, id, x axis, colours, toolbar) merged with a chart's own options.</summary>
    private static Dictionary<string, object?> Base(string id, string type, TrendView v, bool print, object own, bool stacked = false)
    {
        var options = new Dictionary<string, object?>
        {
            ["chart"] = new
            {
                id = print ? id + "-print" : id,
                type,
                stacked,
                fontFamily = "Noto Sans CJK SC, Microsoft YaHei, sans-serif",
                animations = new { enabled = !print },
                // On paper the chart has one fixed size: no re-layout when the browser switches to print media.
                height = print ? (object)235 : "100%",
                width = print ? (object)330 : "100%",
                redrawOnParentResize = !print,
                redrawOnWindowResize = !print,
                // The toolbar's menu downloads PNG/SVG too; the page's own button does PNG in one click.
                toolbar = new { show = !print, tools = new { download = true, selection = false, zoom = false, zoomin = false, zoomout = false, pan = false, reset = false } },
            },
            ["colors"] = Palette,
            // On paper: short labels that fit without rotating, so the plot keeps its height.
            ["xaxis"] = print
                ? new { categories = v.Series.Select(p => p.Bucket.ToString("M/d", System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
                        labels = (object)new { rotate = 0, hideOverlappingLabels = true, style = new { fontSize = "8px" } } }
                : new { categories = v.Series.Select(p => TrendFormat.Bucket(p.Bucket, v.Filter.Range.Granularity)).ToArray(), labels = (object)new { } },
            ["dataLabels"] = new { enabled = false },
            ["legend"] = new { position = "bottom", fontSize = print ? "9px" : "12px", itemMargin = new { horizontal = print ? 3 : 6, vertical = 0 } },
            ["noData"] = new { text = "暂无数据" },
            ["tooltip"] = new { shared = true, intersect = false },
        };
        foreach (var p in own.GetType().GetProperties()) options[p.Name] = p.GetValue(own);
        return options;
    }

    private static double? Round(double? v) => v is { } x ? Math.Round(x, 1) : null;
}
