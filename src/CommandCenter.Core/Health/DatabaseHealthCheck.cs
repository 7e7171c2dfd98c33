using CommandCenter.Core.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CommandCenter.Core.Health;

/// <summary>/healthz: the database is reachable, PostGIS is there, and the schema version.</summary>
public sealed class DatabaseHealthCheck(DatabaseProbe probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var status = await probe.CheckAsync(ct);
        var data = new Dictionary<string, object>
        {
            ["database"] = status.Where,
            ["schemaVersion"] = status.SchemaVersion ?? 0,
            ["postgis"] = status.PostGisVersion ?? "",
        };
        return status.Healthy
            ? HealthCheckResult.Healthy("database reachable", data)
            : HealthCheckResult.Unhealthy(status.Problem, data: data);
    }
}
