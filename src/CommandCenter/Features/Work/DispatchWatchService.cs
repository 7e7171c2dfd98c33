using CommandCenter.Core.Cases;
using CommandCenter.Shared.Hosting;
using Microsoft.Extensions.Options;

namespace CommandCenter.Features.Work;

/// <summary>Runs <see cref="DispatchWatch"/> (unsigned cases escalate, deadlines near) every
/// <see cref="DispatchOptions.Interval"/>; the once-keys make a run on two web nodes harmless.</summary>
public sealed class DispatchWatchService(
    DispatchWatch watch, IOptions<DispatchOptions> options, TimeProvider clock, ILogger<DispatchWatchService> logger)
    : PeriodicDatabaseJob(clock, logger)
{
    protected override TimeSpan Interval => options.Value.Interval;
    protected override string Name => "Dispatch watch";
    protected override Task RunOnceAsync(CancellationToken ct) => watch.RunAsync(options.Value, ct);
}
