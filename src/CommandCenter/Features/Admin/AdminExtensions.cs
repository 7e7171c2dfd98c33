namespace CommandCenter.Features.Admin;

public static class AdminExtensions
{
    /// <summary>Services of the admin pages (the security stores themselves come from Core).</summary>
    public static IServiceCollection AddAdminPages(this IServiceCollection services)
    {
        services.AddSingleton<CategoryAdminStore>();
        services.AddSingleton<RejectsStore>();
        services.AddSingleton<Core.Ingest.ApiKeyStore>();
        return services;
    }
}
