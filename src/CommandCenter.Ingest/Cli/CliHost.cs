using CommandCenter.Core.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Ingest.Cli;

/// <summary>A plain host for the command-line tools: configuration (appsettings, environment), the
/// data source and logging, without the web server.</summary>
public static class CliHost
{
    public static IHost Build(Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = "CommandCenter.Ingest",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddCommandCenterData();
        configure?.Invoke(builder);
        return builder.Build();
    }
}
