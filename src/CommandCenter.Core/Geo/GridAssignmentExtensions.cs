using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CommandCenter.Core.Geo;

public static class GridAssignmentExtensions
{
    /// <summary>Registers the in-process <see cref="IGridAssigner"/> (one <see cref="GridAssigner"/>
    /// singleton) and its loader, which fills it from the grids table when the host starts and
    /// reloads it after every grid import. Needs <c>AddCommandCenterData()</c>.</summary>
    public static IHostApplicationBuilder AddGridAssignment(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(_ => new GridAssigner([]));
        builder.Services.AddSingleton<IGridAssigner>(sp => sp.GetRequiredService<GridAssigner>());
        builder.Services.AddSingleton<GridAssignerLoader>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<GridAssignerLoader>());
        return builder;
    }
}
