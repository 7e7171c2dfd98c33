using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CommandCenter.Core.Scorecards;

public static class ScorecardExtensions
{
    public static IServiceCollection AddScorecards(this IServiceCollection services)
    {
        services.TryAddSingleton<ScorecardStore>();
        services.TryAddSingleton<ScorecardMetrics>();
        services.TryAddSingleton<ScoreRanking>();
        services.TryAddSingleton<BulletinBuilder>();
        services.TryAddSingleton<BulletinStore>();
        return services;
    }
}
