using System.Globalization;

namespace CommandCenter.Bench;

/// <summary>One read of an app's /metrics (Prometheus text), so a benchmark takes the server's own figures
/// from the same instruments an operator watches. Quantiles come from the difference of two scrapes'
/// histogram buckets, interpolated inside the bucket as Prometheus' histogram_quantile does.</summary>
public sealed class PrometheusScrape
{
    private readonly List<(string Name, string Labels, double Value)> _series;

    private PrometheusScrape(List<(string, string, double)> series) => _series = series;

    public static async Task<PrometheusScrape> GetAsync(string baseUrl, CancellationToken ct)
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync($"{baseUrl.TrimEnd('/')}/metrics", ct);
        var series = new List<(string, string, double)>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var brace = line.IndexOf('{');
            var space = line.LastIndexOf('}') is var close and > 0 ? close + 1 : line.IndexOf(' ');
            var name = brace > 0 && brace < space ? line[..brace] : line[..space];
            var labels = brace > 0 && brace < space ? line[(brace + 1)..(space - 1)] : "";
            var value = line[space..].Trim().Split(' ')[0];
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) series.Add((name, labels, v));
        }
        return new PrometheusScrape(series);
    }

    /// <summary>Sum of the series named <paramref name="name"/> whose labels contain <paramref name="label"/>.</summary>
    public double Sum(string name, string? label = null) =>
        _series.Where(s => s.Name == name && (label is null || s.Labels.Contains(label, StringComparison.Ordinal))).Sum(s => s.Value);

    private SortedDictionary<double, double> Buckets(string metric, string? label)
    {
        var buckets = new SortedDictionary<double, double>();
        foreach (var (name, labels, value) in _series)
        {
            if (name != metric + "_bucket" || (label is not null && !labels.Contains(label, StringComparison.Ordinal))) continue;
            var at = labels.IndexOf("le=\"", StringComparison.Ordinal) + 4;
            var le = labels[at..labels.IndexOf('"', at)];
            var bound = le == "+Inf" ? double.PositiveInfinity : double.Parse(le, CultureInfo.InvariantCulture);
            buckets[bound] = buckets.GetValueOrDefault(bound) + value;
        }
        return buckets;
    }

    /// <summary>The q-quantile (in milliseconds) of what histogram <paramref name="metric"/> (in seconds)
    /// recorded between <paramref name="before"/> and <paramref name="after"/>; null if nothing was recorded.</summary>
    public static double? QuantileMs(PrometheusScrape before, PrometheusScrape after, string metric, double q, string? label = null)
    {
        var b = before.Buckets(metric, label);
        var cumulative = after.Buckets(metric, label).Select(kv => (Le: kv.Key, Count: kv.Value - b.GetValueOrDefault(kv.Key))).ToList();
        if (cumulative.Count == 0 || cumulative[^1].Count <= 0) return null;
        var rank = q * cumulative[^1].Count;
        var (lower, below) = (0.0, 0.0);
        foreach (var (le, count) in cumulative)
        {
            if (count >= rank)
            {
                if (double.IsPositiveInfinity(le)) return Math.Round(lower * 1000, 1); // beyond the last bound: report it
                var share = count > below ? (rank - below) / (count - below) : 1;
                return Math.Round((lower + (le - lower) * share) * 1000, 1);
            }
            (lower, below) = (le, count);
        }
        return null;
    }

    /// <summary>How many values histogram <paramref name="metric"/> recorded between two scrapes.</summary>
    public static double CountBetween(PrometheusScrape before, PrometheusScrape after, string metric, string? label = null) =>
        after.Sum(metric + "_count", label) - before.Sum(metric + "_count", label);
}
