namespace CommandCenter.Features.Screen;

// ApexCharts options for the wall's two charts, built from a snapshot once for every wall (WallFigures). Font sizes
// are in vh so the charts scale with the screen like the rest of the wall.
internal static class WallCharts
{
    // The first draw animates; updates do not. A busy wall gets several snapshots a second, and a 400 ms morph on
    // each kept both charts animating all the time on the browser's main thread (with it off, `./bench.sh live`'s
    // ingest → wall p50 fell from 510 to 320 ms in the same session).
    private static readonly object Animations = new { enabled = true, speed = 400, dynamicAnimation = new { enabled = false } };

    private static readonly string[] Palette = ["#2f8cff", "#39e5c4", "#ffc24b", "#ff7a45", "#b37feb", "#5cdbd3", "#ff5d8f", "#7f8fa6"];

    /// <summary>The donut's slices as the legend beside it lists them (top 7 and 其他).</summary>
    public static List<(string Name, int Count, string Color)> DonutSlices(Live.LiveSnapshot snap)
    {
        var slices = snap.Categories.Take(7).Select((c, i) => (c.Name, c.Count, Palette[i])).ToList();
        var rest = snap.Categories.Skip(7).Sum(c => c.Count);
        if (rest > 0) slices.Add(("其他", rest, Palette[7]));
        return slices;
    }

    public static object DonutOptions(List<(string Name, int Count, string Color)> slices)
    {
        var labels = slices.Select(s => s.Name).ToList();
        var series = slices.Select(s => s.Count).ToList();
        return new
        {
            chart = new { type = "donut", background = "transparent", animations = Animations },
            theme = new { mode = "dark" },
            series,
            labels,
            colors = Palette,
            stroke = new { width = 1, colors = new[] { "#0a1e38" } },
            legend = new { show = false }, // the panel lists the categories itself, readable from afar
            dataLabels = new { enabled = true, style = new { fontSize = "1.3vh" }, dropShadow = new { enabled = false } },
            plotOptions = new
            {
                pie = new
                {
                    donut = new
                    {
                        size = "62%",
                        labels = new { show = false }, // the total is in the panel title
                    },
                },
            },
            tooltip = new { enabled = false },
            noData = new { text = "暂无数据", style = new { color = "#8fb0d0", fontSize = "1.8vh" } },
        };
    }

    public static object TrendOptions(Live.LiveSnapshot snap) => new
    {
        chart = new { type = "bar", background = "transparent", toolbar = new { show = false }, animations = Animations },
        theme = new { mode = "dark" },
        series = new object[]
        {
            new { name = "受理", data = snap.Trend.Select(d => d.Accepted).ToArray() },
            new { name = "办结", data = snap.Trend.Select(d => d.Closed).ToArray() },
        },
        colors = new[] { "#2f8cff", "#39e58c" },
        xaxis = new
        {
            categories = snap.Trend.Select(d => d.Day.ToString("MM-dd")).ToArray(),
            labels = new { style = new { colors = "#9cc3ea", fontSize = "1.4vh" } },
            axisBorder = new { color = "#2a4a6e" },
            axisTicks = new { show = false },
        },
        yaxis = new { labels = new { style = new { colors = "#9cc3ea", fontSize = "1.3vh" } }, forceNiceScale = true },
        grid = new { borderColor = "#1d3a5c", strokeDashArray = 3 },
        plotOptions = new { bar = new { columnWidth = "58%", borderRadius = 3 } },
        dataLabels = new { enabled = false },
        legend = new { show = false },
        tooltip = new { enabled = false },
    };
}
