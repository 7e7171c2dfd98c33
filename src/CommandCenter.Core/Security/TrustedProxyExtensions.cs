using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CommandCenter.Core.Security;

/// <summary>Behind nginx every request comes from the proxy's address: without this, the per-address login
/// limit and lockout would count a whole duty room (and everyone else) as one caller, and the audit log would
/// name the proxy. With <see cref="TrustedProxyOptions.TrustedProxies"/> set, the framework's forwarded-headers
/// middleware takes the client's address and scheme from the proxy's headers — from those proxies only.</summary>
public static class TrustedProxyExtensions
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services)
    {
        services.AddValidatedOptions<TrustedProxyOptions>(TrustedProxyOptions.Section);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TrustedProxyOptions>>((o, trusted) =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback by default; only what is configured counts here.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var entry in trusted.Value.TrustedProxies)
                if (TrustedProxyOptions.TryParse(entry, out var network)) o.KnownIPNetworks.Add(network);
            // One proxy hop: the address nginx saw is the client's; what the client itself wrote is not believed.
            o.ForwardLimit = 1;
        });
        return services;
    }

    /// <summary>First in the pipeline, so rate limits, authentication and the audit log see the client.</summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app)
    {
        var trusted = app.ApplicationServices.GetRequiredService<IOptions<TrustedProxyOptions>>().Value;
        return trusted.TrustedProxies.Length == 0 ? app : app.UseForwardedHeaders();
    }
}
