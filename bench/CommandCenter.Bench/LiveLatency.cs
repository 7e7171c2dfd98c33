namespace CommandCenter.Bench;

/// <summary>Latency of the k-th acknowledged incident as one client saw it: the first time its 今日受理
/// reached baseline + k, minus that acknowledgement's time.</summary>
public static class LiveLatency
{
    /// <param name="samples">(time, 今日受理) in time order, as the client saw them.</param>
    public static double[] Of(IReadOnlyList<long> acks, int baseline, IReadOnlyList<(long At, int Value)> samples)
    {
        var result = new double[acks.Count];
        var j = 0;
        for (var k = 1; k <= acks.Count; k++)
        {
            while (j < samples.Count && samples[j].Value < baseline + k) j++;
            result[k - 1] = j == samples.Count ? double.PositiveInfinity : Math.Max(0, samples[j].At - acks[k - 1]);
        }
        return result;
    }

    /// <summary>The p-quantile by rank (as the figures have always been computed); null for no values.</summary>
    public static double? Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? null : sorted[Math.Min(sorted.Length - 1, (int)Math.Floor(p * sorted.Length))];
    }
}
