using Npgsql;

namespace CommandCenter.Shared.Hosting;

/// <summary>The shape of the web node's periodic checks (automatic 督办, the sign-for watch): run once at start,
/// then every <see cref="Interval"/>. A database outage is logged and retried on the next tick instead of
/// stopping the service; anything else is a bug and ends it (the host logs it).</summary>
public abstract class PeriodicDatabaseJob(TimeProvider clock, ILogger logger) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    /// <summary>For the log: what could not reach the database.</summary>
    protected abstract string Name { get; }

    protected abstract Task RunOnceAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.IO.IOException)
            {
                logger.LogWarning(ex, "{Job} could not reach the database; retrying in {Interval}", Name, Interval);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
