using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CommandCenter.Live;

/// <summary>/healthz: is the web app hearing the database's change feed?</summary>
public sealed class ChangeFeedHealthCheck(IChangeFeed feed) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var data = new Dictionary<string, object> { ["position"] = feed.Position, ["lastHeard"] = feed.LastHeard };
        return Task.FromResult(feed.Connected
            ? HealthCheckResult.Healthy("change feed connected", data)
            : HealthCheckResult.Unhealthy("change feed not connected to the database (reconnecting)", data: data));
    }
}
