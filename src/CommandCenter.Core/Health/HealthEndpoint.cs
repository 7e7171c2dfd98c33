using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CommandCenter.Core.Health;

public static class HealthEndpoint
{
    /// <summary>Maps /healthz answering JSON. Anyone (a load balancer, a monitor) gets up or down: the
    /// status code and <c>{"status": …}</c>. The checks with their data — database host and port, PostGIS
    /// and schema versions, so an operator sees *why* it is red — only go to a signed-in administrator or
    /// to a caller on this machine that did not come through a proxy: they map the system for an attacker.</summary>
    public static IEndpointConventionBuilder MapCommandCenterHealth(this IEndpointRouteBuilder app) =>
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteAsync });

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        if (!MayReadDetails(http))
            return http.Response.WriteAsync(JsonSerializer.Serialize(new { status = report.Status.ToString() }, JsonOptions), http.RequestAborted);
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                data = e.Value.Data,
            }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, JsonOptions), http.RequestAborted);
    }

    internal static bool MayReadDetails(HttpContext http)
    {
        return http.User.IsInRole(Security.Roles.Admin) || Observability.LocalCaller.IsDirectLoopback(http);
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
