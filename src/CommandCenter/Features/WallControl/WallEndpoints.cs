using CommandCenter.Core.Security;
using CommandCenter.Core.Walls;
using CommandCenter.Security;

namespace CommandCenter.Features.WallControl;

/// <summary>Wall control over HTTP, for a desk tool that is not this app: send and release (值班员, 领导),
/// and the command the caller's wall follows now (any wall screen or person who may see the wall).</summary>
public static class WallEndpoints
{
    public static IEndpointRouteBuilder MapWallEndpoints(this IEndpointRouteBuilder app)
    {
        var control = app.MapGroup("/api/walls/commands").RequireAuthorization(Policies.WallControl);
        control.MapPost("", async (WallCommandRequest? request, HttpContext http, WallStore store, WallDirector director, CancellationToken ct) =>
        {
            if (request is null) return Results.BadRequest(new { error = "请求体须为 JSON 指令（kind、kioskId、gridCode、regionCode、caseId、durationSeconds）" });
            try
            {
                var command = await store.SendAsync(request, Actor(http), ct, IssuedBy(http.User));
                director.Poke();
                return Results.Ok(command);
            }
            catch (WallCommandException ex) { return Results.BadRequest(new { error = ex.Message }); }
        });
        control.MapPost("/{id:long}/release", async (long id, HttpContext http, WallStore store, WallDirector director, CancellationToken ct) =>
        {
            try
            {
                var done = await store.ReleaseAsync(id, Actor(http), ct);
                director.Poke();
                return done ? Results.Ok(new { released = id }) : Results.NotFound(new { error = $"指令 #{id} 不存在或已结束" });
            }
            catch (WallCommandException ex) { return Results.BadRequest(new { error = ex.Message }); }
        });
        app.MapGet("/api/walls/current", (HttpContext http, WallDirector director) =>
        {
            var user = http.User;
            var command = director.CurrentFor(user.IsKiosk() ? user.SubjectId() : null);
            return command is null ? Results.NoContent() : Results.Ok(command);
        }).RequireAuthorization(Policies.Screen);
        return app;
    }

    /// <summary>"显示名（用户名）", as case timelines name people.</summary>
    internal static string IssuedBy(System.Security.Claims.ClaimsPrincipal user) => $"{user.DisplayName()}（{user.Identity?.Name}）";

    private static AuditActor Actor(HttpContext http) => new(http.User.Identity!.Name!,
        http.User.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value, http.Connection.RemoteIpAddress?.ToString());
}
