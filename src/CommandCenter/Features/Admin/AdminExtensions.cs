using CommandCenter.Core.Admin;

namespace CommandCenter.Features.Admin;

public static class AdminExtensions
{
    /// <summary>Services of the admin pages; their stores live in Core.</summary>
    public static IServiceCollection AddAdminPages(this IServiceCollection services) => services.AddAdminStores();
}
