using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Core;

public static class ValidatedOptionsExtensions
{
    /// <summary>Binds <typeparamref name="T"/> to a configuration section and validates its data annotations
    /// when the host starts, so a wrong setting stops the app with a message instead of failing later.</summary>
    public static IServiceCollection AddValidatedOptions<T>(this IServiceCollection services, string section)
        where T : class
    {
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
