using CommandCenter.Core.Cases;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CommandCenter.Features.Work;

/// <summary>Runs <see cref="DispatchWatch"/> every <see cref="DispatchOptions.Interval"/>. A database outage is
/// logged and retried on the next tick; the once-keys make a run on two web nodes harmless.</summary>
public sealed class DispatchWatchService(
    DispatchWatch watch, IOptions<DispatchOptions> options, TimeProvider clock, ILogger<DispatchWatchService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            try
            {
                await watch.RunAsync(options.Value, stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.IO.IOException)
            {
                logger.LogWarning(ex, "Dispatch watch could not reach the database; retrying in {Interval}", options.Value.Interval);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
