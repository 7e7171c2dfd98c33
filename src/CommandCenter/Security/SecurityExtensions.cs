using Microsoft.AspNetCore.SignalR;
using CommandCenter.Core.Security;
using CommandCenter.Features.Admin;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Npgsql;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;

namespace CommandCenter.Security;

public static class SecurityExtensions
{
    public const string CookieName = "cc.auth";

    /// <summary>Authentication (cookie + server-side session), authorization policies with a fallback
    /// that requires a signed-in person, circuit revalidation, hub revalidation and rate limits.</summary>
    public static WebApplicationBuilder AddCommandCenterSecurity(this WebApplicationBuilder builder)
    {
        builder.AddCommandCenterSecurityCore();
        var services = builder.Services;
        // One key ring for every node, in the database (see DataProtectionKeyStore).
        services.AddDataProtection().SetApplicationName("CommandCenter");
        services.AddOptions<KeyManagementOptions>().Configure<NpgsqlDataSource>((o, db) => o.XmlRepository = new DataProtectionKeyStore(db));
        services.AddSingleton<SessionCookieEvents>();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                // Lax, not Strict: a wall screen's browser opening its kiosk link from a bookmark or a
                // start-up script must carry the cookie it just received into /screen. Cross-site POSTs
                // never carry it, and every form also checks an antiforgery token.
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // Secure whenever served over HTTPS
                o.LoginPath = "/login";
                o.LogoutPath = "/account/logout";
                o.AccessDeniedPath = "/account/denied";
                o.ReturnUrlParameter = "returnUrl";
                o.SlidingExpiration = true;
                o.EventsType = typeof(SessionCookieEvents);
            });
        // The idle timeout and the clock come from SecurityOptions and DI (tests fix the clock).
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<SecurityOptions>, TimeProvider>((o, security, clock) =>
            {
                o.ExpireTimeSpan = security.Value.IdleTimeout;
                o.TimeProvider = clock;
            });
        services.AddAuthorization(Policies.Configure);
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, SessionRevalidatingAuthenticationStateProvider>();
        services.AddScoped<ClientOrigin>();
        services.AddScoped<CurrentActor>();
        services.AddSingleton<HubSessionRevalidator>();
        services.AddHostedService(sp => sp.GetRequiredService<HubSessionRevalidator>());
        services.AddSignalR(o => o.AddFilter<HubSessionRevalidator>())
            // /hubs/live is push-only: clients send the handshake and pings, nothing else, so 4 KB is ample
            // and a client that sends more is cut off instead of being buffered.
            .AddHubOptions<Live.LiveHub>(o => o.MaximumReceiveMessageSize = 4 * 1024);
        services.AddCommandCenterRateLimits();
        services.AddAdminPages();
        // Chinese text goes out as text, not as &#x...; entities; markup characters (< > & " ') are
        // still escaped by the same encoder, so XSS protection is unchanged.
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        return builder;
    }

    /// <summary>The security middleware, in order: headers on everything, then authentication,
    /// authorization and rate limits (call before <c>UseAntiforgery</c> and the endpoints).</summary>
    public static WebApplication UseCommandCenterSecurity(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
            app.UseHsts(); // only ever sent over HTTPS
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<DatabaseUnavailable>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapAccountEndpoints();
        return app;
    }
}
