using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace CommandCenter.Core.Trends;

public static class TrendFoldExtensions
{
    /// <summary>The trend fold of the primary (<see cref="TrendFold"/>) and its background folder
    /// (<see cref="TrendFolder"/>, section <c>Trends</c>). Needs <c>AddCommandCenterData()</c>.</summary>
    public static IHostApplicationBuilder AddTrendFolder(this IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(d => d.ServiceType == typeof(TrendFold)))
            return builder;
        builder.Services.AddValidatedOptions<TrendFoldOptions>(TrendFoldOptions.Section);
        builder.Services.TryAddSingleton(sp => TrendFold.For(sp.GetRequiredService<NpgsqlDataSource>()));
        builder.Services.AddHostedService<TrendFolder>();
        return builder;
    }
}
