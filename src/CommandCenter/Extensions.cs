using CommandCenter.Features.Duty;
using CommandCenter.Core.Security;
using CommandCenter.Features.Work;
using CommandCenter.Core.Campaigns;
using CommandCenter.Features.Campaigns;
using CommandCenter.Components;
using CommandCenter.Core.Health;
using CommandCenter.Live;
using CommandCenter.Core.Photos;
using CommandCenter.Features.Geo;
using CommandCenter.Features.Photos;
using CommandCenter.Features.Scorecards;
using CommandCenter.Features.Trends;
using CommandCenter.Observability;
using CommandCenter.Security;
using CommandCenter.Shared.Ui;
using MudBlazor;
using MudBlazor.Services;

namespace CommandCenter;

public static class Extensions
{
    public static WebApplicationBuilder AddCommandCenterWeb(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents().WithCommandCenterLimits();
        builder.AddCommandCenterSecurity();
        builder.AddWebObservability();
        builder.Services.AddMudServices(o => o.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight);
        builder.Services.AddTransient<MudLocalizer, ChineseMudLocalizer>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        builder.AddTrends();
        builder.AddScorecardPages();
        builder.Services.AddCasePhotos();
        builder.Services.AddSingleton<PhotoAccess>();
        builder.Services.AddSingleton<PhotoIntake>();
        builder.Services.AddSingleton<SignedInUnit>();
        builder.Services.AddCampaigns();
        builder.Services.AddSingleton<DutyBoard>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DutyBoard>());
        return builder;
    }

    public static WebApplication UseCommandCenterWeb(this WebApplication app)
    {
        app.UseTrustedProxies();
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        // One culture for everyone: the UI is Chinese, and MudBlazor formats numbers and dates by the culture.
        app.UseRequestLocalization(o =>
        {
            o.SetDefaultCulture(DayFormat.Culture.Name).AddSupportedCultures(DayFormat.Culture.Name).AddSupportedUICultures(DayFormat.Culture.Name);
            o.RequestCultureProviders.Clear();
        });
        app.UseCommandCenterSecurity();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        app.MapCommandCenterHealth().AllowAnonymous();
        app.MapWebObservability();
        app.MapLiveUpdates();
        app.MapGeoEndpoints();
        app.MapTrendExports();
        app.MapScorecardExports();
        app.MapPhotoEndpoints();
        app.MapWorkExport();
        app.MapCampaignExport();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().WithCommandCenterAccess();
        return app;
    }
}
