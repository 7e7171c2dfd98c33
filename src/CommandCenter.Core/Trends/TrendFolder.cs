using CommandCenter.Core.Observability;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CommandCenter.Core.Trends;

/// <summary>Folds the pending trend parts every <see cref="TrendFoldOptions.FoldInterval"/>, so the backlog a
/// reader has to fold stays one interval's writes. Every web and ingest node runs one; the database lock lets one
/// fold at a time and the others skip their turn (<c>trend_fold(wait =&gt; false)</c>).</summary>
public sealed class TrendFolder(TrendFold fold, IOptions<TrendFoldOptions> options, TimeProvider clock, ILogger<TrendFolder> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.BackgroundFold) return;
        using var timer = new PeriodicTimer(options.Value.FoldInterval, clock);
        var failing = false;
        while (await NextTickAsync(timer, stoppingToken))
        {
            try
            {
                var folded = await fold.FoldAsync(wait: false, stoppingToken);
                if (folded >= 0) CommandCenterMetrics.TrendPendingParts.Record(folded);
                if (failing) log.LogInformation("Trend folding works again");
                failing = false;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException && !stoppingToken.IsCancellationRequested)
            {
                // The readers fold for themselves, so a lost connection costs them time, not exact numbers.
                if (!failing) log.LogWarning(ex, "Folding the pending trend parts failed; retrying every {Interval}", options.Value.FoldInterval);
                failing = true;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    // A host disposed without StopAsync cancels the timer's wait: that is a stop, not a failure.
    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
