using System.Net;
using Npgsql;

namespace CommandCenter.Security;

/// <summary>While PostgreSQL is unreachable no session can be checked, so no page can be served. Without
/// this, the exception reached the error page: an unattended wall that reloaded during a database restart
/// stayed on that page for good (there is no Blazor script on it to reconnect). Instead every request gets
/// a 503 with Retry-After; a page request gets a small Chinese notice that reloads itself (a meta refresh
/// is not script, so it runs under the CSP), and the page heals once the database is back.</summary>
public sealed class DatabaseUnavailable(RequestDelegate next, ILogger<DatabaseUnavailable> logger)
{
    private const int RetrySeconds = 5;

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (NpgsqlException ex) when (!context.Response.HasStarted && IsUnreachable(ex))
        {
            logger.LogWarning("Database unreachable while serving {Path}: {Error}", context.Request.Path, ex.Message);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = RetrySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.Headers.CacheControl = "no-store";
            if (!AcceptsHtml(context.Request))
                return;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(Page(context.Request), context.RequestAborted);
        }
    }

    // A broken query is a bug and must surface as one; only a server that cannot be reached is waited out.
    internal static bool IsUnreachable(NpgsqlException ex) =>
        ex.IsTransient || ex.InnerException is System.Net.Sockets.SocketException or IOException or TimeoutException
        || ex is PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "53300" };

    private static bool AcceptsHtml(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    private static string Page(HttpRequest request) => $"""
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8" /><meta http-equiv="refresh" content="{RetrySeconds}" />
        <title>数据库暂时无法访问</title></head>
        <body style="margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:#071426;color:#e6f1fb;font-family:'Noto Sans CJK SC',sans-serif">
        <div style="text-align:center"><div style="font-size:5vh;font-weight:700;color:#ffc24b">⚠ 数据延迟</div>
        <p style="font-size:2.4vh">数据库暂时无法访问，页面每 {RetrySeconds} 秒自动重试，恢复后自动显示。</p>
        <p style="font-size:1.6vh;color:#9cc3ea">{WebUtility.HtmlEncode(request.Path.Value ?? "/")}</p></div></body></html>
        """;
}
