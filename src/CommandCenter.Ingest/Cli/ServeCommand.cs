using System.CommandLine;
using CommandCenter.Core.Data;

namespace CommandCenter.Ingest.Cli;

public static class ServeCommand
{
    private static readonly Option<string?> Urls = new("--urls")
    {
        Description = "Addresses to listen on, e.g. http://127.0.0.1:5081 (default: ASPNETCORE_URLS or http://127.0.0.1:5081).",
    };

    public static Command Create()
    {
        var serve = new Command("serve", "Run the HTTP ingest API (the default command).") { Urls };
        serve.SetAction((parse, ct) => RunAsync(parse.GetValue(Urls), ct));
        return serve;
    }

    public static async Task<int> RunAsync(string? urls, CancellationToken ct)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(IngestProgram).Assembly.GetName().Name,
        });
        if (!string.IsNullOrEmpty(urls))
            builder.WebHost.UseUrls(urls);
        builder.AddCommandCenterData();
        builder.AddIngestApi();
        var app = builder.Build();
        if (!await app.PrepareDatabaseAsync(ct))
            return 1;
        app.UseIngestApi();
        await app.RunAsync(ct);
        return 0;
    }
}
