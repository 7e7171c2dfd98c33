using CommandCenter.Core.Cases;
using CommandCenter.Shared.Hosting;
using Microsoft.Extensions.Options;

namespace CommandCenter.Features.Cases;

/// <summary>The automatic 督办: every <see cref="SuperviseOptions.Interval"/> it raises the level of cases
/// whose deadline crossed a threshold. Each run is one transaction with one change-log row, so the wall and
/// the queues see the new levels at once.</summary>
public sealed class AutoSuperviseService(
    CaseActions actions, IOptions<SuperviseOptions> options, TimeProvider clock, ILogger<AutoSuperviseService> logger)
    : PeriodicDatabaseJob(clock, logger)
{
    protected override TimeSpan Interval => options.Value.Interval;
    protected override string Name => "Automatic 督办";
    protected override Task RunOnceAsync(CancellationToken ct) => actions.AutoSuperviseAsync(options.Value, ct);
}
