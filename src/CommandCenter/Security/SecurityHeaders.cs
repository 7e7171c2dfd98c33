using CommandCenter.Core.Security;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CommandCenter.Security;

/// <summary>Security headers on every response, and a Content-Security-Policy without inline script:
/// Blazor Server, MudBlazor, Leaflet and ApexCharts load only from this site. Styles allow 'unsafe-inline'
/// because Leaflet positions tiles and markers and ApexCharts sizes charts with inline style attributes
/// and injected style elements, and MudBlazor's theme provider writes its palette as a style element; inline styles cannot run code, inline script could.</summary>
public sealed class SecurityHeaders(RequestDelegate next, IOptions<SecurityOptions> options)
{
    private readonly string _csp = string.Join("; ",
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        // data:/blob: for Leaflet's and MudBlazor's generated images; extra origins for an optional map base layer.
        "img-src 'self' data: blob:" + string.Concat(options.Value.ExtraImageSources.Select(s => " " + s)),
        "font-src 'self' data:",
        // 'self' covers the same-origin ws:/wss: the Blazor circuit and /hubs/live use (CSP level 3).
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'");

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var (http, csp) = ((HttpContext, string))state;
            var h = http.Response.Headers;
            h.ContentSecurityPolicy = csp;
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            // The kiosk link carries its secret in the path: never send it on as a Referer.
            h["Referrer-Policy"] = "no-referrer";
            // geolocation=(self): the grid worker's page /m asks for the phone's position (the browser still
            // asks the person). Granted for the whole site, not per page, because Blazor's enhanced
            // navigation keeps the first document's policy when a worker arrives at /m from another page.
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(self), payment=(), usb=()";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            h["Cross-Origin-Resource-Policy"] = "same-origin";
            // Pages, API answers and exports (CSV) may hold personal data: no browser or proxy cache keeps a
            // copy. Everything that did not choose its own caching gets no-store — a list of content types
            // missed the CSV exports (issue 12); static assets set their own Cache-Control and keep it.
            if (!h.ContainsKey(HeaderNames.CacheControl))
                h.CacheControl = "no-store";
            return Task.CompletedTask;
        }, (context, _csp));
        return next(context);
    }
}
