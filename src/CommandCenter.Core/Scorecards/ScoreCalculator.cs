namespace CommandCenter.Core.Scorecards;

/// <summary>The scorecard's arithmetic, pure (no I/O) so the rollup path and a raw recount share it.
/// <list type="bullet">
/// <item>A rate item earns weight × rate; the 签收 time item earns its weight when the mean is within the
/// target, else weight × target / mean.</item>
/// <item>An item without data in the period (no closures, no 回访, nothing signed) is left out, and the other
/// scored items are scaled up to the full marks — a unit is judged on what it did, not on what it had no
/// chance to do.</item>
/// <item>A deduction takes off per-case × count, at most its cap. The total never goes below 0.</item>
/// <item>Ranks are competition ranks on the total rounded to two decimals (equal totals share a rank, the
/// next rank skips); 重点管理 are the units fewer than <see cref="ScorecardDefinition.FocusCount"/> others
/// score below (ties at the boundary are all flagged), only when more units than that are ranked.</item>
/// </list></summary>
public static class ScoreCalculator
{
    public static UnitScore Score(ScorecardDefinition d, UnitMetrics m)
    {
        var items = new List<ItemScore>();
        decimal earned = 0, available = 0, deducted = 0;
        foreach (var item in d.Items)
        {
            var value = m.Value(item.Metric);
            if (item.IsDeduction)
            {
                var off = Math.Min(item.Cap ?? 0, (item.PerCase ?? 0) * (decimal)(value ?? 0));
                deducted += off;
                items.Add(new ItemScore(item.Metric, item.Name, value, Round(off), true));
                continue;
            }
            var weight = item.Weight ?? 0;
            if (value is not { } v)
            {
                items.Add(new ItemScore(item.Metric, item.Name, null, 0, false));
                continue;
            }
            var fraction = item.Metric == ScoreMetric.SignHours
                ? (v <= (double)(item.TargetHours ?? 0) || v == 0 ? 1m : (decimal)((double)(item.TargetHours ?? 0) / v))
                : (decimal)v;
            var points = weight * fraction;
            earned += points;
            available += weight;
            items.Add(new ItemScore(item.Metric, item.Name, value, Round(points), false));
        }
        var full = d.FullMarks;
        var scored = available == 0 ? full : earned * full / available;
        return new UnitScore(Math.Max(0, Round(scored - deducted)), items);
    }

    /// <summary>Ranks the active units of one kind (current period) against their previous period.</summary>
    public static IReadOnlyList<ScoreRow> Rank(ScorecardDefinition d, UnitKind kind,
        IReadOnlyList<(string Code, string Name, UnitMetrics Current, UnitMetrics Previous)> units)
    {
        var current = units.Where(u => u.Current.Active).Select(u => (u, Score: Score(d, u.Current))).ToList();
        var previous = units.Where(u => u.Previous.Active).ToDictionary(u => u.Code, u => Score(d, u.Previous).Total);
        var previousTotals = previous.Values.ToList();
        var totals = current.Select(c => c.Score.Total).ToList();
        var flagged = current.Count > d.FocusCount;
        return current
            .Select(c => new ScoreRow(c.u.Code, c.u.Name, kind, c.u.Current, c.Score,
                Rank: 1 + totals.Count(t => t > c.Score.Total),
                PreviousTotal: previous.TryGetValue(c.u.Code, out var p) ? p : null,
                PreviousRank: previous.TryGetValue(c.u.Code, out var q) ? 1 + previousTotals.Count(t => t > q) : null,
                Focus: flagged && totals.Count(t => t < c.Score.Total) < d.FocusCount))
            .OrderBy(r => r.Rank).ThenBy(r => r.Code, StringComparer.Ordinal)
            .ToList();
    }

    private static decimal Round(decimal x) => Math.Round(x, 2, MidpointRounding.AwayFromZero);
}
