using CommandCenter.Core.Patrols;
using CommandCenter.Core.Time;
using CommandCenter.Core.Trends;
using Microsoft.Extensions.Options;

namespace CommandCenter.Features.Trends;

/// <summary>Loads a <see cref="PatrolView"/>: its three queries concurrently, each on its own pooled connection.</summary>
public sealed class PatrolLoader(PatrolAnalytics analytics, PatrolCoverage coverage, IOptions<PatrolOptions> options)
{
    public async Task<PatrolView> LoadAsync(TrendRange range, DateTimeOffset now, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(Shanghai.ToLocal(now).Date);
        var days = options.Value.UnpatrolledDays;
        var perDay = analytics.CoverageAsync(range.From, range.To, today, ct);
        var workers = analytics.WorkersAsync(range.From, range.To, today, ct);
        var unpatrolled = coverage.UnpatrolledAsync(days, now, ct);
        await Task.WhenAll(perDay, workers, unpatrolled);
        return new PatrolView(range.From, range.To, perDay.Result, WorkerRanking.Rank(workers.Result), unpatrolled.Result, days, now);
    }
}
