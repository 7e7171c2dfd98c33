using CommandCenter.Core.ChangeFeed;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CommandCenter.Core.Geo;

/// <summary>Keeps the singleton <see cref="GridAssigner"/> in step with the grids table: loads it
/// before the host serves, then reloads when a grid import is committed (by this or another process,
/// e.g. `geo import` on the command line). It listens on the change-feed channel and compares the
/// latest grid_imports id with the loaded one, which is cheap and also covers notifications missed
/// while disconnected.</summary>
public sealed class GridAssignerLoader(
    GridAssigner assigner, NpgsqlDataSource db, TimeProvider clock, ILogger<GridAssignerLoader> logger) : BackgroundService
{
    // Ingest notifies once per batch; checking the import id at most this often keeps that cheap.
    private static readonly TimeSpan MinCheckInterval = TimeSpan.FromSeconds(1);
    // A fallback poll in case a notification is lost with a dropped connection.
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(30);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await ReloadIfChangedAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    /// <summary>Reloads when the grid tables hold a newer import than the assigner. Returns true if it did.</summary>
    public async Task<bool> ReloadIfChangedAsync(CancellationToken ct)
    {
        var version = await GridStore.CurrentVersionAsync(db, ct);
        if (version == assigner.Version && (version == 0 || assigner.GridCount > 0)) return false;
        var (grids, loaded) = await GridStore.LoadAsync(db, ct);
        assigner.Reload(grids, loaded);
        logger.LogInformation("Grid assigner loaded {Count} grids (import {Version})", grids.Count, loaded);
        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.IO.IOException)
            {
                logger.LogWarning(ex, "Grid reload listener lost its connection; retrying in 5 s");
                await Task.Delay(TimeSpan.FromSeconds(5), clock, stoppingToken);
            }
        }
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var pending = 0;
        conn.Notification += (_, _) => Interlocked.Exchange(ref pending, 1);
        await using (var listen = new NpgsqlCommand($"LISTEN {ChangeLog.Channel}", conn))
            await listen.ExecuteNonQueryAsync(ct);
        await ReloadIfChangedAsync(ct);   // catch up on anything committed while we were not listening
        var lastCheck = clock.GetTimestamp();
        while (!ct.IsCancellationRequested)
        {
            var sinceCheck = clock.GetElapsedTime(lastCheck);
            var wait = Volatile.Read(ref pending) == 1 ? MinCheckInterval - sinceCheck : PollInterval - sinceCheck;
            if (wait > TimeSpan.Zero)
            {
                await conn.WaitAsync(wait, ct);
                if (clock.GetElapsedTime(lastCheck) < MinCheckInterval) continue;
            }
            Interlocked.Exchange(ref pending, 0);
            lastCheck = clock.GetTimestamp();
            await ReloadIfChangedAsync(ct);
        }
    }
}
