using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CommandCenter.Core.Campaigns;

public static class CampaignExtensions
{
    /// <summary>专项任务: the store (desk, phone, wall, /trends) and the progress reporter (phone and ingest API).</summary>
    public static IServiceCollection AddCampaigns(this IServiceCollection services)
    {
        services.TryAddSingleton<CampaignStore>();
        services.TryAddSingleton<CampaignProgress>();
        return services;
    }
}
