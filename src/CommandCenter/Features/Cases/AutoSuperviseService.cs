using CommandCenter.Core.Cases;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CommandCenter.Features.Cases;

/// <summary>The automatic 督办: every <see cref="SuperviseOptions.Interval"/> it raises the level of cases
/// whose deadline crossed a threshold. Each run is one transaction with one change-log row, so the wall and
/// the queues see the new levels at once. A database outage is logged and retried on the next tick.</summary>
public sealed class AutoSuperviseService(
    CaseActions actions, IOptions<SuperviseOptions> options, TimeProvider clock, ILogger<AutoSuperviseService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            try
            {
                await actions.AutoSuperviseAsync(options.Value, stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.IO.IOException)
            {
                logger.LogWarning(ex, "Automatic 督办 could not reach the database; retrying in {Interval}", options.Value.Interval);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
