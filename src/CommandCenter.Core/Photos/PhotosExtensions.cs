using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CommandCenter.Core.Photos;

public static class PhotosExtensions
{
    /// <summary>Photo checking and storage; limits from the "Photos" section, validated at start.</summary>
    public static IServiceCollection AddCasePhotos(this IServiceCollection services)
    {
        services.AddValidatedOptions<PhotoOptions>(PhotoOptions.Section);
        services.AddSingleton<PhotoProcessor>();
        services.AddSingleton<PhotoStore>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
