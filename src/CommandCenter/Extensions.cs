using CommandCenter.Components;
using CommandCenter.Core.Health;
using CommandCenter.Live;
using CommandCenter.Features.Geo;
using Radzen;

namespace CommandCenter;

public static class Extensions
{
    public static WebApplicationBuilder AddCommandCenterWeb(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddRadzenComponents();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

    public static WebApplication UseCommandCenterWeb(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapCommandCenterHealth();
        app.MapLiveUpdates();
        app.MapGeoEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
