using System.Net;
using Microsoft.AspNetCore.Http;

namespace CommandCenter.Core.Observability;

/// <summary>A caller on this machine that did not come through a proxy: run.sh, a local monitor or a
/// Prometheus agent on the node. A reverse proxy on the same machine connects from loopback too; it says
/// so with X-Forwarded-For / Forwarded, and then the caller is remote. A trusted proxy's header has been
/// consumed by the forwarded-headers middleware, which leaves X-Original-For behind instead.</summary>
public static class LocalCaller
{
    public static bool IsDirectLoopback(HttpContext http) =>
        !http.Request.Headers.ContainsKey("X-Forwarded-For") && !http.Request.Headers.ContainsKey("Forwarded")
        && !http.Request.Headers.ContainsKey("X-Original-For")
        && http.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip);
}
