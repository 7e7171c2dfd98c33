using CommandCenter.Core.Ingest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CommandCenter.Core.Admin;

public static class AdminStoreExtensions
{
    /// <summary>The stores behind the admin pages (categories, rejects, ingest API keys). TryAdd, because
    /// the ingest side registers <see cref="ApiKeyStore"/> for itself too.</summary>
    public static IServiceCollection AddAdminStores(this IServiceCollection services)
    {
        services.TryAddSingleton<CategoryAdminStore>();
        services.TryAddSingleton<DepartmentAdminStore>();
        services.TryAddSingleton<Units.UnitDirectory>();
        services.TryAddSingleton<Units.UnitAccounts>();
        services.TryAddSingleton<Duty.DutyRoster>();
        services.TryAddSingleton<Duty.Handovers>();
        services.TryAddSingleton<Roster.RosterStore>();
        services.TryAddSingleton<Roster.GridPeopleReader>();
        services.TryAddSingleton<Notices.NoticeStore>();
        services.TryAddSingleton<RejectsStore>();
        services.TryAddSingleton<ApiKeyStore>();
        return services;
    }
}
