using CommandCenter.Core.Data.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CommandCenter.Core.Data;

public static class DataExtensions
{
    /// <summary>Registers the one <see cref="NpgsqlDataSource"/> of the process, the migration runner
    /// and the clock. Every I/O path gets its connections from this data source.</summary>
    public static IHostApplicationBuilder AddCommandCenterData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>()
            .Configure<IConfiguration>((o, config) =>
                o.ConnectionString = config.GetConnectionString(DatabaseOptions.ConnectionStringName) ?? "")
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            return CreateDataSource(options.ConnectionString, builder.Environment.ApplicationName);
        });
        builder.Services.AddSingleton<MigrationRunner>();
        builder.Services.AddSingleton<DatabaseProbe>();
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }

    /// <summary>The data source every process and test uses: PostGIS geometry mapped to NetTopologySuite.</summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString, string applicationName)
    {
        var csb = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(csb.ApplicationName))
            csb.ApplicationName = applicationName;
        var builder = new NpgsqlDataSourceBuilder(csb.ConnectionString);
        // geometry columns and parameters are NetTopologySuite types, so no code converts WKB by hand.
        builder.UseNetTopologySuite();
        return builder.Build();
    }
}
