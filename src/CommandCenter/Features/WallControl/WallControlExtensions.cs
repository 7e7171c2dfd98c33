using CommandCenter.Core;
using CommandCenter.Core.Walls;

namespace CommandCenter.Features.WallControl;

public static class WallControlExtensions
{
    /// <summary>Named walls, their heartbeats and commands from the desk (issue 16).</summary>
    public static WebApplicationBuilder AddWallControl(this WebApplicationBuilder builder)
    {
        var s = builder.Services;
        s.AddValidatedOptions<WallOptions>(WallOptions.Section);
        s.AddSingleton<WallStore>();
        s.AddSingleton<WallPresenceStore>();
        s.AddSingleton<WallViewLoader>();
        s.AddSingleton<WallDirector>();
        s.AddHostedService(sp => sp.GetRequiredService<WallDirector>());
        s.AddSingleton<WallHubConnections>();
        s.AddHostedService(sp => sp.GetRequiredService<WallHubConnections>());
        // Commands are a few hundred bytes; nothing bigger is ever sent to this hub.
        s.AddSignalR().AddHubOptions<WallHub>(o => o.MaximumReceiveMessageSize = 8 * 1024);
        return builder;
    }

    public static WebApplication MapWallControl(this WebApplication app)
    {
        app.MapHub<WallHub>(WallHub.Path).RequireAuthorization(Security.Policies.Screen);
        app.MapWallEndpoints();
        return app;
    }
}
