using System.Threading.Channels;
using CommandCenter.Core.ChangeFeed;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CommandCenter.Core.Geo;

/// <summary>Keeps the singleton <see cref="GridAssigner"/> in step with the grids table: loads it
/// before the host serves, then reloads when the change feed delivers a <see cref="GridsChange"/> (a grid
/// import committed by this or another process, e.g. `geo import` on the command line). The feed catches
/// up by position after a lost connection, so an import committed meanwhile still arrives.</summary>
public sealed class GridAssignerLoader(
    GridAssigner assigner, NpgsqlDataSource db, IChangeFeed feed, TimeProvider clock, ILogger<GridAssignerLoader> logger)
    : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    // Capacity one, extra writes dropped: any number of imports announced while a reload runs collapse
    // into one more reload, and the feed's loop never waits for us.
    private readonly Channel<bool> _importCommitted = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

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
        // A host disposed before the feed started (a short-lived test host, a failed start) cancels the
        // wait; that is a normal end, not a fault to log as the service crashing.
        try
        {
            await FollowImportsAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task FollowImportsAsync(CancellationToken stoppingToken)
    {
        using var subscription = feed.Subscribe(OnChangesAsync);
        // The feed starts at the head of the log it finds; an import committed between StartAsync's load
        // and that moment is not in the feed, so look once more after it started.
        await feed.Started.WaitAsync(stoppingToken);
        _importCommitted.Writer.TryWrite(true);
        while (await _importCommitted.Reader.WaitToReadAsync(stoppingToken))
        {
            _importCommitted.Reader.TryRead(out _);
            try
            {
                await ReloadIfChangedAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is (NpgsqlException or TimeoutException or IOException) && !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Reloading the grid assigner failed; retrying in {Delay}", RetryDelay);
                await Task.Delay(RetryDelay, clock, stoppingToken);
                _importCommitted.Writer.TryWrite(true);
            }
        }
    }

    private Task OnChangesAsync(IReadOnlyList<ChangeEntry> entries, CancellationToken ct)
    {
        if (entries.Any(e => e.Payload is GridsChange)) _importCommitted.Writer.TryWrite(true);
        return Task.CompletedTask;
    }
}
