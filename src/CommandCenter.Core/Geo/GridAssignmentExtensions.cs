using CommandCenter.Core.ChangeFeed;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CommandCenter.Core.Geo;

public static class GridAssignmentExtensions
{
    /// <summary>Registers the in-process <see cref="IGridAssigner"/> (one <see cref="GridAssigner"/>
    /// singleton) and its loader, which fills it from the grids table when the host starts and
    /// reloads it after every grid import it hears of on the change feed (registered here too).
    /// Needs <c>AddCommandCenterData()</c>. Several features need it; calling it again is a no-op,
    /// because a second loader would only load twice.</summary>
    public static IHostApplicationBuilder AddGridAssignment(this IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(d => d.ServiceType == typeof(IGridAssigner)))
            return builder;
        builder.AddChangeFeed();
        builder.Services.AddSingleton(_ => new GridAssigner([]));
        builder.Services.AddSingleton<IGridAssigner>(sp => sp.GetRequiredService<GridAssigner>());
        builder.Services.AddSingleton<GridAssignerLoader>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<GridAssignerLoader>());
        return builder;
    }
}
