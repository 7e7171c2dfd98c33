using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CommandCenter.Core.Security;

/// <summary>Named rate-limiter policies shared by both apps: <see cref="Login"/> for the login form and
/// the kiosk link (per client address), <see cref="Ingest"/> for the ingest API (per API key, or per
/// address for requests without one). Use with <c>.RequireRateLimiting(RateLimitPolicies.Ingest)</c>.</summary>
public static class RateLimitPolicies
{
    public const string Login = "login";
    public const string Ingest = "ingest";

    /// <summary>Registers the policies; call <c>app.UseRateLimiter()</c> after routing.</summary>
    public static IServiceCollection AddCommandCenterRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<SecurityOptions>>((limiter, security) =>
        {
            var o = security.Value;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                return new ValueTask(context.HttpContext.Response.WriteAsync("请求过于频繁，请稍后再试。", ct));
            };
            limiter.AddPolicy(Login, http => RateLimitPartition.GetFixedWindowLimiter(
                ClientAddress(http),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = o.LoginPermitsPerMinute, Window = TimeSpan.FromMinutes(1) }));
            limiter.AddPolicy(Ingest, http => RateLimitPartition.GetTokenBucketLimiter(
                // The key's hash, not the key: partition keys end up in memory dumps and diagnostics.
                http.Request.Headers["X-Api-Key"] is { Count: > 0 } key ? "key:" + KioskStore.Hash(key.ToString()) : "ip:" + ClientAddress(http),
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = o.IngestPermitsPerSecond,
                    TokensPerPeriod = o.IngestPermitsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                }));
        });
        return services;
    }

    private static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
