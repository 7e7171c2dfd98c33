using CommandCenter.Core.Time;

namespace CommandCenter.Ingest.Simulator;

/// <summary>When people report: few at night, peaks mid-morning and mid-afternoon, quieter weekends
/// (Asia/Shanghai local time). The factors average about 1 over a week.</summary>
public static class Rhythm
{
    private static readonly double[] Hourly =
    [
        0.15, 0.10, 0.08, 0.08, 0.10, 0.20, 0.45, 0.85, 1.40, 1.75, 1.80, 1.50,
        1.00, 1.15, 1.55, 1.65, 1.55, 1.35, 1.05, 0.95, 0.80, 0.60, 0.40, 0.25,
    ];

    // Monday first.
    private static readonly double[] Daily = [1.15, 1.10, 1.05, 1.00, 1.00, 0.75, 0.70];

    private static readonly double HourlyMean = Hourly.Average();
    private static readonly double DailyMean = Daily.Average();

    public static double Factor(DateTimeOffset at)
    {
        var local = Shanghai.ToLocal(at);
        var day = ((int)local.DayOfWeek + 6) % 7;
        return Hourly[local.Hour] / HourlyMean * (Daily[day] / DailyMean);
    }

    /// <summary>Number of events in a window of <paramref name="span"/> starting at <paramref name="at"/>,
    /// for an average of <paramref name="perDay"/> a day (Poisson).</summary>
    public static int Draw(Random random, DateTimeOffset at, TimeSpan span, double perDay)
    {
        var mean = perDay * span.TotalDays * Factor(at);
        // Knuth for small means, normal approximation for large ones.
        if (mean > 30) return Math.Max(0, (int)Math.Round(mean + Math.Sqrt(mean) * Gaussian(random)));
        var limit = Math.Exp(-mean);
        var k = 0;
        for (var p = random.NextDouble(); p > limit; p *= random.NextDouble()) k++;
        return k;
    }

    public static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
