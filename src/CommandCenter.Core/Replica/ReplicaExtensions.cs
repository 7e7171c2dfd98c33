using CommandCenter.Core.ChangeFeed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CommandCenter.Core.Replica;

public static class ReplicaExtensions
{
    /// <summary>Registers <see cref="ReadReplica"/> (from <c>ConnectionStrings:Replica</c> and section
    /// <c>Replica</c>) and the <c>replica</c> health check. Needs <c>AddCommandCenterData()</c>.</summary>
    public static IHostApplicationBuilder AddReadReplica(this IHostApplicationBuilder builder)
    {
        if (builder.Services.Any(d => d.ServiceType == typeof(ReadReplica)))
            return builder;
        builder.AddChangeFeed();
        builder.Services.AddOptions<ReplicaOptions>()
            .BindConfiguration(ReplicaOptions.Section)
            .Configure<IConfiguration>((o, config) =>
                o.ConnectionString = config.GetConnectionString(ReplicaOptions.ConnectionStringName) ?? "")
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<ReadReplica>();
        builder.Services.AddHealthChecks().AddCheck<ReplicaHealthCheck>("replica");
        return builder;
    }
}
