using CommandCenter.Components;
using CommandCenter.Core.Health;
using CommandCenter.Live;
using CommandCenter.Features.Geo;
using CommandCenter.Features.Trends;
using CommandCenter.Security;
using Radzen;

namespace CommandCenter;

public static class Extensions
{
    public static WebApplicationBuilder AddCommandCenterWeb(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents().WithCommandCenterLimits();
        builder.AddCommandCenterSecurity();
        builder.Services.AddRadzenComponents();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        builder.AddTrends();
        return builder;
    }

    public static WebApplication UseCommandCenterWeb(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseCommandCenterSecurity();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        app.MapCommandCenterHealth().AllowAnonymous();
        app.MapLiveUpdates();
        app.MapGeoEndpoints();
        app.MapTrendExports();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().WithCommandCenterAccess();
        return app;
    }
}
