using System.Globalization;

namespace CommandCenter.Features.Trends;

/// <summary>ApexCharts options for 巡查分析: the share of grids patrolled each day of the range.</summary>
public static class PatrolCharts
{
    public const string CoverageId = "patrol-coverage";

    public static object Coverage(PatrolView v) => new Dictionary<string, object?>
    {
        ["chart"] = new
        {
            id = CoverageId, type = "area", height = "100%", width = "100%",
            fontFamily = "Noto Sans CJK SC, Microsoft YaHei, sans-serif",
            toolbar = new { show = true, tools = new { download = true, selection = false, zoom = false, zoomin = false, zoomout = false, pan = false, reset = false } },
        },
        ["colors"] = new[] { "#24a889" },
        ["series"] = new[]
        {
            new
            {
                name = "巡查覆盖率",
                data = v.Coverage.Select(d => d.Coverage is { } c ? Math.Round(c * 100, 1) : (double?)null).ToArray(),
            },
        },
        ["xaxis"] = new
        {
            categories = v.Coverage.Select(d => d.Day.ToString("M月d日", CultureInfo.InvariantCulture)).ToArray(),
            labels = new { rotate = -45, hideOverlappingLabels = true },
            tickAmount = Math.Min(14, Math.Max(1, v.Coverage.Count - 1)),
        },
        ["yaxis"] = new { min = 0, max = 100, tickAmount = 5, title = new { text = "已巡查网格占比 %" } },
        ["stroke"] = new { width = 2, curve = "straight" },
        ["fill"] = new { opacity = 0.25 },
        ["dataLabels"] = new { enabled = false },
        ["legend"] = new { show = false },
        ["noData"] = new { text = "暂无数据" },
        ["tooltip"] = new
        {
            shared = true, intersect = false,
        },
    };
}
