using CommandCenter.Core;

namespace CommandCenter.Features.Mobile;

public static class MobileExtensions
{
    /// <summary>The grid worker's phone page /m: its ingest client (section "Ingest", validated at start)
    /// and its reads.</summary>
    public static WebApplicationBuilder AddGridWorkerPhone(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<GridIngestOptions>(GridIngestOptions.Section);
        builder.Services.AddHttpClient<GridIngestClient>();
        builder.Services.AddSingleton<WorkerDesk>();
        builder.Services.AddScoped<PhoneLocation>();
        return builder;
    }
}
