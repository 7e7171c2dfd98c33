using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CommandCenter.Core.ChangeFeed;

/// <summary>/healthz: is this process hearing the database's change feed?</summary>
public sealed class ChangeFeedHealthCheck(IChangeFeed feed) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var data = new Dictionary<string, object> { ["position"] = feed.Position, ["lastHeard"] = feed.LastHeard };
        return Task.FromResult(feed.Connected
            ? HealthCheckResult.Healthy("change feed connected", data)
            // The registration decides how bad that is: fatal for a wall screen, a nuisance for ingest.
            : new HealthCheckResult(context.Registration.FailureStatus, "change feed not connected to the database (reconnecting)", data: data));
    }
}
