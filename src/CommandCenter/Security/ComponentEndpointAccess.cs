using Microsoft.AspNetCore.Authorization;

namespace CommandCenter.Security;

public static class ComponentEndpointAccess
{
    /// <summary>Access to the framework's own endpoints under MapRazorComponents: the Blazor script is
    /// public (the login page loads it), the circuit connection (/_blazor) needs a signed-in user of
    /// any role — the wall screen and unit accounts included, anonymous visitors not (no circuits to hold for strangers).
    /// Pages keep their own [Authorize]/[AllowAnonymous] or the fallback policy.</summary>
    public static RazorComponentsEndpointConventionBuilder WithCommandCenterAccess(this RazorComponentsEndpointConventionBuilder builder)
    {
        builder.Add(endpoint =>
        {
            var pattern = (endpoint as RouteEndpointBuilder)?.RoutePattern.RawText?.TrimStart('/') ?? "";
            if (pattern.StartsWith("_framework/", StringComparison.Ordinal))
                endpoint.Metadata.Add(new AllowAnonymousAttribute());
            else if (pattern.StartsWith("_blazor", StringComparison.Ordinal))
                endpoint.Metadata.Add(new AuthorizeAttribute(Policies.Circuit));
        });
        return builder;
    }
}
